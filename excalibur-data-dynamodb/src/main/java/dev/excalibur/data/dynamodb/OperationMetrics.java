package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.batch.CloudBatchResult;
import dev.excalibur.data.cloudnative.query.CloudQueryResult;
import dev.excalibur.data.dynamodb.internal.Calls;
import dev.excalibur.data.internal.Futures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What the provider and its stores report through Micrometer: an observation per operation (name
 * {@value #OPERATION}; low-cardinality keys {@code operation}, {@code table}, {@code outcome}: success,
 * not_found, conflict, precondition, throttled, failed or error), so a meter handler makes a timer
 * of it and a tracing handler a span; with a meter registry also the consumed capacity
 * ({@value #CAPACITY}) and the retries ({@value #RETRIES}).
 */
final class OperationMetrics implements Calls.Observer {

    static final String OPERATION = "excalibur.dynamodb.operation";
    static final String CAPACITY = "excalibur.dynamodb.consumed.capacity";
    static final String RETRIES = "excalibur.dynamodb.retries";

    private final ObservationRegistry observations;
    private final @Nullable MeterRegistry meters;
    private final String table;
    /** False without registries: an observation and its outcome would go nowhere. */
    private final boolean reporting;

    OperationMetrics(@Nullable ObservationRegistry observations, @Nullable MeterRegistry meters, String table) {
        this.observations = observations == null ? ObservationRegistry.NOOP : observations;
        this.meters = meters;
        this.table = table;
        this.reporting = this.observations != ObservationRegistry.NOOP || meters != null;
    }

    /** The same registries, reporting for another table (a store's). */
    OperationMetrics forTable(String otherTable) {
        return new OperationMetrics(observations, meters, otherTable);
    }

    /** Runs the call inside an observation of {@code operation} that ends with the call's outcome. */
    @Override
    public <O> CompletableFuture<O> observe(String operation, Supplier<CompletableFuture<O>> call) {
        if (!reporting) {
            return call.get();
        }
        Observation observation = Observation.createNotStarted(OPERATION, observations)
                .lowCardinalityKeyValue("operation", operation)
                .lowCardinalityKeyValue("table", table)
                .start();
        CompletableFuture<O> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            observation.lowCardinalityKeyValue("outcome", "error").error(e).stop();
            throw e;
        }
        return result.whenComplete((value, error) -> {
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                observation
                        .lowCardinalityKeyValue("outcome", throttled(cause) ? "throttled" : "error")
                        .error(cause);
            } else {
                observation.lowCardinalityKeyValue("outcome", outcome(value));
                capacity(operation, value);
            }
            observation.stop();
        });
    }

    /** Counts one retry of a call. */
    void retried() {
        if (meters != null) {
            Counter.builder(RETRIES)
                    .description("DynamoDB calls repeated after a transient failure")
                    .tag("table", table)
                    .register(meters)
                    .increment();
        }
    }

    private void capacity(String operation, @Nullable Object value) {
        double units = value instanceof CloudOperationResult<?> r
                ? r.requestCharge()
                : value instanceof CloudQueryResult<?> q
                        ? q.requestCharge()
                        : value instanceof CloudBatchResult b
                                ? b.requestCharge()
                                : value instanceof BulkWriteResult w
                                        ? w.requestCharge()
                                        : value instanceof BulkGetResult<?> g ? g.requestCharge() : 0;
        if (meters != null && units > 0) {
            DistributionSummary.builder(CAPACITY)
                    .description("DynamoDB capacity units consumed")
                    .baseUnit("capacity units")
                    .tag("operation", operation)
                    .tag("table", table)
                    .register(meters)
                    .record(units);
        }
    }

    static String outcome(@Nullable Object value) {
        if (value instanceof CloudOperationResult<?> result) {
            return status(result.statusCode());
        }
        if (value instanceof CloudBatchResult batch) {
            return batch.success()
                    ? "success"
                    : batch.firstFailureIndex().isPresent()
                            ? status(batch.operationResults()
                                    .get(batch.firstFailureIndex().getAsInt())
                                    .statusCode())
                            : "failed";
        }
        if (value instanceof BulkWriteResult write) {
            return write.failures().isEmpty() ? "success" : "failed";
        }
        if (value instanceof BulkGetResult<?> read) {
            return read.failures().isEmpty() ? "success" : "failed";
        }
        return "success";
    }

    private static String status(int code) {
        switch (code) {
            case CloudOperationResult.OK:
                return "success";
            case CloudOperationResult.NOT_FOUND:
                return "not_found";
            case CloudOperationResult.CONFLICT:
                return "conflict";
            case CloudOperationResult.PRECONDITION_FAILED:
                return "precondition";
            case CloudOperationResult.TOO_MANY_REQUESTS:
                return "throttled";
            default:
                return "failed";
        }
    }

    private static boolean throttled(Throwable cause) {
        Throwable current = cause;
        while (current != null) {
            if (current instanceof AwsServiceException service && service.isThrottlingException()) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }
}
