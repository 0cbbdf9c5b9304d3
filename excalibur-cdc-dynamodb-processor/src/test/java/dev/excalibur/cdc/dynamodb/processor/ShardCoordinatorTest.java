package dev.excalibur.cdc.dynamodb.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.ShardLease;
import dev.excalibur.cdc.dynamodb.state.ShardState;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.streams.internal.StreamShard;
import dev.excalibur.dynamodb.test.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's decisions, on an in-memory state store, a clock moved by hand and a stream
 * whose listing the test sets: no engine, no waiting.
 */
class ShardCoordinatorTest {

    private static final String STREAM = "arn:aws:dynamodb:local:000000000000:table/t/stream/2026-12-01T00:00:00.000";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    /** The manual clock as the processor reads it: its monotonic count is the time the test moved the clock by. */
    private final ProcessorClock processorClock = new ProcessorClock() {
        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public long nanoTime() {
            return Duration.between(START, clock.instant()).toNanos();
        }
    };

    private final InMemoryCdcStateStore store = new InMemoryCdcStateStore(clock);
    private final FakeShards stream = new FakeShards();
    private final List<ShardWork> launched = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<CdcPositionReset> resets = new ArrayList<>();

    private ShardCoordinator coordinator(int maxConcurrentShards, StalePositionStrategy strategy) {
        ProcessorSettings settings = new ProcessorSettings(
                "p",
                store,
                maxConcurrentShards,
                strategy,
                null,
                resets::add,
                LEASE.dividedBy(3),
                Duration.ofMinutes(1),
                Duration.ZERO);
        CdcRunnerSettings shared = new CdcRunnerSettings(
                null,
                STREAM,
                null,
                null,
                c -> {},
                null,
                null,
                3,
                Duration.ofSeconds(1),
                100,
                Duration.ofSeconds(1),
                LEASE,
                CdcStartPosition.TRIM_HORIZON,
                "me",
                null,
                null);
        ProcessorRun run = new ProcessorRun(failures::add);
        run.start();
        StalePositions stalePositions =
                new StalePositions(settings, new CdcMetrics(null, "p"), processorClock, run::fail);
        return new ShardCoordinator(
                settings, shared, "me", stream, processorClock, stalePositions, run, Runnable::run, launched::add);
    }

    private List<String> launchedShards() {
        return launched.stream().map(work -> work.shard.id()).toList();
    }

    /** What a worker does when its shard ends: writes the checkpoint, releases the lease, tells the coordinator. */
    private void finish(ShardCoordinator coordinator, ShardWork work, ShardCheckpoint checkpoint) {
        store.checkpoint(work.lease, checkpoint, 1);
        store.release(work.lease);
        coordinator.ended(work, checkpoint.finished());
    }

    @Test
    void freeShardsAreTakenUpToMaxConcurrentShardsAndAShardHeldElsewhereOnlyOnceItsLeaseExpired() {
        stream.list(open("a"), open("b"), open("c"));
        store.acquire("p", STREAM, "a", "other", LEASE).orElseThrow();
        ShardCoordinator coordinator = coordinator(1, StalePositionStrategy.FAIL);

        coordinator.coordinate();
        assertThat(launchedShards())
                .as("the held shard is passed over, one shard at most")
                .containsExactly("b");
        assertThat(coordinator.ownedShards()).containsExactly("b");
        assertThat(store.shards("p"))
                .filteredOn(s -> s.shardId().equals("b"))
                .singleElement()
                .satisfies(s -> assertThat(s.owner()).isEqualTo("me"));

        finish(coordinator, launched.get(0), ShardCheckpoint.after("5"));
        clock.advance(Duration.ofSeconds(10));
        coordinator.coordinate();
        assertThat(launchedShards())
                .as("'a' is still leased by the other worker")
                .containsExactly("b", "b");

        finish(coordinator, launched.get(1), ShardCheckpoint.after("6"));
        clock.advance(LEASE);
        launched.clear();
        coordinator.coordinate();
        assertThat(launchedShards())
                .as("the other worker's lease expired: its shard comes first in the listing")
                .containsExactly("a");
    }

