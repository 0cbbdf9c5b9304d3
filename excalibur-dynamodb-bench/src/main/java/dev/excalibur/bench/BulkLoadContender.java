package dev.excalibur.bench;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.BulkWrite;
import dev.excalibur.data.dynamodb.BulkWriteResult;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** One way of loading many orders into an empty table (partition key = the order's customer). */
interface BulkLoadContender {

    /** A load into one table, set up beforehand (not measured). */
    interface Load {
        /** Stores every order; returns how many the contender reports stored. */
        int store(List<Order> orders);
    }

    String name();

    /** Gets ready to load into {@code table}: clients, schemas, the provider's table check. */
    Load into(String table);

    /** Ours: {@code bulkWrite} (BatchWriteItem, 25 per request, {@code bulkConcurrency} requests in flight, retries). */
    static BulkLoadContender provider(DynamoDbAsyncClient client) {
        return new BulkLoadContender() {
            @Override
            public String name() {
                return "Excalibur provider bulkWrite (25 per request, 4 in flight)";
            }

            @Override
            public Load into(String table) {
                DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                        .client(client)
                        .options(o -> o.tableName(table))
                        .build();
                provider.initialize().join();
                Contender.require(provider.options().bulkConcurrency() == 4, "bulkConcurrency is the default 4");
                return orders -> {
                    BulkWriteResult result = provider.bulkWrite(orders.stream()
                                    .map(o -> BulkWrite.put(PartitionKey.of(o.customer()), o))
                                    .toList())
                            .join();
                    Contender.require(result.isComplete(), "bulk write stored everything: " + result.failures());
                    return result.written();
                };
            }
        };
    }

    /** The naive way: one {@code PutItem} after the other, each awaited. */
    static BulkLoadContender naivePutLoop(DynamoDbAsyncClient client) {
        return new BulkLoadContender() {
            @Override
            public String name() {
                return "naive sequential PutItem loop (raw SDK, hand mapping, one await per item)";
            }

            @Override
            public Load into(String table) {
                return orders -> {
                    for (Order order : orders) {
                        client.putItem(b -> b.tableName(table).item(RawSdkContender.toItem(order, 1)))
                                .join();
                    }
                    return orders.size();
                };
            }
        };
    }

    /**
     * The peer at the same concurrency as ours: the Enhanced Client's {@code batchWriteItem} on its
     * async client, 25 puts per call, {@code inFlight} calls in flight (each of {@code inFlight}
     * lanes takes the next 25 orders when its call is done), unprocessed puts re-sent. A batch
     * write cannot carry the version check, so the client is built without extensions (the bean's
     * version attribute is then a plain, unset attribute), as the SDK's error message for batch
     * writes advises.
     */
    static BulkLoadContender enhanced(DynamoDbAsyncClient client, int inFlight) {
        DynamoDbEnhancedAsyncClient enhanced = DynamoDbEnhancedAsyncClient.builder()
                .dynamoDbClient(client)
                .extensions()
                .build();
        TableSchema<OrderBean> schema = TableSchema.fromBean(OrderBean.class);
        return new BulkLoadContender() {
            @Override
            public String name() {
                return "AWS Enhanced Client batchWriteItem (25 per call, " + inFlight
                        + " in flight, unprocessed re-sent)";
            }

            @Override
            public Load into(String tableName) {
                DynamoDbAsyncTable<OrderBean> table = enhanced.table(tableName, schema);
                return orders -> {
                    AtomicInteger next = new AtomicInteger();
                    CompletableFuture<?>[] lanes = new CompletableFuture<?>[inFlight];
                    for (int lane = 0; lane < inFlight; lane++) {
                        lanes[lane] = lane(enhanced, table, orders, next);
                    }
                    CompletableFuture.allOf(lanes).join();
                    return orders.size();
                };
            }
        };
    }

    /** One lane: writes the next 25 orders not yet taken, then the next, until none are left. */
    private static CompletableFuture<Void> lane(
            DynamoDbEnhancedAsyncClient enhanced,
            DynamoDbAsyncTable<OrderBean> table,
            List<Order> orders,
            AtomicInteger next) {
        int from = next.getAndIncrement() * 25;
        if (from >= orders.size()) {
            return CompletableFuture.completedFuture(null);
        }
        List<OrderBean> batch = orders.subList(from, Math.min(orders.size(), from + 25)).stream()
                .map(o -> OrderBean.of(o.customer(), o))
                .toList();
        return write(enhanced, table, batch).thenCompose(done -> lane(enhanced, table, orders, next));
    }

    /** One batchWriteItem call, then again with its unprocessed puts until there are none. */
    private static CompletableFuture<Void> write(
            DynamoDbEnhancedAsyncClient enhanced, DynamoDbAsyncTable<OrderBean> table, List<OrderBean> pending) {
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        WriteBatch.Builder<OrderBean> batch =
                WriteBatch.builder(OrderBean.class).mappedTableResource(table);
        pending.forEach(batch::addPutItem);
        return enhanced.batchWriteItem(b -> b.addWriteBatch(batch.build()))
                .thenCompose(result -> write(enhanced, table, result.unprocessedPutItemsForTable(table)));
    }

    /**
     * Loads the orders into a new table (which the caller drops), measures items per second, and
     * checks that the contender reports and the table holds every order.
     */
    static double itemsPerSecond(BulkLoadContender contender, EmbeddedDynamoDb db, String table, List<Order> orders) {
        CrudThroughputBenchmark.createTable(db, table);
        Load load = contender.into(table);
        long start = System.nanoTime();
        int stored = load.store(orders);
        double seconds = (System.nanoTime() - start) / 1e9;
        Contender.require(stored == orders.size(), contender.name() + " stored " + stored + " of " + orders.size());
        int counted = db.client().scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
                .mapToInt(ScanResponse::count)
                .sum();
        Contender.require(
                counted == orders.size(), contender.name() + ": the table holds " + counted + " of " + orders.size());
        return stored / seconds;
    }
}
