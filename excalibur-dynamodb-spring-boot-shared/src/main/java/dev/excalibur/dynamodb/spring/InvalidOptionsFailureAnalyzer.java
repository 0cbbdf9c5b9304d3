package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.InvalidOptionsException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns settings that Excalibur refused at start-up into Spring Boot's failure report: every
 * problem on a line of its own, instead of a stack trace with the list folded into one message.
 */
class InvalidOptionsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOptionsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidOptionsException cause) {
        String problems =
                cause.problems().stream().map(problem -> "    - " + problem).collect(Collectors.joining("\n"));
        String description = "Excalibur DynamoDB refused its settings ("
                + cause.problems().size() + " problem" + (cause.problems().size() == 1 ? "" : "s") + "):\n" + problems;
        String action = "Correct the settings named above: each is an excalibur.dynamodb.* property in kebab case"
                + " (maxRetryAttempts is excalibur.dynamodb.max-retry-attempts), unless a DynamoDbProviderCustomizer or"
                + " a bean of yours sets it; the configuration metadata lists every property with its default.";
        return new FailureAnalysis(description, action, cause);
    }
}