    @Test
    void aChildIsTakenOnlyOnceItsParentIsFinishedAndAFinishedShardStartsARoundWithANewListing() {
        stream.list(closed("parent", null), open("child", "parent"));
        ShardCoordinator coordinator = coordinator(4, StalePositionStrategy.FAIL);

        coordinator.coordinate();
        clock.advance(Duration.ofMinutes(2));
        coordinator.coordinate();
        assertThat(launchedShards())
                .as("the child waits while its parent is read")
                .containsExactly("parent");

        finish(coordinator, launched.get(0), ShardCheckpoint.after("10").toFinished());
        assertThat(launchedShards()).containsExactly("parent", "child");
        assertThat(launched.get(1).start).isEqualTo(ShardCheckpoint.UNREAD);
        assertThat(stream.listings)
                .as("the finished parent made the coordinator list again")
                .isEqualTo(3);
    }

    @Test
    void aVanishedShardReadPartWayIsResetByTheStrategyAnUnreadOneIsFinishedAndBothGoOnceOutOfRetention() {
        stream.list(open("live"));
        write("gone-read", ShardCheckpoint.after("5"));
        write("gone-unread", ShardCheckpoint.UNREAD);
        ShardCoordinator coordinator = coordinator(4, StalePositionStrategy.RESTART_FROM_TRIM_HORIZON);

        coordinator.coordinate();
        assertThat(checkpoint("gone-read"))
                .as("reset, then finished: its records are gone")
                .isEqualTo(ShardCheckpoint.UNREAD.toFinished());
        assertThat(checkpoint("gone-unread")).isEqualTo(ShardCheckpoint.UNREAD.toFinished());
        assertThat(resets).singleElement().satisfies(reset -> {
            assertThat(reset.shardId()).isEqualTo("gone-read");
            assertThat(reset.strategy()).isEqualTo(StalePositionStrategy.RESTART_FROM_TRIM_HORIZON);
            assertThat(reset.stale().sequenceNumber()).isEqualTo("5");
        });
        assertThat(failures).isEmpty();
        assertThat(launchedShards()).containsExactly("live");

        clock.advance(Duration.ofHours(23));
        coordinator.coordinate();
        assertThat(store.shards("p")).extracting(ShardState::shardId).contains("gone-read", "gone-unread");
        clock.advance(Duration.ofHours(2));
        coordinator.coordinate();
        assertThat(store.shards("p"))
                .as("past the stream's retention no reader can list them")
                .extracting(ShardState::shardId)
                .containsExactly("live");
    }

    @Test
    void aVanishedShardUnderStrategyFailStopsTheProcessorAndKeepsItsCheckpoint() {
        stream.list(open("live"));
        write("gone", ShardCheckpoint.after("5"));
        ShardCoordinator coordinator = coordinator(4, StalePositionStrategy.FAIL);

        coordinator.coordinate();
        assertThat(failures)
                .singleElement()
                .isInstanceOfSatisfying(
                        StalePositionException.class,
                        stale -> assertThat(stale.shardId()).isEqualTo("gone"));
        assertThat(checkpoint("gone")).isEqualTo(ShardCheckpoint.after("5"));
        assertThat(resets).isEmpty();
    }

    @Test
    void renewalsKeepALeaseAndALeaseLostToAnotherWorkerStopsThatShardsWork() {
        stream.list(open("a"));
        ShardCoordinator coordinator = coordinator(4, StalePositionStrategy.FAIL);
        coordinator.coordinate();
        ShardWork work = launched.get(0);

        clock.advance(Duration.ofSeconds(20));
        coordinator.coordinate();
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.acquire("p", STREAM, "a", "other", LEASE))
                .as("renewed 20 s ago")
                .isEmpty();
        assertThat(work.isLeaseLost()).isFalse();
        assertThat(work.expiredAt(processorClock.nanoTime())).isFalse();

