package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.internal.ServiceErrors;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Non-atomic bulk loads: {@code BatchWriteItem} 25 writes per request and {@code BatchGetItem} 100
 * keys per request, a bounded number of requests in flight, unprocessed items re-sent with
 * jittered backoff, and what still fails reported per item.
 */
final class BulkLoader {

    static final int WRITES_PER_REQUEST = 25;
    static final int KEYS_PER_REQUEST = 100;

    /** One item of a load: its position in the caller's list, its key, and what to send. */
    private record Entry<R>(int index, String partition, String id, R request) {
        String key() {
            return keyOf(partition, id);
        }

        static String keyOf(String partition, String id) {
            return partition + '\u0000' + id;
        }
    }

    /** What one request left unprocessed. */
    private record Round<R>(List<Entry<R>> unprocessed) {}

    private final DynamoDbAsyncClient client;
    private final RetryPolicy retry;
    private final Items items;
    private final String table;
    private final int concurrency;
    private final int maxRounds;

    BulkLoader(DynamoDbAsyncClient client, RetryPolicy retry, Items items, DynamoDbOptions options) {
        this.client = client;
        this.retry = retry;
        this.items = items;
        this.table = options.qualifiedTableName();
        this.concurrency = options.bulkConcurrency();
        this.maxRounds = Math.max(options.maxRetryAttempts(), 1) * 3;
    }

