package dev.excalibur.cdc.dynamodb.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Checkpoints older than the stream's 24 h retention, on an engine of its own (its clock is moved). */
class StalePositionRecoveryTest {

    @Test
    void eachRecoveryStrategyDoesWhatItSays() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            StreamTable table = StreamTable.create(db, "cdc_stale");
            CdcStateStore store = new InMemoryCdcStateStore();
            CdcProcessorTest.checkpointInTheMiddle(db, table, store, 50, List.of("fail", "trim", "latest", "ask"));
            String failCheckpoint = store.shards("fail").get(0).checkpoint().sequenceNumber();

            db.dilateEventTimes(Duration.ofHours(25));
            table.writeVersion("new-", 10, 1);
            // DynamoDB Local stamps records to the minute: make the new ones look minutes old, so a reset to
            // "latest" made now is surely after them.
            db.dilateEventTimes(Duration.ofMinutes(3));

            List<CdcPositionReset> resets = new CopyOnWriteArrayList<>();
            List<StalePositionException> asked = new CopyOnWriteArrayList<>();
            Map<String, Recorder> recorders = Map.of(
                    "fail", new Recorder(), "trim", new Recorder(), "latest", new Recorder(), "ask", new Recorder());
            Map<String, StalePositionStrategy> strategies = Map.of(
                    "fail",
                    StalePositionStrategy.FAIL,
                    "trim",
                    StalePositionStrategy.RESTART_FROM_TRIM_HORIZON,
                    "latest",
                    StalePositionStrategy.RESTART_FROM_LATEST,
                    "ask",
                    StalePositionStrategy.ASK_CALLBACK);
            Map<String, CdcProcessor> processors = new java.util.HashMap<>();
            for (String name : strategies.keySet()) {
                CdcProcessor processor = CdcProcessorTest.processor(db, table, store, name)
                        .handler(recorders.get(name))
                        .stalePositionStrategy(strategies.get(name))
                        .resetListener(resets::add)
                        .stalePositionCallback((processorName, stale) -> {
                            asked.add(stale);
                            return StalePositionStrategy.RESTART_FROM_TRIM_HORIZON;
                        })
                        .build();
                processors.put(name, processor);
                processor.start();
            }
            try {
                assertThatThrownBy(() -> processors.get("fail").termination().get(30, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOfSatisfying(StalePositionException.class, e -> {
                            assertThat(e.sequenceNumber()).isEqualTo(failCheckpoint);
                            assertThat(e.shardId())
                                    .isEqualTo(store.shards("fail").get(0).shardId());
                            assertThat(e.getMessage()).contains("retention");
                        });
                assertThat(store.shards("fail"))
                        .singleElement()
                        .satisfies(
                                s -> assertThat(s.checkpoint().sequenceNumber()).isEqualTo(failCheckpoint));

                recorders.get("trim").awaitDistinct(10, 30);
                recorders.get("ask").awaitDistinct(10, 30);
                awaitReset(resets, "latest");
                table.writeVersion("later-", 5, 1);
                recorders.get("latest").awaitDistinct(5, 30);
                Thread.sleep(500);

                for (String name : List.of("trim", "ask")) {
                    assertThat(recorders.get(name).deliveries())
                            .extracting(Recorder.Delivery::key)
                            .as(
                                    "%s restarts from the oldest retained record: the new changes, none of the trimmed old ones",
                                    name)
                            .startsWith(
                                    "new-0", "new-1", "new-2", "new-3", "new-4", "new-5", "new-6", "new-7", "new-8",
                                    "new-9")
                            .noneMatch(k -> k.startsWith("old-"));
                }
                assertThat(recorders.get("latest").deliveries())
                        .extracting(Recorder.Delivery::key)
                        .containsExactly("later-0", "later-1", "later-2", "later-3", "later-4");
                assertThat(asked)
                        .singleElement()
                        .satisfies(e -> assertThat(e.sequenceNumber()).isNotNull());
                assertThat(resets)
                        .extracting(CdcPositionReset::processor)
                        .containsExactlyInAnyOrder("trim", "latest", "ask");
                assertThat(resets)
                        .filteredOn(r -> r.processor().equals("latest"))
                        .singleElement()
                        .satisfies(r -> assertThat(r.strategy()).isEqualTo(StalePositionStrategy.RESTART_FROM_LATEST));
                assertThat(resets)
                        .filteredOn(r -> r.processor().equals("ask"))
                        .singleElement()
                        .satisfies(r ->
                                assertThat(r.strategy()).isEqualTo(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON));
            } finally {
                processors.values().forEach(CdcProcessor::stop);
            }
        }
    }

