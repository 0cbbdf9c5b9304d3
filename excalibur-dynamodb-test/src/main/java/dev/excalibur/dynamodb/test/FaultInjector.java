package dev.excalibur.dynamodb.test;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An SDK {@link ExecutionInterceptor} that counts the requests a client sends and, on demand, fails
 * the next N of them with a chosen {@link Fault} instead of sending them. The failed request never
 * reaches DynamoDB, just as a throttled request is not applied. Register it on a client made by
 * {@link EmbeddedDynamoDb#asyncClient(ExecutionInterceptor...)} (or any SDK client). Thread-safe.
 *
 * <pre>{@code
 * FaultInjector faults = FaultInjector.create();
 * DynamoDbAsyncClient client = db.asyncClient(faults);
 * faults.failNext(3, "PutItem", Fault.throttling());
 * }</pre>
 */
public final class FaultInjector implements ExecutionInterceptor {

    /** Matches every operation in {@link #failNext}. */
    public static final String ANY_OPERATION = "*";

    private final Map<String, Integer> requestCounts = new HashMap<>();
    private final List<Plan> plans = new ArrayList<>();
    private int totalRequests;

    private FaultInjector() {
    }

    /** A fault injector with no faults planned and no requests counted. */
    public static FaultInjector create() {
        return new FaultInjector();
    }

    /**
     * Fails the next {@code times} requests of {@code operation} (the SDK operation name such as
     * {@code "PutItem"}, or {@link #ANY_OPERATION}) with {@code fault}. Plans run in the order given.
     */
    public synchronized FaultInjector failNext(int times, String operation, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        if (Objects.requireNonNull(operation, "operation").isBlank()) {
            throw new IllegalArgumentException("operation must not be blank");
        }
        plans.add(new Plan(operation, times, Objects.requireNonNull(fault, "fault")));
        return this;
    }

    /** Requests of {@code operation} sent (or failed by a fault) since creation or the last {@link #reset()}. */
    public synchronized int requestCount(String operation) {
        return requestCounts.getOrDefault(Objects.requireNonNull(operation, "operation"), 0);
    }

    /** Requests of every operation since creation or the last {@link #reset()}. */
    public synchronized int totalRequests() {
        return totalRequests;
    }

    /** Forgets the counts and every fault not yet used. */
    public synchronized void reset() {
        requestCounts.clear();
        plans.clear();
        totalRequests = 0;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Fault fault = record(operation);
        if (fault != null) {
            throw fault.toException();
        }
    }

    private synchronized Fault record(String operation) {
        requestCounts.merge(operation, 1, Integer::sum);
        totalRequests++;
        for (Iterator<Plan> it = plans.iterator(); it.hasNext(); ) {
            Plan plan = it.next();
            if (plan.operation.equals(ANY_OPERATION) || plan.operation.equals(operation)) {
                if (--plan.remaining == 0) {
                    it.remove();
                }
                return plan.fault;
            }
        }
        return null;
    }

    private static final class Plan {
        private final String operation;
        private final Fault fault;
        private int remaining;

        Plan(String operation, int remaining, Fault fault) {
            this.operation = operation;
            this.remaining = remaining;
            this.fault = fault;
        }
    }

    @Override
    public synchronized String toString() {
        return "FaultInjector[requests=" + requestCounts + ", pending plans=" + plans.size() + "]";
    }
}
