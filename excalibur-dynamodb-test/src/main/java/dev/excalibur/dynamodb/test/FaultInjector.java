package dev.excalibur.dynamodb.test;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 *
 * <p>It also loses answers ({@link #failNextAfterDelivery}: the engine applied the request, the
 * caller gets a fault) and makes batch requests leave items unprocessed
 * ({@link #withholdBatchItems}), two things DynamoDB does under load that DynamoDB Local never does.
 */
public final class FaultInjector implements ExecutionInterceptor {

    /** Matches every operation in {@link #failNext}. */
    public static final String ANY_OPERATION = "*";

    private final Map<String, Integer> requestCounts = new HashMap<>();
    private static final ExecutionAttribute<Fault> LOST_ANSWER = new ExecutionAttribute<>("FaultInjector.lostAnswer");
    private static final ExecutionAttribute<Object> WITHHELD = new ExecutionAttribute<>("FaultInjector.withheld");

    private final List<Plan> plans = new ArrayList<>();
    private final List<Plan> afterDelivery = new ArrayList<>();
    private int withholdRequests;
    private int withholdItems;
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
        plans.add(plan(times, operation, fault));
        return this;
    }

    private static Plan plan(int times, String operation, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        if (Objects.requireNonNull(operation, "operation").isBlank()) {
            throw new IllegalArgumentException("operation must not be blank");
        }
        return new Plan(operation, times, Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Lets the next {@code times} requests of {@code operation} (or {@link #ANY_OPERATION}) reach the
     * engine and be applied, then fails them with {@code fault} as if the answer were lost: what a
     * caller sees when a 500 or a dropped connection follows a committed write.
     */
    public synchronized FaultInjector failNextAfterDelivery(int times, String operation, Fault fault) {
        afterDelivery.add(plan(times, operation, fault));
        return this;
    }

    /**
     * For the next {@code times} {@code BatchWriteItem} or {@code BatchGetItem} requests, keeps the
     * last {@code items} writes or keys (at most all but one) from the engine and reports them as
     * {@code UnprocessedItems} / {@code UnprocessedKeys}, as DynamoDB does when a batch exceeds
     * the throughput available.
     */
    public synchronized FaultInjector withholdBatchItems(int times, int items) {
        if (times < 1 || items < 1) {
            throw new IllegalArgumentException("times and items must be at least 1, were " + times + " and " + items);
        }
        withholdRequests = times;
        withholdItems = items;
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
        afterDelivery.clear();
        withholdRequests = 0;
        totalRequests = 0;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof BatchWriteItemRequest write && takeWithhold()) {
            Map<String, List<WriteRequest>> sent = new LinkedHashMap<>();
            Map<String, List<WriteRequest>> withheld = new LinkedHashMap<>();
            split(write.requestItems(), sent, withheld);
            attributes.putAttribute(WITHHELD, withheld);
            return write.toBuilder().requestItems(sent).build();
        }
        if (request instanceof BatchGetItemRequest get && takeWithhold()) {
            Map<String, List<Map<String, AttributeValue>>> keys = new LinkedHashMap<>();
            get.requestItems().forEach((table, k) -> keys.put(table, k.keys()));
            Map<String, List<Map<String, AttributeValue>>> sentKeys = new LinkedHashMap<>();
            Map<String, List<Map<String, AttributeValue>>> withheldKeys = new LinkedHashMap<>();
            split(keys, sentKeys, withheldKeys);
            Map<String, KeysAndAttributes> sent = new LinkedHashMap<>();
            Map<String, KeysAndAttributes> withheld = new LinkedHashMap<>();
            sentKeys.forEach((table, k) -> sent.put(table, get.requestItems().get(table).toBuilder().keys(k).build()));
            withheldKeys.forEach((table, k) -> withheld.put(table, get.requestItems().get(table).toBuilder().keys(k).build()));
            attributes.putAttribute(WITHHELD, withheld);
            return get.toBuilder().requestItems(sent).build();
        }
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Fault fault;
        Fault lost;
        synchronized (this) {
            requestCounts.merge(operation, 1, Integer::sum);
            totalRequests++;
            fault = take(plans, operation);
            lost = fault == null ? take(afterDelivery, operation) : null;
        }
        if (fault != null) {
            throw fault.toException();
        }
        if (lost != null) {
            executionAttributes.putAttribute(LOST_ANSWER, lost);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
        Fault lost = executionAttributes.getAttribute(LOST_ANSWER);
        if (lost != null) {
            throw lost.toException();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Object withheld = attributes.getAttribute(WITHHELD);
        SdkResponse response = context.response();
        if (withheld == null) {
            return response;
        }
        if (response instanceof BatchWriteItemResponse write) {
            Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>(write.unprocessedItems());
            ((Map<String, List<WriteRequest>>) withheld).forEach((table, items) -> unprocessed.merge(table, items, FaultInjector::concat));
            return write.toBuilder().unprocessedItems(unprocessed).build();
        }
        if (response instanceof BatchGetItemResponse get) {
            Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>(get.unprocessedKeys());
            ((Map<String, KeysAndAttributes>) withheld).forEach((table, keys) -> unprocessed.merge(table, keys,
                    (a, b) -> a.toBuilder().keys(concat(a.keys(), b.keys())).build()));
            return get.toBuilder().unprocessedKeys(unprocessed).build();
        }
        return response;
    }

    private synchronized boolean takeWithhold() {
        if (withholdRequests == 0) {
            return false;
        }
        withholdRequests--;
        return true;
    }

    /** Moves the last entries (at most all but one, counted over every table) from {@code all} to {@code withheld}. */
    private <E> void split(Map<String, List<E>> all, Map<String, List<E>> sent, Map<String, List<E>> withheld) {
        int total = all.values().stream().mapToInt(List::size).sum();
        int keep;
        synchronized (this) {
            keep = total - Math.min(withholdItems, total - 1);
        }
        for (Map.Entry<String, List<E>> table : all.entrySet()) {
            List<E> items = table.getValue();
            int here = Math.min(keep, items.size());
            keep -= here;
            if (here > 0) {
                sent.put(table.getKey(), new ArrayList<>(items.subList(0, here)));
            }
            if (here < items.size()) {
                withheld.put(table.getKey(), new ArrayList<>(items.subList(here, items.size())));
            }
        }
    }

    private static <E> List<E> concat(List<E> a, List<E> b) {
        List<E> joined = new ArrayList<>(a);
        joined.addAll(b);
        return joined;
    }

    private static Fault take(List<Plan> plans, String operation) {
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
        return "FaultInjector[requests=" + requestCounts + ", pending plans=" + plans.size()
                + ", pending after delivery=" + afterDelivery.size() + ", withheld batches to come=" + withholdRequests + "]";
    }
}