    /**
     * A running processor caught up on a shard that then rolls over and falls out of the 24 h
     * retention: the next read of it answers {@code ResourceNotFoundException} (DynamoDB Local lists
     * the shard and hands out an iterator, then refuses the read). That is a stale position: FAIL
     * stops the processor naming shard and position; RESTART_FROM_TRIM_HORIZON resets, finds nothing
     * left in the gone shard and goes on in its child.
     */
    @Test
    void aRunningProcessorTreatsAGoneShardAsAStalePositionForEveryStrategy() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            StreamTable table = StreamTable.create(db, "cdc_gone");
            CdcStateStore store = new InMemoryCdcStateStore();
            List<CdcPositionReset> resets = new CopyOnWriteArrayList<>();
            Recorder failing = new Recorder();
            Recorder trimming = new Recorder();
            // a long poll interval: once caught up, each processor sleeps while the shard rolls over and ages
            CdcProcessor fail = CdcProcessorTest.processor(db, table, store, "fail")
                    .handler(failing)
                    .pollInterval(Duration.ofSeconds(2))
                    .build();
            CdcProcessor trim = CdcProcessorTest.processor(db, table, store, "trim")
                    .handler(trimming)
                    .pollInterval(Duration.ofSeconds(2))
                    .stalePositionStrategy(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON)
                    .resetListener(resets::add)
                    .build();
            try {
                table.writeVersion("old-", 5, 1);
                fail.start();
                trim.start();
                failing.awaitDistinct(5, 30);
                trimming.awaitDistinct(5, 30);
                Thread.sleep(300);
                String readShard = store.shards("fail").get(0).shardId();
                String position = store.shards("fail").get(0).checkpoint().sequenceNumber();

                db.triggerShardRollovers();
                db.dilateEventTimes(Duration.ofHours(25));
                table.writeVersion("new-", 3, 1);

                assertThatThrownBy(() -> fail.termination().get(30, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOfSatisfying(StalePositionException.class, e -> {
                            assertThat(e.shardId()).isEqualTo(readShard);
                            assertThat(e.sequenceNumber()).isEqualTo(position);
                        });
                assertThat(store.shards("fail"))
                        .filteredOn(s -> s.shardId().equals(readShard))
                        .singleElement()
                        .satisfies(s -> assertThat(s.checkpoint().sequenceNumber())
                                .as("FAIL keeps the checkpoint")
                                .isEqualTo(position));

                trimming.awaitDistinct(8, 30);
                assertThat(trimming.deliveries())
                        .extracting(Recorder.Delivery::key)
                        .containsExactly("old-0", "old-1", "old-2", "old-3", "old-4", "new-0", "new-1", "new-2");
                assertThat(resets).singleElement().satisfies(r -> {
                    assertThat(r.shardId()).isEqualTo(readShard);
                    assertThat(r.strategy()).isEqualTo(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON);
                });
            } finally {
                fail.stop();
                trim.stop();
            }
        }
    }

    /**
     * A running processor whose position was trimmed resets and goes on to what is written after
     * the reset, as a processor started after the same event does.
     */
    @Test
    void aRunningProcessorThatResetsATrimmedShardMovesOnToTheNextChanges() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            StreamTable table = StreamTable.create(db, "cdc_reset_running");
            CdcStateStore store = new InMemoryCdcStateStore();
            List<CdcPositionReset> resets = new CopyOnWriteArrayList<>();
            Recorder recorder = new Recorder();
            try (CdcProcessor processor = CdcProcessorTest.processor(db, table, store, "trim")
                    .handler(recorder)
                    .stalePositionStrategy(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON)
                    .resetListener(resets::add)
                    .build()) {
                table.writeVersion("old-", 5, 1);
                processor.start();
                recorder.awaitDistinct(5, 30);

                db.dilateEventTimes(Duration.ofHours(25));
                awaitReset(resets, "trim");
                table.writeVersion("after-reset-", 3, 1);

                recorder.awaitDistinct(8, 30);
                assertThat(recorder.deliveries())
                        .extracting(Recorder.Delivery::key)
                        .containsExactly(
                                "old-0",
                                "old-1",
                                "old-2",
                                "old-3",
                                "old-4",
                                "after-reset-0",
                                "after-reset-1",
                                "after-reset-2");
                assertThat(resets)
                        .singleElement()
                        .satisfies(r ->
                                assertThat(r.strategy()).isEqualTo(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON));
            }
        }
    }

    private static void awaitReset(List<CdcPositionReset> resets, String processor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (resets.stream().noneMatch(r -> r.processor().equals(processor))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no reset of " + processor + " in 30 s; resets: " + resets);
            }
            Thread.sleep(20);
        }
    }
}
