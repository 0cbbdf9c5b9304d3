package dev.excalibur.cdc.dynamodb.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.DynamoDbCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.FaultRule;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * Stream topologies and events DynamoDB Local could not produce, made with the engine's controls: a shard split
 * during a run, a stream of four open shards shared by three instances, a checkpointed shard that leaves the
 * stream, deletions by time to live. Each test on an engine of its own.
 */
class CdcEngineScenariosTest {

    @Test
    void aShardSplitIntoTwoChildrenDuringARunLosesNothingDuplicatesNothingAndKeepsPerItemOrder() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            StreamTable table = StreamTable.create(db, "cdc_split");
            Recorder recorder = new Recorder();
            CountDownLatch split = new CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();
            try (CdcProcessor processor = CdcProcessorTest.processor(db, table, new InMemoryCdcStateStore(), "split")
                    .handler(change -> {
                        recorder.handle(change);
                        if (handled.incrementAndGet() == 100) {
                            split.await(); // the 100th change of 400 in the parent: the split comes in the middle of it
                        }
                    })
                    .build()) {
                table.writeVersions("item-", 200, 2);
                String parent = openShards(db, table.name()).get(0);
                List<String> children;
                try {
                    processor.start();
                    recorder.awaitDistinct(100, 30);
                    children = db.engine().splitShard(table.name(), parent, 2);
                } finally {
                    split.countDown();
                }
                for (int version = 3; version <= 5; version++) {
                    table.writeVersion("item-", 200, version);
                }
                recorder.awaitDistinct(1000, 60);

                assertThat(recorder.duplicates())
                        .as("a clean run delivers each change once")
                        .isZero();
                assertThat(recorder.firstDeliveryVersions())
                        .hasSize(200)
                        .allSatisfy((item, versions) -> assertThat(versions).containsExactly(1, 2, 3, 4, 5));
                Map<String, Long> perShard = recorder.deliveries().stream()
                        .collect(Collectors.groupingBy(d -> d.change().shardId(), Collectors.counting()));
                assertThat(perShard).containsOnlyKeys(parent, children.get(0), children.get(1));
                assertThat(perShard.get(parent)).isEqualTo(400);
                assertThat(perShard.get(children.get(0)) + perShard.get(children.get(1)))
                        .isEqualTo(200 * 3);
                assertThat(perShard.get(children.get(0)))
                        .as("each child takes a part of the keys")
                        .isPositive();
                assertThat(perShard.get(children.get(1)))
                        .as("each child takes a part of the keys")
                        .isPositive();
            }
        }
    }

    /** One handler call: the shard, which instance handled it, and when (nanoTime, from start to return). */
    private record Handling(String shard, int instance, long start, long end) {}

    @Test
    void threeInstancesShareFourOpenShardsOneHandlerAtATimeAndTheSurvivorsTakeOverAKilledOnesShards() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(engine -> engine.shardsPerStream(4))) {
            StreamTable table = StreamTable.create(db, "cdc_four_shards");
            List<String> shards = openShards(db, table.name());
            assertThat(shards).hasSize(4);
            CdcStateStore store = DynamoDbCdcStateStore.builder()
                    .client(db.asyncClient())
                    .tableName(db.newTableName("CdcState"))
                    .build();
            Recorder recorder = new Recorder();
            List<Handling> handlings = new CopyOnWriteArrayList<>();
            List<CdcProcessor> instances = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int instance = i;
                instances.add(CdcProcessorTest.processor(db, table, store, "shared")
                        .maxConcurrentShards(2)
                        .leaseDuration(Duration.ofMillis(1500))
                        .handler(change -> {
                            long start = System.nanoTime();
                            recorder.handle(change);
                            handlings.add(new Handling(change.shardId(), instance, start, System.nanoTime()));
                        })
                        .build());
            }
            try {
                instances.forEach(CdcProcessor::start);
                table.writeVersions("item-", 200, 3);
                recorder.awaitDistinct(600, 60);
                await(
                        "every shard owned",
                        10,
                        () -> instances.stream()
                                        .mapToInt(p -> p.ownedShards().size())
                                        .sum()
                                == 4);
                assertThat(handlings)
                        .extracting(Handling::shard)
                        .as("all shards covered")
                        .containsAll(shards);

                CdcProcessor victim = instances.stream()
                        .max(Comparator.comparingInt(p -> p.ownedShards().size()))
                        .orElseThrow();
                List<String> orphaned = List.copyOf(victim.ownedShards());
                int victimIndex = instances.indexOf(victim);
                victim.abort();
                long killedAt = System.nanoTime();
                for (int version = 4; version <= 5; version++) {
                    table.writeVersion("item-", 200, version);
                }
                recorder.awaitDistinct(1000, 60);

                assertThat(recorder.firstDeliveryVersions())
                        .as("no change lost, per-item order kept")
                        .hasSize(200)
                        .allSatisfy((item, versions) -> assertThat(versions).containsExactly(1, 2, 3, 4, 5));
                assertThat(recorder.duplicates())
                        .as("at most the victim's unwritten checkpoints are redelivered")
                        .isLessThanOrEqualTo(orphaned.size() * 100);
                assertThat(orphaned)
                        .isNotEmpty()
                        .allSatisfy(shard -> assertThat(handlings)
                                .filteredOn(h -> h.shard().equals(shard) && h.start() > killedAt)
                                .as("shard %s after the kill", shard)
                                .isNotEmpty()
                                .allSatisfy(h -> assertThat(h.instance()).isNotEqualTo(victimIndex)));
                for (String shard : shards) {
                    assertNoOverlap(
                            shard,
                            handlings.stream()
                                    .filter(h -> h.shard().equals(shard))
                                    .toList());
                }
            } finally {
                instances.forEach(CdcProcessor::stop);
            }
        }
    }

    /** Per instance, the span from its first to its last handler call on the shard: the spans of two instances never meet. */
    private static void assertNoOverlap(String shard, List<Handling> handlings) {
        Map<Integer, long[]> spans = new LinkedHashMap<>();
        for (Handling h : handlings) {
            spans.merge(h.instance(), new long[] {h.start(), h.end()}, (a, b) ->
                    new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        List<Map.Entry<Integer, long[]>> ordered = spans.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue()[0]))
                .toList();
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i).getValue()[0])
                    .as(
                            "shard %s: instance %d starts after instance %d last handled it",
                            shard, ordered.get(i).getKey(), ordered.get(i - 1).getKey())
                    .isGreaterThan(ordered.get(i - 1).getValue()[1]);
        }
    }

    private static final List<StalePositionStrategy> STRATEGIES = List.of(
            StalePositionStrategy.FAIL,
            StalePositionStrategy.RESTART_FROM_TRIM_HORIZON,
            StalePositionStrategy.RESTART_FROM_LATEST,
            StalePositionStrategy.ASK_CALLBACK);

    /**
     * Processors stopped with a checkpoint in the middle of a shard that then rolls over, ages past the 24 h retention
     * and is trimmed out of DescribeStream: at their next start each strategy does what it says.
     */
    @Test
    void aCheckpointedShardThatLeftTheStreamIsAStalePositionEachStrategyResolvesAtStart() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            StreamTable table = StreamTable.create(db, "cdc_vanished");
            CdcStateStore store = new InMemoryCdcStateStore();
            CdcProcessorTest.checkpointInTheMiddle(
                    db, table, store, 5, STRATEGIES.stream().map(Enum::name).toList());
            String parent = store.shards("FAIL").get(0).shardId();
            Map<StalePositionStrategy, String> positions = new HashMap<>();
            for (StalePositionStrategy strategy : STRATEGIES) {
                assertThat(store.shards(strategy.name())).singleElement().satisfies(state -> {
                    assertThat(state.shardId()).isEqualTo(parent);
                    assertThat(state.checkpoint().finished())
                            .as("stopped in the middle of an open shard")
                            .isFalse();
                    positions.put(strategy, state.checkpoint().sequenceNumber());
                });
            }

            db.engine().rolloverShards(table.name());
            db.engine().dilateEventTimes(Duration.ofHours(25));
            db.engine().trimNow();
            assertThat(listedShards(db, table.name()))
                    .as("the checkpointed shard left DescribeStream")
                    .doesNotContain(parent);
            table.writeVersion("new-", 3, 1);
            db.engine().dilateEventTimes(Duration.ofMinutes(3)); // the new changes surely older than a reset to latest

            Strategies run = Strategies.start(db, strategy -> table, strategy -> store);
            try {
                run.assertResolved(strategy -> table, strategy -> parent, positions::get, List.of());
            } finally {
                run.stop();
            }
        }
    }

    /**
     * Running processors caught up in the middle of a shard that rolls over, ages past the retention and is trimmed out
     * of the stream while their reads are refused (a server-side fault holds them): their next iterator names a shard
     * the stream no longer has, and each strategy does what it says.
     */
    @Test
    void anIteratorOnAShardTheStreamNoLongerHasIsAStalePositionEachStrategyResolvesWhileRunning() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            DynamoDbEngine engine = db.engine();
            Map<StalePositionStrategy, StreamTable> tables = new LinkedHashMap<>();
            Map<StalePositionStrategy, CdcStateStore> stores = new HashMap<>();
            for (StalePositionStrategy strategy : STRATEGIES) {
                StreamTable table =
                        StreamTable.create(db, "cdc_missing_" + strategy.name().toLowerCase());
                table.writeVersion("old-", 5, 1);
                tables.put(strategy, table);
                stores.put(strategy, new InMemoryCdcStateStore());
            }
            Strategies run = Strategies.start(db, tables::get, stores::get);
            try {
                for (StalePositionStrategy strategy : STRATEGIES) {
                    run.recorders.get(strategy).awaitDistinct(5, 30);
                }
                List<FaultRule> holds = new ArrayList<>();
                for (StreamTable table : tables.values()) {
                    FaultRule hold =
                            FaultRule.on("GetRecords").table(table.name()).serviceUnavailable();
                    holds.add(hold);
                    engine.faults().add(hold);
                }
                // every processor has had a read refused: none has one in flight that could see the shard close
                await(
                        "a refused read on every table",
                        30,
                        () -> tables.values().stream()
                                .allMatch(table -> engine.requests().stream()
                                        .anyMatch(r -> "GetRecords".equals(r.operation())
                                                && r.tables().contains(table.name())
                                                && "ServiceUnavailable".equals(r.errorCode()))));
                Map<StalePositionStrategy, String> parents = new HashMap<>();
                Map<StalePositionStrategy, String> positions = new HashMap<>();
                for (StalePositionStrategy strategy : STRATEGIES) {
                    var state = stores.get(strategy).shards(strategy.name()).get(0);
                    parents.put(strategy, state.shardId());
                    positions.put(strategy, state.checkpoint().sequenceNumber());
                    engine.rolloverShards(tables.get(strategy).name());
                }
                engine.dilateEventTimes(Duration.ofHours(25));
                engine.trimNow();
                tables.forEach((strategy, table) ->
                        assertThat(listedShards(db, table.name())).doesNotContain(parents.get(strategy)));
                for (StreamTable table : tables.values()) {
                    table.writeVersion("new-", 3, 1);
                }
                engine.dilateEventTimes(Duration.ofMinutes(3)); // the new changes surely older than a reset to latest
                holds.forEach(engine.faults()::remove);
                run.assertResolved(
                        tables::get,
                        parents::get,
                        positions::get,
                        List.of("old-0", "old-1", "old-2", "old-3", "old-4"));
            } finally {
                run.stop();
            }
        }
    }

    /** One processor per strategy, the callback of ASK_CALLBACK answering RESTART_FROM_TRIM_HORIZON. */
    private static final class Strategies {
        final Map<StalePositionStrategy, Recorder> recorders = new HashMap<>();
        final Map<StalePositionStrategy, CdcProcessor> processors = new HashMap<>();
        final List<CdcPositionReset> resets = new CopyOnWriteArrayList<>();
        final List<StalePositionException> asked = new CopyOnWriteArrayList<>();

        static Strategies start(
                EmbeddedDynamoDb db,
                Function<StalePositionStrategy, StreamTable> tables,
                Function<StalePositionStrategy, CdcStateStore> stores) {
            Strategies run = new Strategies();
            for (StalePositionStrategy strategy : STRATEGIES) {
                Recorder recorder = new Recorder();
                run.recorders.put(strategy, recorder);
                CdcProcessor processor = CdcProcessorTest.processor(
                                db, tables.apply(strategy), stores.apply(strategy), strategy.name())
                        .handler(recorder)
                        .stalePositionStrategy(strategy)
                        .resetListener(run.resets::add)
                        .stalePositionCallback((name, stale) -> {
                            run.asked.add(stale);
                            return StalePositionStrategy.RESTART_FROM_TRIM_HORIZON;
                        })
                        .build();
                run.processors.put(strategy, processor);
                processor.start();
            }
            return run;
        }

        /**
         * FAIL stops with the stale position naming shard and position; RESTART_FROM_TRIM_HORIZON and ASK_CALLBACK
         * (asked, answering trim horizon) go on with the changes written since (3 {@code new-}); RESTART_FROM_LATEST
         * skips those and goes on with what is written after its reset. Each recorder got {@code handledBefore} first.
         */
        void assertResolved(
                Function<StalePositionStrategy, StreamTable> tables,
                Function<StalePositionStrategy, String> parents,
                Function<StalePositionStrategy, String> positions,
                List<String> handledBefore)
                throws Exception {
            String failParent = parents.apply(StalePositionStrategy.FAIL);
            String failPosition = positions.apply(StalePositionStrategy.FAIL);
            assertThatThrownBy(() -> processors
                            .get(StalePositionStrategy.FAIL)
                            .termination()
                            .get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(StalePositionException.class, e -> {
                        assertThat(e.shardId()).isEqualTo(failParent);
                        assertThat(e.sequenceNumber()).isEqualTo(failPosition);
                        assertThat(e.getMessage()).contains(failParent, failPosition);
                    });
            recorders.get(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON).awaitDistinct(handledBefore.size() + 3, 30);
            recorders.get(StalePositionStrategy.ASK_CALLBACK).awaitDistinct(handledBefore.size() + 3, 30);
            await(
                    "the reset of RESTART_FROM_LATEST",
                    30,
                    () -> resets.stream()
                            .anyMatch(r -> r.processor().equals(StalePositionStrategy.RESTART_FROM_LATEST.name())));
            tables.apply(StalePositionStrategy.RESTART_FROM_LATEST).writeVersion("later-", 2, 1);
            recorders.get(StalePositionStrategy.RESTART_FROM_LATEST).awaitDistinct(handledBefore.size() + 2, 30);

            for (StalePositionStrategy strategy :
                    List.of(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON, StalePositionStrategy.ASK_CALLBACK)) {
                assertThat(recorders.get(strategy).deliveries())
                        .extracting(Recorder.Delivery::key)
                        .as("%s", strategy)
                        .startsWith(
                                concat(handledBefore, "new-0", "new-1", "new-2").toArray(String[]::new))
                        .doesNotHaveDuplicates()
                        .allMatch(key ->
                                handledBefore.contains(key) || key.startsWith("new-") || key.startsWith("later-"));
            }
            assertThat(recorders.get(StalePositionStrategy.RESTART_FROM_LATEST).deliveries())
                    .extracting(Recorder.Delivery::key)
                    .as("RESTART_FROM_LATEST skips what was written before its reset")
                    .containsExactlyElementsOf(concat(handledBefore, "later-0", "later-1"));
            assertThat(asked).singleElement().satisfies(e -> {
                assertThat(e.shardId()).isEqualTo(parents.apply(StalePositionStrategy.ASK_CALLBACK));
                assertThat(e.sequenceNumber()).isEqualTo(positions.apply(StalePositionStrategy.ASK_CALLBACK));
            });
            assertThat(resets)
                    .extracting(CdcPositionReset::processor)
                    .containsExactlyInAnyOrder(
                            StalePositionStrategy.RESTART_FROM_TRIM_HORIZON.name(),
                            StalePositionStrategy.RESTART_FROM_LATEST.name(),
                            StalePositionStrategy.ASK_CALLBACK.name());
            assertThat(resets)
                    .allSatisfy(r -> assertThat(r.shardId())
                            .isEqualTo(parents.apply(StalePositionStrategy.valueOf(r.processor()))));
            assertThat(processors
                            .get(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON)
                            .isRunning())
                    .isTrue();
        }

        void stop() {
            processors.values().forEach(CdcProcessor::stop);
        }

        private static List<String> concat(List<String> first, String... then) {
            List<String> all = new ArrayList<>(first);
            all.addAll(List.of(then));
            return all;
        }
    }

    @Test
    void deletionsByTimeToLiveReachTheHandlerAsDeletedChangesMadeByTheService() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            StreamTable table = StreamTable.create(db, "cdc_ttl");
            db.client()
                    .updateTimeToLive(b -> b.tableName(table.name())
                            .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
            long now = db.engine().clock().instant().getEpochSecond();
            for (int i = 0; i < 3; i++) {
                String key = "expired-" + i;
                db.client()
                        .putItem(b -> b.tableName(table.name())
                                .item(Map.of(
                                        "pk",
                                        AttributeValue.fromS(key),
                                        "version",
                                        AttributeValue.fromN("1"),
                                        "expires",
                                        AttributeValue.fromN(Long.toString(now - 60)))));
            }
            db.client()
                    .putItem(b -> b.tableName(table.name())
                            .item(Map.of(
                                    "pk",
                                    AttributeValue.fromS("alive"),
                                    "version",
                                    AttributeValue.fromN("1"),
                                    "expires",
                                    AttributeValue.fromN(Long.toString(now + 3600)))));
            db.client()
                    .putItem(b -> b.tableName(table.name())
                            .item(Map.of("pk", AttributeValue.fromS("deleted"), "version", AttributeValue.fromN("1"))));
            db.client().deleteItem(b -> b.tableName(table.name()).key(Map.of("pk", AttributeValue.fromS("deleted"))));
            Recorder recorder = new Recorder();
            try (CdcProcessor processor = CdcProcessorTest.processor(db, table, new InMemoryCdcStateStore(), "ttl")
                    .handler(recorder)
                    .build()) {
                processor.start();
                recorder.awaitDistinct(6, 30);

                assertThat(db.engine().expireTtl(table.name())).isEqualTo(3);
                recorder.awaitDistinct(9, 30);
            }

            List<CdcChange> deletions = recorder.deliveries().stream()
                    .map(Recorder.Delivery::change)
                    .filter(c -> c.type() == ChangeFeedEventType.DELETED)
                    .toList();
            assertThat(deletions)
                    .extracting(c -> c.keys().get("pk").s())
                    .first()
                    .isEqualTo("deleted");
            assertThat(deletions)
                    .extracting(c -> c.keys().get("pk").s())
                    .containsExactlyInAnyOrder("deleted", "expired-0", "expired-1", "expired-2");
            assertThat(deletions.get(0).isTimeToLiveDeletion())
                    .as("a caller's delete")
                    .isFalse();
            assertThat(deletions.get(0).userIdentity()).isNull();
            assertThat(deletions.subList(1, 4)).allSatisfy(c -> {
                assertThat(c.isTimeToLiveDeletion()).isTrue();
                assertThat(c.userIdentity().type()).isEqualTo("Service");
                assertThat(c.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
                assertThat(c.oldImage()).containsKey("expires");
                assertThat(c.newImage()).isNull();
            });
            assertThat(recorder.deliveries())
                    .filteredOn(d -> d.change().type() != ChangeFeedEventType.DELETED)
                    .allSatisfy(
                            d -> assertThat(d.change().isTimeToLiveDeletion()).isFalse());
        }
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> listedShards(EmbeddedDynamoDb db, String table) {
        String arn = db.client().describeTable(b -> b.tableName(table)).table().latestStreamArn();
        return db.streamsClient().describeStream(b -> b.streamArn(arn)).streamDescription().shards().stream()
                .map(Shard::shardId)
                .toList();
    }

    private static List<String> openShards(EmbeddedDynamoDb db, String table) {
        String arn = db.client().describeTable(b -> b.tableName(table)).table().latestStreamArn();
        return db.streamsClient().describeStream(b -> b.streamArn(arn)).streamDescription().shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .map(Shard::shardId)
                .toList();
    }
}
