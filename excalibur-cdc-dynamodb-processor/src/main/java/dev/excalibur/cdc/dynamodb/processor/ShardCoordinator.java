package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.cdc.dynamodb.internal.CdcDelivery;
import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.ShardLease;
import dev.excalibur.cdc.dynamodb.state.ShardState;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.streams.internal.ShardLineage;
import dev.excalibur.dynamodb.streams.internal.StreamShard;
import dev.excalibur.dynamodb.streams.internal.StreamSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which shards this instance works: renews its leases (a lease lost stops the shard's
 * work), lists the stream's shards when due, settles checkpoints of an earlier stream and of
 * shards gone from the stream, drops entries no reader needs, and takes free readable shards (a
 * child only after its parent is finished) up to {@code maxConcurrentShards}, handing each to
 * {@code launch}. {@link #coordinate()} runs on one thread at a time.
 */
final class ShardCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(CdcProcessor.class);
    /** How long DynamoDB Streams keeps records; a shard unlisted and untouched for longer is gone for every reader. */
    private static final Duration STREAM_RETENTION = Duration.ofHours(24);

    private final ProcessorSettings settings;
    private final CdcRunnerSettings shared;
    private final String name;
    private final String workerId;
    private final CdcStateStore store;
    private final ShardSource source;
    private final ProcessorClock clock;
    private final StalePositions stalePositions;
    private final ProcessorRun run;
    private final Executor rounds;
    private final Consumer<ShardWork> launch;
    private final Map<String, ShardWork> active = new ConcurrentHashMap<>();
    private final Set<String> latestShards = new HashSet<>();
    private volatile boolean listingRequested = true;
    private List<StreamShard> shards = List.of();
    private @Nullable Instant listedAt;
    private long nextListing;

    /**
     * A coordinator of {@code source}, scheduled on the coordination pool every lease-renew
     * interval, whose shards a {@link ShardWorker} works on the workers pool.
     */
    static ShardCoordinator start(
            ProcessorSettings settings,
            CdcRunnerSettings shared,
            String workerId,
            StreamSource source,
            CdcMetrics metrics,
            CdcDelivery delivery,
            StalePositions stalePositions,
            ProcessorRun run,
            ProcessorThreads threads) {
        ShardWorker worker = new ShardWorker(
                settings,
                shared,
                source,
                metrics,
                delivery,
                stalePositions,
                ProcessorClock.SYSTEM,
                threads.checkpoints,
                run);
        AtomicReference<ShardCoordinator> self = new AtomicReference<>();
        ShardCoordinator coordinator = new ShardCoordinator(
                settings,
                shared,
                workerId,
                ShardSource.of(source),
                ProcessorClock.SYSTEM,
                stalePositions,
                run,
                threads.coordination,
                work -> threads.workers.execute(() -> self.get().ended(work, worker.work(work))));
        self.set(coordinator);
        threads.coordination.scheduleWithFixedDelay(
                coordinator::coordinate, 0, settings.leaseRenewInterval().toMillis(), TimeUnit.MILLISECONDS);
        return coordinator;
    }

    /**
     * @param rounds where a round runs that {@link #ended} asks for
     * @param launch starts the work on a shard just taken
     */
    ShardCoordinator(
            ProcessorSettings settings,
            CdcRunnerSettings shared,
            String workerId,
            ShardSource source,
            ProcessorClock clock,
            StalePositions stalePositions,
            ProcessorRun run,
            Executor rounds,
            Consumer<ShardWork> launch) {
        this.settings = settings;
        this.shared = shared;
        this.name = settings.name();
        this.workerId = workerId;
        this.store = settings.stateStore();
        this.source = source;
        this.clock = clock;
        this.stalePositions = stalePositions;
        this.run = run;
        this.rounds = rounds;
        this.launch = launch;
    }

    /** The shards worked now, by id. */
    Set<String> ownedShards() {
        return Set.copyOf(active.keySet());
    }

    /**
     * The work on a shard ended (its lease was released, lost or left to expire). A shard read to its
     * end ({@code finished}) makes its children readable: a round with a new listing runs at once.
     */
    void ended(ShardWork work, boolean finished) {
        active.remove(work.shard.id(), work);
        if (finished) {
            listingRequested = true;
            try {
                rounds.execute(this::coordinate);
            } catch (RejectedExecutionException e) {
                LOG.debug("CDC processor '{}': stopping, no further round", name);
            }
        }
    }

    /** One round; a failure is logged and the next round tries again. */
    void coordinate() {
        if (!run.running()) {
            return;
        }
        try {
            renewLeases();
            List<ShardState> states = store.shards(name);
            long now = clock.nanoTime();
            if (listingRequested
                    || now - nextListing >= 0
                    || listingOutdated(states, shards, listedAt, shared.leaseDuration())) {
                listingRequested = false;
                listedAt = clock.instant();
                shards = source.shards();
                nextListing = now + settings.shardDiscoveryInterval().toNanos();
            }
            if (states.stream()
                    .anyMatch(s -> s.streamArn() != null && !s.streamArn().equals(source.streamArn()))) {
                states = streamReplaced(states);
                if (states == null) {
                    return;
                }
            }
            if (states.isEmpty() && shared.startPosition() == CdcStartPosition.LATEST) {
                states = startAtLatest();
            }
            assign(states);
        } catch (CancellationException e) {
            LOG.debug("CDC processor '{}': coordination interrupted", name);
        } catch (RuntimeException e) {
            LOG.warn(
                    "CDC processor '{}': coordination failed, retrying in {}: {}",
                    name,
                    settings.leaseRenewInterval(),
                    e.toString());
        }
    }

    /**
     * True when another instance knows shards newer than this instance's listing: an entry names a
     * shard the listing lacks and was written after the listing was taken (less {@code skew}, for the
     * clocks of instances). Its lineage must be listed before anything is assigned: the parent of such
     * a shard may have had its entry pruned, and only the child's entry shows the parent finished.
     * Entries of shards past the retention were written long before any listing and trigger nothing.
     */
    static boolean listingOutdated(
            List<ShardState> states, List<StreamShard> listing, @Nullable Instant listedAt, Duration skew) {
        if (listedAt == null) {
            return true;
        }
        Instant after = listedAt.minus(skew);
        Set<String> listed = new HashSet<>();
        listing.forEach(shard -> listed.add(shard.id()));
        return states.stream()
                .anyMatch(state -> !listed.contains(state.shardId())
                        && (!state.checkpoint().finished()
                                || state.updatedAt() == null
                                || state.updatedAt().isAfter(after)));
    }

    private ShardLineage lineage(List<ShardState> states) {
        Map<String, ShardCheckpoint> known = new HashMap<>();
        states.forEach(state -> known.put(state.shardId(), state.checkpoint()));
        return new ShardLineage(shards, known);
    }

    private void renewLeases() {
        for (ShardWork work : active.values()) {
            long requested = clock.nanoTime();
            if (store.renew(work.lease, shared.leaseDuration())) {
                work.renewed(requested + shared.leaseDuration().toNanos());
            } else {
                LOG.warn("CDC processor '{}': lease on shard {} was lost; stopping work on it", name, work.shard.id());
                work.leaseLost();
            }
        }
    }

    private void assign(List<ShardState> listedStates) {
        List<ShardState> states = listedStates;
        ShardLineage lineage = lineage(states);
        List<String> unlisted = lineage.unlisted();
        Map<String, ShardState> byShard = new HashMap<>();
        states.forEach(state -> byShard.put(state.shardId(), state));
        for (String gone : unlisted) {
            ShardCheckpoint checkpoint = byShard.get(gone).checkpoint();
            if (checkpoint.sequenceNumber() != null) {
                resetVanished(gone, checkpoint);
            } else {
                LOG.warn("CDC processor '{}': shard {} left the stream before any of it was read", name, gone);
                acquire(gone).ifPresent(lease -> {
                    store.checkpoint(lease, lease.checkpoint().toFinished(), 0);
                    store.release(lease);
                });
            }
        }
        if (!unlisted.isEmpty()) {
            // the gone shards are finished now (a reset to latest carrying its time): their children start from that
            states = store.shards(name);
            byShard.clear();
            states.forEach(state -> byShard.put(state.shardId(), state));
            lineage = lineage(states);
        }
        // A parent's entry goes only once a child's exists, so every reader finds the parent finished through
        // the child (listingOutdated makes an instance with an older listing list again first). Left open: a
        // store whose listing is not a snapshot could miss both a parent's removal and its child's creation
        // within one read; that needs both writes inside the read's few milliseconds.
        Instant retainedSince = clock.instant().minus(STREAM_RETENTION);
        for (String prunable :
                lineage.prunable(gone -> byShard.get(gone).updatedAt().isBefore(retainedSince))) {
            store.removeFinished(name, prunable);
        }
        Instant now = clock.instant();
        for (StreamShard shard : lineage.readable()) {
            if (active.size() >= settings.maxConcurrentShards() || !run.running()) {
                return;
            }
            ShardState state = byShard.get(shard.id());
            if (active.containsKey(shard.id())
                    || (state != null && state.leasedAt(now) && !workerId.equals(state.owner()))) {
                continue;
            }
            long requested = clock.nanoTime();
            Optional<ShardLease> lease = acquire(shard.id());
            if (lease.isEmpty()) {
                continue;
            }
            // the first lease on a shard creates its entry: start where the lineage says; later leases carry the
            // checkpoint
            ShardCheckpoint start = lease.get().counter() > 1 ? lease.get().checkpoint() : lineage.startOf(shard, null);
            if (start.finished()) {
                store.release(lease.get());
                continue;
            }
            if (lease.get().counter() == 1 && !start.equals(ShardCheckpoint.UNREAD)) {
                store.checkpoint(lease.get(), start, 0);
            }
            ShardWork work = new ShardWork(
                    shard,
                    lease.get(),
                    start,
                    latestShards.remove(shard.id()),
                    requested + shared.leaseDuration().toNanos());
            active.put(shard.id(), work);
            LOG.info(
                    "CDC processor '{}' (worker {}) took shard {} (lease {}) from {}",
                    name,
                    workerId,
                    shard.id(),
                    lease.get().counter(),
                    start);
            launch.accept(work);
        }
    }

    private Optional<ShardLease> acquire(String shardId) {
        return store.acquire(name, source.streamArn(), shardId, workerId, shared.leaseDuration());
    }

    private List<ShardState> startAtLatest() {
        ShardCheckpoint now = ShardCheckpoint.unreadSince(clock.instant());
        for (StreamShard shard : shards) {
            acquire(shard.id()).ifPresent(lease -> {
                store.checkpoint(lease, shard.closed() ? now.toFinished() : now, 0);
                if (!shard.closed()) {
                    latestShards.add(shard.id());
                }
                store.release(lease);
            });
        }
        return store.shards(name);
    }

    /** Checkpoints of an earlier stream of the table: fail, or start over on the current stream. */
    private @Nullable List<ShardState> streamReplaced(List<ShardState> states) {
        String previous = states.stream()
                .map(ShardState::streamArn)
                .filter(arn -> !arn.equals(source.streamArn()))
                .findFirst()
                .orElseThrow();
        StalePositionException stale = new StalePositionException(
                previous,
                null,
                null,
                "the checkpoints belong to an earlier stream; the current stream is " + source.streamArn(),
                null);
        StalePositionStrategy strategy = stalePositions.resolve(stale);
        if (strategy == null) {
            return null;
        }
        store.delete(name);
        stalePositions.reported(null, stale, strategy);
        return strategy == StalePositionStrategy.RESTART_FROM_LATEST ? startAtLatest() : List.of();
    }

    /** A shard read part-way that the stream no longer lists: its remaining records are gone. */
    private void resetVanished(String shardId, ShardCheckpoint checkpoint) {
        StalePositionException stale = new StalePositionException(
                source.streamArn(), shardId, checkpoint.sequenceNumber(), "the shard is no longer in the stream", null);
        acquire(shardId).ifPresent(lease -> {
            ShardCheckpoint reset = stalePositions.reset(stale, lease);
            if (reset != null) {
                store.checkpoint(lease, reset.toFinished(), 0);
                store.release(lease);
            }
        });
    }
}
