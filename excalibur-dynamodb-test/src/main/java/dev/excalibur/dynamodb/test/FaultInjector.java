package dev.excalibur.dynamodb.test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>It keeps every request it counts, as sent (after this and earlier interceptors changed it), so
 * a test can check what its code asked for when the engine's answer cannot tell:
 * {@code faults.requests("GetItem")} holds the {@code GetItemRequest}s with their
 * {@code ConsistentRead} flag, say. The requests are kept until {@link #reset()}.
 */
public final class FaultInjector implements ExecutionInterceptor {

    /** Matches every operation in {@link #failNext} and {@link #failNextAfterDelivery}. */
    public static final String ANY_OPERATION = "*";

    private static final ExecutionAttribute<Fault> LOST_ANSWER = new ExecutionAttribute<>("FaultInjector.lostAnswer");
    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> WITHHELD_WRITES =
            new ExecutionAttribute<>("FaultInjector.withheldWrites");
    private static final ExecutionAttribute<Map<String, KeysAndAttributes>> WITHHELD_KEYS =
            new ExecutionAttribute<>("FaultInjector.withheldKeys");

    private final Map<String, Integer> requestCounts = new HashMap<>();
    private final Map<String, List<SdkRequest>> requests = new HashMap<>();
    private final List<Plan> plans = new ArrayList<>();
    private final List<Plan> afterDelivery = new ArrayList<>();
    private int withholdRequests;
    private int withholdItems;
    private int totalRequests;

    private FaultInjector() {}

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
     * caller sees when a 500 or a dropped connection follows a committed write. Independent of
     * {@link #failNext}: a request failed before sending does not use up one of these.
     */
    public synchronized FaultInjector failNextAfterDelivery(int times, String operation, Fault fault) {
        afterDelivery.add(plan(times, operation, fault));
        return this;
    }

    /**
     * For the next {@code times} {@code BatchWriteItem} or {@code BatchGetItem} requests, keeps the
     * last {@code items} writes or keys, counted over all tables of the request, from the engine and
     * reports them as {@code UnprocessedItems} / {@code UnprocessedKeys} (with the table's read
     * settings), as DynamoDB does when a batch exceeds the throughput available. At least one entry
     * of each batch is sent, so a batch of one is passed on untouched and does not count. Replaces
     * any withholding not yet used.
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

    /**
     * The requests of {@code operation} (the SDK operation name such as {@code "GetItem"}) sent, or
     * failed by a fault before sending, since creation or the last {@link #reset()}, in the order
     * they were sent, as they were sent (after any interceptor, this one included, changed them);
     * one per attempt, so a retried call appears once per try. A copy: later requests do not change
     * it.
     */
    public synchronized List<SdkRequest> requests(String operation) {
        return List.copyOf(requests.getOrDefault(Objects.requireNonNull(operation, "operation"), List.of()));
    }

    /**
     * As {@link #requests(String)}, for requests of the given type only (such as
     * {@code GetItemRequest.class}), cast to it.
     */
    public synchronized <R extends SdkRequest> List<R> requests(String operation, Class<R> type) {
        Objects.requireNonNull(type, "type");
        return requests(operation).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Requests of every operation since creation or the last {@link #reset()}. */
    public synchronized int totalRequests() {
        return totalRequests;
    }

    /** Forgets the counts, the requests kept and every fault not yet used. */
    public synchronized void reset() {
        requestCounts.clear();
        requests.clear();
        plans.clear();
        afterDelivery.clear();
        withholdRequests = 0;
        withholdItems = 0;
        totalRequests = 0;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof BatchWriteItemRequest write) {
            Map<String, List<WriteRequest>> sent = new LinkedHashMap<>();
            Map<String, List<WriteRequest>> withheld = new LinkedHashMap<>();
            if (split(write.requestItems(), sent, withheld)) {
                attributes.putAttribute(WITHHELD_WRITES, withheld);
                return write.toBuilder().requestItems(sent).build();
            }
        }
        if (request instanceof BatchGetItemRequest get) {
            Map<String, List<Map<String, AttributeValue>>> keys = new LinkedHashMap<>();
            get.requestItems().forEach((table, k) -> keys.put(table, k.keys()));
            Map<String, List<Map<String, AttributeValue>>> sentKeys = new LinkedHashMap<>();
            Map<String, List<Map<String, AttributeValue>>> withheldKeys = new LinkedHashMap<>();
            if (split(keys, sentKeys, withheldKeys)) {
                attributes.putAttribute(WITHHELD_KEYS, withKeys(get.requestItems(), withheldKeys));
                return get.toBuilder()
                        .requestItems(withKeys(get.requestItems(), sentKeys))
                        .build();
            }
        }
        return request;
    }

    /** The read settings of {@code requested} for each table of {@code keys}, with those keys. */
    private static Map<String, KeysAndAttributes> withKeys(
            Map<String, KeysAndAttributes> requested, Map<String, List<Map<String, AttributeValue>>> keys) {
        Map<String, KeysAndAttributes> result = new LinkedHashMap<>();
        keys.forEach((table, k) ->
                result.put(table, requested.get(table).toBuilder().keys(k).build()));
        return result;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Fault fault;
        Fault lost;
        synchronized (this) {
            requestCounts.merge(operation, 1, Integer::sum);
            requests.computeIfAbsent(operation, o -> new ArrayList<>()).add(context.request());
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
        // Thrown here, before unmarshalling, the exception reaches sync and async callers as is; thrown
        // from afterUnmarshalling or modifyResponse a sync client would wrap it in an SdkClientException.
        Fault lost = executionAttributes.getAttribute(LOST_ANSWER);
        if (lost != null) {
            context.responseBody().ifPresent(FaultInjector::closeQuietly);
            throw lost.toException();
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        Map<String, List<WriteRequest>> writes = attributes.getAttribute(WITHHELD_WRITES);
        if (writes != null && response instanceof BatchWriteItemResponse write) {
            Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>(write.unprocessedItems());
            writes.forEach((table, items) -> unprocessed.merge(table, items, FaultInjector::concat));
            return write.toBuilder().unprocessedItems(unprocessed).build();
        }
        Map<String, KeysAndAttributes> keys = attributes.getAttribute(WITHHELD_KEYS);
        if (keys != null && response instanceof BatchGetItemResponse get) {
            Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>(get.unprocessedKeys());
            keys.forEach((table, k) -> unprocessed.merge(
                    table,
                    k,
                    (a, b) -> a.toBuilder().keys(concat(a.keys(), b.keys())).build()));
            return get.toBuilder().unprocessedKeys(unprocessed).build();
        }
        return response;
    }

    /** How many entries of a batch of {@code total} to withhold, using up one request if any. */
    private synchronized int takeWithhold(int total) {
        int count = Math.min(withholdItems, total - 1);
        if (withholdRequests == 0 || count < 1) {
            return 0;
        }
        withholdRequests--;
        return count;
    }

    /**
     * Moves the last entries (at most all but one, counted over every table) from {@code all} to
     * {@code withheld} and the rest to {@code sent}; false, with both left empty, if none is withheld.
     */
    private <E> boolean split(Map<String, List<E>> all, Map<String, List<E>> sent, Map<String, List<E>> withheld) {
        int total = all.values().stream().mapToInt(List::size).sum();
        int withhold = takeWithhold(total);
        if (withhold == 0) {
            return false;
        }
        int keep = total - withhold;
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
        return true;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // the answer is being thrown away; a failure to release it changes nothing for the caller
        }
    }

    private static <E> List<E> concat(List<E> a, List<E> b) {
        List<E> joined = new ArrayList<>(a);
        joined.addAll(b);
        return joined;
    }

    private static @Nullable Fault take(List<Plan> plans, String operation) {
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
                + ", pending after delivery=" + afterDelivery.size() + ", withheld batches to come=" + withholdRequests
                + "]";
    }
}
