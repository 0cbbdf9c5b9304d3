package dev.excalibur.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.ShardLease;
import dev.excalibur.cdc.dynamodb.state.ShardState;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The benchmarks measure real work: every CRUD contender leaves the order created and then
 * updated; query contenders read every page they claim, batch contenders commit 100 new orders,
 * bulk loaders store every order; and a contender that does less fails the run.
 */
@ExtendWith(EmbeddedDynamoDbExtension.class)
class ContendersTest {

    @Test
    void rawSdkContenderCreatesReadsAndUpdates(EmbeddedDynamoDb db, @TestTableName String table) {
        assertShipped(db, table, RawSdkContender::new);
    }

    @Test
    void enhancedClientContenderCreatesReadsAndUpdates(EmbeddedDynamoDb db, @TestTableName String table) {
        assertShipped(db, table, EnhancedClientContender::new);
    }

    @Test
    void providerContenderCreatesReadsAndUpdates(EmbeddedDynamoDb db, @TestTableName String table) {
        assertShipped(
                db,
                table,
                (client, name) -> new ProviderContender(DynamoDbPersistenceProvider.builder()
                        .client(client)
                        .options(o -> o.tableName(name))
                        .build()));
    }

    @Test
    void aRepeatedCreateIsRefusedSoEveryRoundWritesNewOrders(EmbeddedDynamoDb db, @TestTableName String table) {
        CrudThroughputBenchmark.createTable(db, table);
        Contender raw = new RawSdkContender(db.asyncClient(), table);
        raw.createReadUpdate(3).join();

        assertThatThrownBy(() -> raw.createReadUpdate(3).join())
                .hasCauseInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void recordedResponsesServeEveryContender() {
        try (DynamoDbAsyncClient canned = CannedResponseHttpClient.client()) {
            DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                    .client(canned)
                    .options(o -> o.tableName("Orders"))
                    .build();
            for (Contender contender : new Contender[] {
                new RawSdkContender(canned, "Orders"),
                new EnhancedClientContender(canned, "Orders"),
                new ProviderContender(provider)
            }) {
                assertThat(contender.createReadUpdate(1)).succeedsWithin(Duration.ofSeconds(10));
            }
            for (Rounds.Workload workload : List.of(
                    QueryPageWorkload.raw(canned, "Orders", "CUSTOMER#1", 3, 300),
                    QueryPageWorkload.provider(provider, "CUSTOMER#1", 3, 300),
                    BatchCommitWorkload.raw(canned, "Orders"),
                    BatchCommitWorkload.provider(provider))) {
                assertThat(workload.call(0)).as(workload.name()).succeedsWithin(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void queryWorkloadsFollowThePagesThroughThePartition(EmbeddedDynamoDb db, @TestTableName String table) {
        CrudThroughputBenchmark.createTable(db, table);
        List<Order> orders =
                IntStream.range(0, 250).mapToObj(i -> Order.number(i * 100 + 1)).toList();
        BulkLoadContender.provider(db.asyncClient()).into(table).store(orders);
        try (DynamoDbPersistenceProvider provider = provider(db, table)) {
            List<QueryPageWorkload<?>> whole = List.of(
                    QueryPageWorkload.raw(db.asyncClient(), table, "CUSTOMER#1", 3, 250),
                    QueryPageWorkload.provider(provider, "CUSTOMER#1", 3, 250));
            for (QueryPageWorkload<?> workload : whole) {
                assertThat(workload.call(0).join()).as(workload.name()).isEqualTo(250);
                assertThat(workload.call(1).join())
                        .as("every call reads from the start")
                        .isEqualTo(250);
            }
            for (QueryPageWorkload<?> firstTwo : List.of(
                    QueryPageWorkload.raw(db.asyncClient(), table, "CUSTOMER#1", 2, 200),
                    QueryPageWorkload.provider(provider, "CUSTOMER#1", 2, 200))) {
                assertThat(firstTwo.call(0).join()).as(firstTwo.name()).isEqualTo(200);
            }
            for (QueryPageWorkload<?> wrong : List.of(
                    QueryPageWorkload.raw(db.asyncClient(), table, "CUSTOMER#1", 3, 300),
                    QueryPageWorkload.provider(provider, "CUSTOMER#1", 4, 250),
                    QueryPageWorkload.provider(provider, "CUSTOMER#2", 3, 250))) {
                assertThatThrownBy(() -> wrong.call(0).join()).as(wrong.name()).hasMessageContaining("misbehaved");
            }
        }
    }

    @Test
    void batchWorkloadsCommitOneHundredNewOrdersPerCall(EmbeddedDynamoDb db, @TestTableName String table) {
        CrudThroughputBenchmark.createTable(db, table);
        try (DynamoDbPersistenceProvider provider = provider(db, table)) {
            BatchCommitWorkload.raw(db.asyncClient(), table).call(1).join();
            BatchCommitWorkload.provider(provider).call(2).join();

            assertThat(count(db, table, BatchCommitWorkload.partition(1))).isEqualTo(100);
            assertThat(count(db, table, BatchCommitWorkload.partition(2))).isEqualTo(100);
            Map<String, AttributeValue> stored = db.client()
                    .getItem(b -> b.tableName(table)
                            .key(Map.of(
                                    "pk",
                                    AttributeValue.fromS(BatchCommitWorkload.partition(2)),
                                    "sk",
                                    AttributeValue.fromS("ORDER#299"))))
                    .item();
            assertThat(stored.get("status").s()).isEqualTo("PLACED");
            assertThatThrownBy(() -> BatchCommitWorkload.raw(db.asyncClient(), table)
                            .call(2)
                            .join())
                    .hasCauseInstanceOf(TransactionCanceledException.class);
            assertThatThrownBy(
                            () -> BatchCommitWorkload.provider(provider).call(1).join())
                    .hasMessageContaining("batch committed");
        }
    }

    @Test
    void bulkLoadersStoreEveryOrderInAFreshTable(EmbeddedDynamoDb db, @TestTableName String table) {
        List<Order> orders = IntStream.range(0, 60).mapToObj(Order::number).toList();
        List<BulkLoadContender> contenders = List.of(
                BulkLoadContender.provider(db.asyncClient()),
                BulkLoadContender.naivePutLoop(db.asyncClient()),
                BulkLoadContender.enhanced(db.asyncClient(), BulkLoadBenchmark.IN_FLIGHT));
        for (int i = 0; i < contenders.size(); i++) {
            String fresh = table + "_" + i;
            assertThat(BulkLoadContender.itemsPerSecond(contenders.get(i), db, fresh, orders))
                    .isPositive();

            Order order = Order.number(42);
            Map<String, AttributeValue> stored = db.client()
                    .getItem(b -> b.tableName(fresh)
                            .key(Map.of(
                                    "pk",
                                    AttributeValue.fromS(order.customer()),
                                    "sk",
                                    AttributeValue.fromS(order.id()))))
                    .item();
            assertThat(stored.get("total").n())
                    .as(contenders.get(i).name())
                    .isEqualTo(order.total().toPlainString());
            assertThat(stored.get("tags").l()).extracting(AttributeValue::s).containsExactlyElementsOf(order.tags());
        }
    }

    @Test
    void theEnhancedClientPeerKeepsAsManyBatchWritesInFlightAsOurs(EmbeddedDynamoDb db, @TestTableName String table) {
        List<Order> orders = IntStream.range(0, 200).mapToObj(Order::number).toList();
        List<Function<DynamoDbAsyncClient, BulkLoadContender>> contenders = List.of(
                BulkLoadContender::provider, client -> BulkLoadContender.enhanced(client, BulkLoadBenchmark.IN_FLIGHT));
        for (int i = 0; i < contenders.size(); i++) {
            InFlightGate gate = new InFlightGate(BulkLoadBenchmark.IN_FLIGHT, Duration.ofSeconds(10));
            try (DynamoDbAsyncClient gated = db.asyncClient(gate)) {
                BulkLoadContender contender = contenders.get(i).apply(gated);
                String fresh = table + "_" + i;
                CrudThroughputBenchmark.createTable(db, fresh);

                assertThat(contender.into(fresh).store(orders)).isEqualTo(200);

                assertThat(gate.opened())
                        .as(
                                "%s had %d batch writes in flight before the first answer",
                                contender.name(), BulkLoadBenchmark.IN_FLIGHT)
                        .isTrue();
                assertThat(gate.maxInFlight()).as(contender.name()).isEqualTo(BulkLoadBenchmark.IN_FLIGHT);
                assertThat(gate.calls()).as("8 batches of 25").isEqualTo(8);
            }
        }
    }

    /**
     * Counts BatchWriteItem calls in flight, and holds the first answer back until {@code expected}
     * calls are in flight (or the deadline passes; then {@link #opened()} is false): a contender
     * with that many in flight reaches exactly that many, whatever the timing.
     */
    private static final class InFlightGate implements ExecutionInterceptor {
        private final int expected;
        private final Duration deadline;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();
        private boolean opened;
        private boolean timedOut;

        InFlightGate(int expected, Duration deadline) {
            this.expected = expected;
            this.deadline = deadline;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchWriteItemRequest) {
                calls.incrementAndGet();
                max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        @Override
        public synchronized void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchWriteItemRequest) || opened || timedOut) {
                return;
            }
            long end = System.nanoTime() + deadline.toNanos();
            try {
                while (inFlight.get() < expected) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        timedOut = true;
                        return;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
                opened = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchWriteItemRequest) {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchWriteItemRequest) {
                inFlight.decrementAndGet();
            }
        }

        synchronized boolean opened() {
            return opened;
        }

        int maxInFlight() {
            return max.get();
        }

        int calls() {
            return calls.get();
        }
    }

    @Test
    void aBulkLoadThatLosesOrdersFailsTheBenchmark(EmbeddedDynamoDb db, @TestTableName String table) {
        BulkLoadContender naive = BulkLoadContender.naivePutLoop(db.asyncClient());
        BulkLoadContender lossy = new BulkLoadContender() {
            @Override
            public String name() {
                return "lossy";
            }

            @Override
            public Load into(String tableName) {
                Load load = naive.into(tableName);
                return orders -> load.store(orders.subList(1, orders.size())) + 1;
            }
        };

        assertThatThrownBy(() ->
                        BulkLoadContender.itemsPerSecond(lossy, db, table, List.of(Order.number(1), Order.number(2))))
                .hasMessageContaining("the table holds 1 of 2");
    }

    private static DynamoDbPersistenceProvider provider(EmbeddedDynamoDb db, String table) {
        return DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient())
                .options(o -> o.tableName(table))
                .build();
    }

    private static int count(EmbeddedDynamoDb db, String table, String partition) {
        return db.client()
                .query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .select("COUNT")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))))
                .count();
    }

    private static void assertShipped(
            EmbeddedDynamoDb db, String table, BiFunction<DynamoDbAsyncClient, String, Contender> make) {
        CrudThroughputBenchmark.createTable(db, table);
        Contender contender = make.apply(db.asyncClient(), table);

        contender.createReadUpdate(7).join();

        Order order = Order.number(7);
        Map<String, AttributeValue> stored = db.client()
                .getItem(b -> b.tableName(table)
                        .key(Map.of(
                                "pk", AttributeValue.fromS(order.customer()), "sk", AttributeValue.fromS(order.id()))))
                .item();
        assertThat(stored.get("status").s()).isEqualTo("SHIPPED");
        assertThat(stored.get("customer").s()).isEqualTo(order.customer());
        assertThat(stored.get("tags").l()).extracting(AttributeValue::s).containsExactlyElementsOf(order.tags());
    }

    @Test
    void cdcContendersReadEveryRecordOfTheStreamAndOursCheckpointsThem(EmbeddedDynamoDb db) throws Exception {
        String table = CdcBenchmark.streamTable(db, "Bench_cdc_check");
        CdcBenchmark.write(db.client(), table, 0, 25, 0);
        CdcBenchmark.write(db.client(), table, 25, 25, 0);
        List<String> inStream = new ArrayList<>();
        CdcDeliveryWorkload.readRaw(
                db.asyncClient(),
                db.streamsAsyncClient(),
                table,
                100,
                50,
                record -> inStream.add(record.dynamodb().sequenceNumber()),
                () -> false);
        String lastInStream =
                inStream.stream().max(Comparator.comparing(BigInteger::new)).orElseThrow();
        InMemoryCdcStateStore store = new InMemoryCdcStateStore();
        CdcDeliveryWorkload raw = CdcDeliveryWorkload.raw(db.asyncClient(), db.streamsAsyncClient(), table, 10);
        CdcDeliveryWorkload.ProcessorWorkload ours =
                CdcDeliveryWorkload.processor(db.asyncClient(), db.streamsAsyncClient(), table, store, "in memory", 10);

        assertThat(inStream).hasSize(50);
        assertThat(raw.readAll(50)).isPositive();
        Set<String> processors = new HashSet<>();
        for (int run = 1; run <= 2; run++) {
            assertThat(ours.readAll(50)).isPositive();
            CdcDeliveryWorkload.Run delivered = ours.lastRun();
            assertThat(processors.add(delivered.processor()))
                    .as("a new processor name per run")
                    .isTrue();
            assertThat(delivered.records().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .as("run %d reads every record from the oldest again", run)
                    .isEqualTo(50);
            assertThat(delivered.lastSequenceNumbers()).containsValue(lastInStream);
            List<ShardState> shards = store.shards(delivered.processor());
            assertThat(shards)
                    .extracting(ShardState::shardId)
                    .containsAll(delivered.lastSequenceNumbers().keySet());
            for (ShardState shard : shards) {
                assertThat(shard.checkpoint().sequenceNumber())
                        .as("checkpoint of %s after run %d", shard.shardId(), run)
                        .isEqualTo(delivered.lastSequenceNumbers().get(shard.shardId()));
                assertThat(shard.recordsProcessed())
                        .as("records counted on %s", shard.shardId())
                        .isEqualTo(delivered.records().getOrDefault(shard.shardId(), 0L));
                assertThat(shard.owner())
                        .as("the stopped processor released %s", shard.shardId())
                        .isNull();
            }
            assertThat(shards.stream().mapToLong(ShardState::recordsProcessed).sum())
                    .isEqualTo(50);
        }
    }

    @Test
    void aProcessorRunWhoseCheckpointsAreNotWrittenFailsTheBenchmark(EmbeddedDynamoDb db) throws Exception {
        String table = CdcBenchmark.streamTable(db, "Bench_cdc_lost_checkpoints");
        CdcBenchmark.write(db.client(), table, 0, 20, 0);
        InMemoryCdcStateStore kept = new InMemoryCdcStateStore();
        CdcStateStore forgetful = new CdcStateStore() {
            @Override
            public List<ShardState> shards(String processor) {
                return kept.shards(processor);
            }

            @Override
            public Optional<ShardLease> acquire(
                    String processor, String streamArn, String shardId, String owner, Duration duration) {
                return kept.acquire(processor, streamArn, shardId, owner, duration);
            }

            @Override
            public boolean renew(ShardLease lease, Duration duration) {
                return kept.renew(lease, duration);
            }

            @Override
            public void checkpoint(ShardLease lease, ShardCheckpoint checkpoint, long recordsHandled) {
                // lost
            }

            @Override
            public void release(ShardLease lease) {
                kept.release(lease);
            }

            @Override
            public void removeFinished(String processor, String shardId) {
                kept.removeFinished(processor, shardId);
            }

            @Override
            public boolean delete(String processor) {
                return kept.delete(processor);
            }
        };
        CdcDeliveryWorkload ours = CdcDeliveryWorkload.processor(
                db.asyncClient(), db.streamsAsyncClient(), table, forgetful, "forgetful", 10);

        assertThatThrownBy(() -> ours.readAll(20)).hasMessageContaining("at the last delivered record");
    }
}