    /**
     * Validates the writes (ids, sizes, no item written twice) at once, before any call, then
     * writes them once {@code ready}'s future completes.
     *
     * @throws IllegalArgumentException naming the write's index
     */
    CompletableFuture<BulkWriteResult> write(List<BulkWrite> writes, Supplier<CompletableFuture<Void>> ready) {
        List<Entry<WriteRequest>> entries = new ArrayList<>(writes.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            BulkWrite write = writes.get(i);
            if (write == null) {
                throw new IllegalArgumentException("write " + i + " is null");
            }
            Entry<WriteRequest> entry;
            try {
                Items.requirePartitionKey(write.partitionKey());
                String partition = write.partitionKey().value();
                if (write.document() != null) {
                    Map<String, AttributeValue> item = items.item(write.document(), partition, Items.newEtag());
                    entry = new Entry<>(
                            i,
                            partition,
                            items.idOf(item),
                            WriteRequest.builder().putRequest(b -> b.item(item)).build());
                } else {
                    Map<String, AttributeValue> key = items.key(partition, write.documentId());
                    entry = new Entry<>(
                            i,
                            partition,
                            write.documentId(),
                            WriteRequest.builder()
                                    .deleteRequest(b -> b.key(key))
                                    .build());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("write " + i + ": " + e.getMessage(), e);
            }
            Integer earlier = seen.putIfAbsent(entry.key(), i);
            if (earlier != null) {
                throw new IllegalArgumentException("writes " + earlier + " and " + i + " both address document '"
                        + entry.id() + "' in partition '" + entry.partition() + "'; a bulk write takes each item once");
            }
            entries.add(entry);
        }
        DoubleAdder charge = new DoubleAdder();
        return ready.get()
                .thenCompose(initialized -> run(entries, WRITES_PER_REQUEST, pending -> {
                    List<WriteRequest> requests = new ArrayList<>(pending.size());
                    Map<String, Entry<WriteRequest>> byKey = new HashMap<>(pending.size() * 2);
                    for (Entry<WriteRequest> entry : pending) {
                        requests.add(entry.request());
                        byKey.put(entry.key(), entry);
                    }
                    return retry.execute(() -> client.batchWriteItem(b -> b.requestItems(Map.of(table, requests))
                                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                            .thenApply(response -> {
                                charge.add(Capacity.units(response.consumedCapacity()));
                                List<Entry<WriteRequest>> unprocessed = new ArrayList<>();
                                for (WriteRequest left :
                                        response.unprocessedItems().getOrDefault(table, List.of())) {
                                    Map<String, AttributeValue> key = left.putRequest() != null
                                            ? left.putRequest().item()
                                            : left.deleteRequest().key();
                                    unprocessed.add(byKey.get(Entry.keyOf(items.partitionOf(key), items.idOf(key))));
                                }
                                return new Round<>(unprocessed);
                            });
                }))
                .thenApply(failures -> new BulkWriteResult(entries.size() - failures.size(), failures, charge.sum()));
    }

    /**
     * Validates the ids at once, then, once {@code ready} completes, reads the documents with
     * these ids from one partition (each id once).
     */
    <T> CompletableFuture<BulkGetResult<T>> get(
            PartitionKey partitionKey,
            Collection<String> ids,
            boolean consistent,
            Class<T> type,
            Supplier<CompletableFuture<Void>> ready) {
        String partition = partitionKey.value();
        List<Entry<Map<String, AttributeValue>>> entries = new ArrayList<>(ids.size());
        Map<String, Boolean> distinct = new LinkedHashMap<>();
        int index = 0;
        for (String id : ids) {
            try {
                Items.requireId(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("id " + index + ": " + e.getMessage(), e);
            }
            if (distinct.putIfAbsent(id, Boolean.TRUE) == null) {
                entries.add(new Entry<>(index, partition, id, items.key(partition, id)));
            }
            index++;
        }
        Map<String, T> found = new ConcurrentHashMap<>();
        DoubleAdder charge = new DoubleAdder();
        return ready.get()
                .thenCompose(initialized -> run(entries, KEYS_PER_REQUEST, pending -> {
                    List<Map<String, AttributeValue>> keys = new ArrayList<>(pending.size());
                    Map<String, Entry<Map<String, AttributeValue>>> byKey = new HashMap<>(pending.size() * 2);
                    for (Entry<Map<String, AttributeValue>> entry : pending) {
                        keys.add(entry.request());
                        byKey.put(entry.key(), entry);
                    }
                    KeysAndAttributes request = KeysAndAttributes.builder()
                            .keys(keys)
                            .consistentRead(consistent)
                            .build();
                    return retry.execute(() -> client.batchGetItem(b -> b.requestItems(Map.of(table, request))
                                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                            .thenApply(response -> {
                                charge.add(Capacity.units(response.consumedCapacity()));
                                for (Map<String, AttributeValue> item :
                                        response.responses().getOrDefault(table, List.of())) {
                                    found.put(
                                            items.idOf(item),
                                            items.codec().fromItem(item, type, items.bookkeepingAttributes()));
                                }
                                KeysAndAttributes left =
                                        response.unprocessedKeys().get(table);
                                List<Entry<Map<String, AttributeValue>>> unprocessed = new ArrayList<>();
                                if (left != null) {
                                    for (Map<String, AttributeValue> key : left.keys()) {
                                        unprocessed.add(
                                                byKey.get(Entry.keyOf(items.partitionOf(key), items.idOf(key))));
                                    }
                                }
                                return new Round<>(unprocessed);
                            });
                }))
                .thenApply(failures -> {
                    Map<String, T> documents = new LinkedHashMap<>();
                    List<String> missing = new ArrayList<>();
                    java.util.Set<String> failed = new java.util.HashSet<>();
                    failures.forEach(f -> failed.add(f.documentId()));
                    for (String id : distinct.keySet()) {
                        T document = found.get(id);
                        if (document != null) {
                            documents.put(id, document);
                        } else if (!failed.contains(id)) {
                            missing.add(id);
                        }
                    }
                    return new BulkGetResult<>(documents, missing, failures, charge.sum());
                });
    }

    /**
     * Sends the entries in chunks, at most {@code concurrency} requests at once, re-sending what a
     * request left unprocessed after a jittered backoff; completes with what finally failed, in
     * the order given.
     */
    private <R> CompletableFuture<List<BulkFailure>> run(
            List<Entry<R>> entries, int chunkSize, Function<List<Entry<R>>, CompletableFuture<Round<R>>> send) {
        ConcurrentLinkedQueue<List<Entry<R>>> chunks = new ConcurrentLinkedQueue<>();
        for (int from = 0; from < entries.size(); from += chunkSize) {
            chunks.add(entries.subList(from, Math.min(entries.size(), from + chunkSize)));
        }
        ConcurrentLinkedQueue<BulkFailure> failures = new ConcurrentLinkedQueue<>();
        CompletableFuture<List<BulkFailure>> done = new CompletableFuture<>();
        int workers = Math.min(concurrency, chunks.size());
        if (workers == 0) {
            done.complete(List.of());
            return done;
        }
        AtomicInteger running = new AtomicInteger(workers);
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            List<Entry<R>> chunk = chunks.poll();
            if (chunk == null) {
                if (running.decrementAndGet() == 0) {
                    List<BulkFailure> sorted = new ArrayList<>(failures);
                    sorted.sort(java.util.Comparator.comparingInt(BulkFailure::index));
                    done.complete(sorted);
                }
                return;
            }
            sendChunk(chunk, 0, send, failures).whenComplete((ignored, error) -> worker[0].run());
        };
        for (int i = 0; i < workers; i++) {
            worker[0].run();
        }
        return done;
    }

    private <R> CompletableFuture<Void> sendChunk(
            List<Entry<R>> pending,
            int round,
            Function<List<Entry<R>>, CompletableFuture<Round<R>>> send,
            Collection<BulkFailure> failures) {
        CompletableFuture<Round<R>> sent;
        try {
            sent = send.apply(pending);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((result, error) -> {
                    if (error != null) {
                        String reason =
                                ServiceErrors.translate("bulk", table, error).getMessage();
                        pending.forEach(e -> failures.add(new BulkFailure(e.index(), e.partition(), e.id(), reason)));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    List<Entry<R>> left = result.unprocessed();
                    if (left.isEmpty()) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (round >= maxRounds) {
                        String reason =
                                "still unprocessed by DynamoDB after " + maxRounds + " retries (throughput exceeded)";
                        left.forEach(e -> failures.add(new BulkFailure(e.index(), e.partition(), e.id(), reason)));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return CompletableFuture.runAsync(
                                    () -> {},
                                    CompletableFuture.delayedExecutor(
                                            retry.backoffMillis(round), TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> sendChunk(left, round + 1, send, failures));
                })
                .thenCompose(Function.identity());
    }
}