        clock.advance(Duration.ofSeconds(11));
        assertThat(work.expiredAt(processorClock.nanoTime()))
                .as("not renewed for longer than the lease")
                .isTrue();
        assertThat(store.acquire("p", STREAM, "a", "other", LEASE)).isPresent();
        coordinator.coordinate();
        assertThat(work.isLeaseLost()).as("the renewal found the lease taken").isTrue();
        assertThat(launchedShards()).as("not taken back from the other worker").containsExactly("a");
    }

    @Test
    void anEntryForAShardTheListingLacksMakesTheCoordinatorListAgain() {
        stream.list(closed("parent", null));
        ShardCoordinator coordinator = coordinator(4, StalePositionStrategy.FAIL);
        coordinator.coordinate();
        clock.advance(Duration.ofSeconds(10));
        coordinator.coordinate();
        assertThat(stream.listings)
                .as("within the discovery interval the listing is kept")
                .isEqualTo(1);

        // the stream split; another instance read the parent and started the child before this one listed again
        stream.list(closed("parent", null), open("child", "parent"));
        write("child", ShardCheckpoint.after("20"));
        clock.advance(Duration.ofSeconds(10));
        coordinator.coordinate();
        assertThat(stream.listings).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        coordinator.coordinate();
        assertThat(stream.listings).as("the discovery interval passed").isEqualTo(3);
    }

    @Test
    void anEntryWrittenAfterTheListingForAShardItLacksMeansTheListingIsOutdated() {
        Instant listedAt = Instant.parse("2026-12-01T10:00:00Z");
        List<StreamShard> listing = List.of(new StreamShard("parent", null, true));
        ShardCheckpoint done = ShardCheckpoint.after("000000000000000000010").toFinished();
        Duration skew = Duration.ofSeconds(10);

        assertThat(ShardCoordinator.listingOutdated(
                        List.of(state("parent", done, listedAt.plusSeconds(60))), listing, listedAt, skew))
                .as("a listed shard")
                .isFalse();
        assertThat(ShardCoordinator.listingOutdated(
                        List.of(state("child", done, listedAt.plusSeconds(60))), listing, listedAt, skew))
                .as("a finished child another instance read after this listing")
                .isTrue();
        assertThat(ShardCoordinator.listingOutdated(
                        List.of(state("child", ShardCheckpoint.UNREAD, listedAt.minusSeconds(3600))),
                        listing,
                        listedAt,
                        skew))
                .as("an unfinished shard the listing lacks")
                .isTrue();
        assertThat(ShardCoordinator.listingOutdated(
                        List.of(state("trimmed", done, listedAt.minus(Duration.ofHours(25)))), listing, listedAt, skew))
                .as("a finished shard written long before the listing: gone, not new")
                .isFalse();
        assertThat(ShardCoordinator.listingOutdated(List.of(), listing, null, skew))
                .as("never listed")
                .isTrue();
    }

    private static ShardState state(String shard, ShardCheckpoint checkpoint, Instant updatedAt) {
        return new ShardState("p", shard, "arn", checkpoint, updatedAt, 0, null, null, 1);
    }

    /** An entry another worker wrote and released. */
    private void write(String shardId, ShardCheckpoint checkpoint) {
        ShardLease lease = store.acquire("p", STREAM, shardId, "other", LEASE).orElseThrow();
        store.checkpoint(lease, checkpoint, 0);
        store.release(lease);
    }

    private ShardCheckpoint checkpoint(String shardId) {
        return store.shards("p").stream()
                .filter(s -> s.shardId().equals(shardId))
                .findFirst()
                .orElseThrow()
                .checkpoint();
    }

    private static StreamShard open(String id) {
        return open(id, null);
    }

    private static StreamShard open(String id, String parentId) {
        return new StreamShard(id, parentId, false);
    }

    private static StreamShard closed(String id, String parentId) {
        return new StreamShard(id, parentId, true);
    }

    /** A stream whose listing the test sets, counting the listings taken. */
    private static final class FakeShards implements ShardSource {
        private List<StreamShard> shards = List.of();
        int listings;

        void list(StreamShard... shards) {
            this.shards = List.of(shards);
        }

        @Override
        public String streamArn() {
            return STREAM;
        }

        @Override
        public List<StreamShard> shards() {
            listings++;
            return shards;
        }
    }
}
