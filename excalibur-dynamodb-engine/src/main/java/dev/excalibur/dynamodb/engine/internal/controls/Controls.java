package dev.excalibur.dynamodb.engine.internal.controls;

import dev.excalibur.dynamodb.engine.EngineRequest;
import dev.excalibur.dynamodb.engine.FaultRule;
import dev.excalibur.dynamodb.engine.internal.transport.Answer;
import dev.excalibur.dynamodb.engine.internal.transport.DispatchHook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * The engine's test controls at the transport's dispatch: the fault rules (which request gets which
 * fault, see {@link FaultRule}), the optional creation delay of tables ({@link TableActivation}) and the
 * request log (the last N answers). A request first waits the latency rules' delays, then gets the first
 * fault that fires, else is served as the table statuses allow. Thread-safe; a rule's firing (its count
 * and its random draw) is atomic. Internal to the engine: users reach it through
 * {@code DynamoDbEngine.faults()}, {@code requests()} and {@code reset()}.
 */
public final class Controls implements DispatchHook {

    private static final JsonNodeParser JSON = JsonNode.parser();

    private final Clock clock;
    private final List<Registration> rules = new CopyOnWriteArrayList<>();
    private final RequestLog log;
    private final TableActivation activation;
    private final String tableArnPrefix;

    /**
     * Controls that stamp the log with {@code clock} and keep its last {@code logCapacity} entries; new tables
     * are CREATING for {@code creationDelay} of {@code clock} time (none when zero); throttling errors name
     * tables by ARN in the engine's {@code region} and {@code accountId}.
     */
    public Controls(Clock clock, int logCapacity, Duration creationDelay, String region, String accountId) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tableArnPrefix = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/";
        this.log = new RequestLog(logCapacity);
        this.activation = new TableActivation(clock, Objects.requireNonNull(creationDelay, "creationDelay"));
    }

    /** Adds a rule after the others. */
    public void add(FaultRule rule) {
        rules.add(new Registration(Objects.requireNonNull(rule, "rule")));
    }

    /** Removes every registration of {@code rule}; false if it had none left. */
    public boolean remove(FaultRule rule) {
        return rules.removeIf(registration -> registration.rule == rule);
    }

    /** Removes every rule. */
    public void clearRules() {
        rules.clear();
    }

    /** The rules still registered, in order. */
    public List<FaultRule> rules() {
        return rules.stream().map(registration -> registration.rule).toList();
    }

    /** The log's entries, oldest first. */
    public List<EngineRequest> requests() {
        return log.snapshot();
    }

    /** Empties the log. */
    public void clearRequests() {
        log.clear();
    }

    /** Removes every rule, forgets the tables being created and empties the log. */
    public void reset() {
        rules.clear();
        activation.clear();
        log.clear();
    }

    @Override
    public SdkPojo dispatch(String operation, SdkPojo request, UnaryOperator<SdkPojo> engine) {
        if (rules.isEmpty() && !activation.delays()) {
            return engine.apply(request);
        }
        RequestView view = new RequestView(request);
        Duration delay = Duration.ZERO;
        FaultRule fault = null;
        for (Registration registration : rules) {
            FaultRule rule = registration.rule;
            boolean latency = rule.kind() == FaultRule.Kind.LATENCY;
            if ((latency || fault == null) && FaultActions.matches(rule, operation, view) && registration.fire()) {
                if (latency) {
                    delay = delay.plus(rule.latency());
                } else {
                    fault = rule;
                }
            }
        }
        sleep(delay);
        UnaryOperator<SdkPojo> served = r -> activation.serve(operation, view, r, engine);
        return fault == null
                ? served.apply(request)
                : FaultActions.apply(fault, operation, view, request, served, tableArnPrefix);
    }

    @Override
    public void answered(String operation, SdkPojo request, Answer answer) {
        List<String> tables = request == null ? List.of() : new RequestView(request).tables();
        log.add(new EngineRequest(
                clock.instant(), operation, tables, answer.statusCode(), errorCode(answer), answer.requestId()));
    }

    /** The code after '#' in an error answer's {@code __type}; null for a success or a body without one. */
    private static String errorCode(Answer answer) {
        if (answer.statusCode() == 200 || answer.body().length == 0) {
            return null;
        }
        try {
            Map<String, JsonNode> body = JSON.parse(answer.body()).asObject();
            JsonNode type = body.get("__type");
            if (type == null || !type.isString()) {
                return null;
            }
            String text = type.asString();
            return text.substring(text.indexOf('#') + 1);
        } catch (RuntimeException e) {
            // not a JSON object: an answer the bridge did not write, so it carries no error code
            return null;
        }
    }

    /** Waits the latency rules' total delay; an interrupt ends the wait early and stays set on the thread. */
    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A rule as added: how many firings it has left and its random sequence. */
    private final class Registration {
        private final FaultRule rule;
        private final Random random;
        private int remaining;

        Registration(FaultRule rule) {
            this.rule = rule;
            this.random = new Random(rule.seed());
            this.remaining = rule.times().orElse(-1);
        }

        /** Whether the rule fires on a match: draws if it has a probability, counts down if it has times (removed at 0). */
        synchronized boolean fire() {
            if (remaining == 0 || (rule.probability() < 1 && random.nextDouble() >= rule.probability())) {
                return false;
            }
            if (remaining > 0 && --remaining == 0) {
                rules.remove(this);
            }
            return true;
        }
    }
}
