package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Refused settings stop a real application start with Boot's failure report listing each problem. */
class InvalidOptionsFailureAnalyzerTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ExcaliburDynamoDbAutoConfiguration.class)
    static class Application {}

    @Test
    void aStartWithRefusedPropertiesReportsEveryProblemOnALineOfItsOwn() {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> application.run(
                            "--excalibur.dynamodb.max-retry-attempts=-1",
                            "--excalibur.dynamodb.partition-key-attribute= ",
                            "--spring.main.banner-mode=off"))
                    .hasRootCauseInstanceOf(dev.excalibur.data.InvalidOptionsException.class);
        } finally {
            System.setErr(original);
        }
        String report = err.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .contains("APPLICATION FAILED TO START")
                .contains("Excalibur DynamoDB refused its settings (4 problems):")
                .containsPattern("(?m)^ {4}- tableName is required$")
                .containsPattern("(?m)^ {4}- .*Region or ServiceUrl is required")
                .containsPattern("(?m)^ {4}- .*maxRetryAttempts")
                .containsPattern("(?m)^ {4}- .*partitionKeyAttribute")
                .contains("maxRetryAttempts is excalibur.dynamodb.max-retry-attempts");
    }
}
