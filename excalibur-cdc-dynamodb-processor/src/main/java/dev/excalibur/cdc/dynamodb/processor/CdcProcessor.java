package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.data.internal.Futures;
import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcRunner;
import dev.excalibur.cdc.dynamodb.CdcRunnerBuilder;
import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.cdc.dynamodb.internal.CdcChanges;
import dev.excalibur.cdc.dynamodb.internal.CdcDelivery;
import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;

import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.LeaseLostException;
import dev.excalibur.cdc.dynamodb.state.ShardLease;
import dev.excalibur.cdc.dynamodb.state.ShardState;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.internal.ShardLineage;
import dev.excalibur.dynamodb.streams.internal.ShardReader;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.streams.internal.StreamShard;
import dev.excalibur.dynamodb.streams.internal.StreamSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A change data capture processor: reads a DynamoDB stream and hands every record to a handler at
 * least once, in order within a shard (and so per item). Shards are processed in parallel, up to
 * {@code maxConcurrentShards} at once, each under a lease in the {@link CdcStateStore}; instances
 * with the same processor name split the shards and take over a dead instance's shards when its
 * leases expire. After the handler returns for a batch, the shard's checkpoint is written; a
 * handler failure is retried with backoff, then stops the processor on that record (or hands it to
 * the dead-letter handler). A child shard is read only after its parent is finished.
 *
 * <p>Build with {@link #builder()}, then {@link #start()}; {@link #stop()} (or {@link #close()})
 * lets in-flight batches finish, writes their checkpoints and releases the leases.
 */
public final class CdcProcessor implements CdcRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CdcProcessor.class);
    /** How long DynamoDB Streams keeps records; a shard unlisted and untouched for longer is gone for every reader. */
    private static final Duration STREAM_RETENTION = Duration.ofHours(24);

    private final Builder config;
    private final CdcRunnerSettings shared;
    private final Duration leaseRenewInterval;
    private final String name;
    private final String workerId;
    private final CdcStateStore store;
    private final CdcMetrics metrics;
    private final CdcDelivery delivery;
    private final Map<String, ShardWork> active = new ConcurrentHashMap<>();
    private final Set<String> latestShards = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean aborted;
    private volatile boolean discoveryRequested = true;
    private volatile StreamSource source;
    private ScheduledExecutorService coordinator;
    private ExecutorService workers;
    private ExecutorService checkpoints;
    private List<StreamShard> shards = List.of();
    private Instant listedAt;
    private long nextDiscovery;

    private CdcProcessor(Builder builder, CdcRunnerSettings shared, Duration leaseRenewInterval) {
        this.config = builder;
        this.shared = shared;
        this.leaseRenewInterval = leaseRenewInterval;
        this.name = builder.name;
        this.workerId = shared.workerId() == null ? UUID.randomUUID().toString() : shared.workerId();
        this.store = builder.stateStore;
        this.metrics = new CdcMetrics(shared.meterRegistry(), builder.name);
        this.delivery = new CdcDelivery(builder.name, shared, metrics);
    }

    /** A builder; see {@link Builder} for the settings and their defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The processor name: the key of its checkpoints and leases. */
    @Override
    public String name() {
        return name;
    }

    /** This instance's lease owner id. */
    @Override
    public String workerId() {
        return workerId;
    }

    /** True between {@link #start()} and the end of {@link #stop()} or a failure. */
    @Override
    public boolean isRunning() {
        return running;
    }

    /** Completes when the processor has stopped: normally after {@link #stop()}, exceptionally with what stopped it. */
    @Override
    public CompletableFuture<Void> termination() {
        return termination;
    }

    /**
     * The lag of each shard this instance works now: how old the newest handled record was when it
     * was handled, or zero once a read came back empty (caught up). DynamoDB stamps records to the
     * second, DynamoDB Local to the minute.
     */
    public Map<String, Duration> shardLags() {
        return metrics.lags();
    }

    /** The largest of {@link #shardLags()} (zero when no shard is worked). */
    public Duration lag() {
        return metrics.lags().values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The shards this instance holds leases on now. */
    public Set<String> ownedShards() {
        return Set.copyOf(active.keySet());
    }

    /**
     * Starts reading in the background. Finds the table's stream first.
     *
     * @throws IllegalStateException if already started, or the table has no stream
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException if the table does not exist
     */
    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("CDC processor '" + name + "' was already started");
        }
        RetryPolicy retry = config.retryPolicy;
        source = shared.streamArn() != null ? StreamSource.ofStream(shared.streamsClient(), shared.streamArn(), retry)
                : Futures.join(StreamSource.ofTable(shared.client(), shared.streamsClient(), shared.tableName(), retry));
        running = true;
        coordinator = Executors.newSingleThreadScheduledExecutor(threads("excalibur-cdc-" + name + "-coordinator"));
        workers = Executors.newFixedThreadPool(config.maxConcurrentShards, threads("excalibur-cdc-" + name + "-shard"));
        checkpoints = Executors.newFixedThreadPool(config.maxConcurrentShards, threads("excalibur-cdc-" + name + "-checkpoint"));
        LOG.info("CDC processor '{}' (worker {}) starting on stream {}", name, workerId, source.streamArn());
        coordinator.scheduleWithFixedDelay(this::coordinate, 0, leaseRenewInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops: no new batches are read, in-flight batches finish and are checkpointed, leases are
     * released. Waits until done. Idempotent.
     */
    @Override
    public void stop() {
        if (!started.get()) {
            termination.complete(null);
            return;
        }
        if (!stopRequested.compareAndSet(false, true)) {
            termination.exceptionally(e -> null).join();
            return;
        }
        running = false;
        stopping.countDown();
        shutdown(coordinator, false);
        shutdown(workers, false);
        shutdown(checkpoints, false);
        finish();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Ends abruptly, as a crash would: no checkpoints after this call, leases left to expire. For tests. */
    void abort() {
        aborted = true;
        running = false;
        stopRequested.set(true);
        stopping.countDown();
        shutdown(coordinator, true);
        shutdown(workers, true);
        shutdown(checkpoints, true);
        finish();
    }

    private void finish() {
        Throwable error = failure.get();
        LOG.info("CDC processor '{}' (worker {}) stopped{}", name, workerId, error == null ? "" : ": " + error);
        if (error == null) {
            termination.complete(null);
        } else {
            termination.completeExceptionally(error);
        }
    }

    private void fail(Throwable error) {
        if (failure.compareAndSet(null, error)) {
            LOG.error("CDC processor '{}' stopping on failure", name, error);
            running = false;
            Thread stopper = new Thread(this::stop, "excalibur-cdc-" + name + "-stop");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    // ---- coordination: leases, discovery, assignment ----

    private void coordinate() {
        if (!running) {
            return;
        }
        try {
            renewLeases();
            List<ShardState> states = store.shards(name);
            long now = System.nanoTime();
            if (discoveryRequested || now - nextDiscovery >= 0 || listingOutdated(states, shards, listedAt, shared.leaseDuration())) {
                discoveryRequested = false;
                listedAt = Instant.now();
                shards = source.shards();
                nextDiscovery = now + config.shardDiscoveryInterval.toNanos();
            }
            if (!states.isEmpty() && states.stream().anyMatch(s -> s.streamArn() != null && !s.streamArn().equals(source.streamArn()))) {
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
            LOG.warn("CDC processor '{}': coordination failed, retrying in {}: {}", name, leaseRenewInterval, e.toString());
        }
    }

    /**
     * True when another instance knows shards newer than this instance's listing: an entry names a
     * shard the listing lacks and was written after the listing was taken (less {@code skew}, for the
     * clocks of instances). Its lineage must be listed before anything is assigned: the parent of such
     * a shard may have had its entry pruned, and only the child's entry shows the parent finished.
     * Entries of shards past the retention were written long before any listing and trigger nothing.
     */
    static boolean listingOutdated(List<ShardState> states, List<StreamShard> listing, Instant listedAt, Duration skew) {
        if (listedAt == null) {
            return true;
        }
        Instant after = listedAt.minus(skew);
        Set<String> listed = new java.util.HashSet<>();
        listing.forEach(shard -> listed.add(shard.id()));
        return states.stream().anyMatch(state -> !listed.contains(state.shardId())
                && (!state.checkpoint().finished() || state.updatedAt() == null || state.updatedAt().isAfter(after)));
    }

    private ShardLineage lineage(List<ShardState> states) {
        Map<String, ShardCheckpoint> known = new HashMap<>();
        states.forEach(state -> known.put(state.shardId(), state.checkpoint()));
        return new ShardLineage(shards, known);
    }

    private void renewLeases() {
        for (ShardWork work : active.values()) {
            long requested = System.nanoTime();
            if (store.renew(work.lease, shared.leaseDuration())) {
                work.validUntil = requested + shared.leaseDuration().toNanos();
            } else {
                LOG.warn("CDC processor '{}': lease on shard {} was lost; stopping work on it", name, work.shard.id());
                work.leaseLost = true;
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
                store.acquire(name, source.streamArn(), gone, workerId, shared.leaseDuration()).ifPresent(lease -> {
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
        Instant retainedSince = Instant.now().minus(STREAM_RETENTION);
        for (String prunable : lineage.prunable(gone -> byShard.get(gone).updatedAt().isBefore(retainedSince))) {
            store.removeFinished(name, prunable);
        }
        Instant now = Instant.now();
        for (StreamShard shard : lineage.readable()) {
            if (active.size() >= config.maxConcurrentShards || !running) {
                return;
            }
            ShardState state = byShard.get(shard.id());
            if (active.containsKey(shard.id()) || (state != null && state.leasedAt(now) && !workerId.equals(state.owner()))) {
                continue;
            }
            long requested = System.nanoTime();
            Optional<ShardLease> lease = store.acquire(name, source.streamArn(), shard.id(), workerId, shared.leaseDuration());
            if (lease.isEmpty()) {
                continue;
            }
            // the first lease on a shard creates its entry: start where the lineage says; later leases carry the checkpoint
            ShardCheckpoint start = lease.get().counter() > 1 ? lease.get().checkpoint() : lineage.startOf(shard, null);
            if (start.finished()) {
                store.release(lease.get());
                continue;
            }
            if (lease.get().counter() == 1 && !start.equals(ShardCheckpoint.UNREAD)) {
                store.checkpoint(lease.get(), start, 0);
            }
            ShardWork work = new ShardWork(shard, lease.get(), start, requested + shared.leaseDuration().toNanos());
            active.put(shard.id(), work);
            LOG.info("CDC processor '{}' (worker {}) took shard {} (lease {}) from {}", name, workerId, shard.id(),
                    lease.get().counter(), start);
            workers.execute(() -> work(work));
        }
    }

    private List<ShardState> startAtLatest() {
        ShardCheckpoint now = ShardCheckpoint.unreadSince(Instant.now());
        for (StreamShard shard : shards) {
            store.acquire(name, source.streamArn(), shard.id(), workerId, shared.leaseDuration()).ifPresent(lease -> {
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
    private List<ShardState> streamReplaced(List<ShardState> states) {
        String previous = states.stream().map(ShardState::streamArn).filter(arn -> !arn.equals(source.streamArn()))
                .findFirst().orElseThrow();
        StalePositionException stale = new StalePositionException(previous, null, null,
                "the checkpoints belong to an earlier stream; the current stream is " + source.streamArn(), null);
        StalePositionStrategy strategy = decide(stale);
        if (strategy == StalePositionStrategy.FAIL) {
            fail(stale);
            return null;
        }
        store.delete(name);
        reported(new CdcPositionReset(name, null, stale, strategy, Instant.now()));
        return strategy == StalePositionStrategy.RESTART_FROM_LATEST ? startAtLatest() : List.of();
    }

    /** A shard read part-way that the stream no longer lists: its remaining records are gone. */
    private void resetVanished(String shardId, ShardCheckpoint checkpoint) {
        StalePositionException stale = new StalePositionException(source.streamArn(), shardId, checkpoint.sequenceNumber(),
                "the shard is no longer in the stream", null);
        store.acquire(name, source.streamArn(), shardId, workerId, shared.leaseDuration()).ifPresent(lease -> {
            ShardCheckpoint reset = reset(stale, lease);
            if (reset != null) {
                store.checkpoint(lease, reset.toFinished(), 0);
                store.release(lease);
            }
        });
    }

    private StalePositionStrategy decide(StalePositionException stale) {
        StalePositionStrategy strategy = config.stalePositionStrategy;
        if (strategy == StalePositionStrategy.ASK_CALLBACK) {
            strategy = config.stalePositionCallback.decide(name, stale);
            if (strategy == null || strategy == StalePositionStrategy.ASK_CALLBACK) {
                strategy = StalePositionStrategy.FAIL;
            }
        }
        return strategy;
    }

    /** Applies the stale-position strategy to a shard under its lease; the checkpoint to go on from, or null (failed). */
    private ShardCheckpoint reset(StalePositionException stale, ShardLease lease) {
        StalePositionStrategy strategy = decide(stale);
        if (strategy == StalePositionStrategy.FAIL) {
            fail(stale);
            return null;
        }
        ShardCheckpoint reset = strategy == StalePositionStrategy.RESTART_FROM_TRIM_HORIZON
                ? ShardCheckpoint.UNREAD : ShardCheckpoint.unreadSince(Instant.now());
        store.checkpoint(lease, reset, 0);
        reported(new CdcPositionReset(name, lease.shardId(), stale, strategy, Instant.now()));
        return reset;
    }

    private void reported(CdcPositionReset reset) {
        metrics.reset();
        LOG.warn("CDC processor '{}': stale position reset with {}: {}", name, reset.strategy(), reset.stale().getMessage());
        if (config.resetListener != null) {
            try {
                config.resetListener.accept(reset);
            } catch (RuntimeException e) {
                LOG.warn("CDC processor '{}': reset listener failed", name, e);
            }
        }
    }

    // ---- one shard ----

    /**
     * Works one shard until it is finished, its lease is lost or the processor stops. A batch's
     * checkpoint is written (at most every {@code checkpointInterval}) while the next batch is
     * read, and completes before that batch is handled; on stop, what was handled is checkpointed.
     */
    private void work(ShardWork work) {
        StreamShard shard = work.shard;
        ShardReader reader = source.reader(shard, work.start, latestShards.remove(shard.id()), shared.maxBatchSize());
        Progress progress = new Progress(work.start);
        CompletableFuture<Void> checkpointing = CompletableFuture.completedFuture(null);
        try {
            while (working(work)) {
                List<Record> records;
                try {
                    records = reader.read();
                } catch (StalePositionException stale) {
                    Futures.join(checkpointing);
                    ShardCheckpoint reset = reset(stale, work.lease);
                    if (reset == null) {
                        return;
                    }
                    progress = new Progress(reset);
                    reader = source.reader(shard, reset, reset.skipBefore() != null, shared.maxBatchSize());
                    continue;
                }
                Futures.join(checkpointing);
                if (!records.isEmpty()) {
                    List<CdcChange> changes = CdcChanges.fromRecords(shard.id(), records, shared.documentDecoder());
                    CdcDelivery.Outcome delivered = delivery.deliver(shard.id(), changes, () -> !working(work));
                    if (delivered.failure() != null) {
                        fail(delivered.failure());
                    }
                    int handled = delivered.handled();
                    if (handled < changes.size()) {
                        progress.handled(handled == 0 ? null : changes.get(handled - 1).sequenceNumber(), handled);
                        return;
                    }
                    progress.handled(records.get(records.size() - 1).dynamodb().sequenceNumber(), handled);
                    if (progress.due(config.checkpointInterval)) {
                        ShardCheckpoint reached = progress.position;
                        long count = progress.take();
                        checkpointing = CompletableFuture.runAsync(() -> {
                            store.checkpoint(work.lease, reached, count);
                            metrics.checkpointed();
                        }, checkpoints);
                    }
                }
                if (reader.finished()) {
                    Futures.join(checkpointing);
                    ShardCheckpoint finished = progress.position.sequenceNumber() != null
                            ? progress.position.toFinished() : reader.checkpoint();
                    store.checkpoint(work.lease, finished, progress.take());
                    metrics.checkpointed();
                    LOG.info("CDC processor '{}': shard {} finished", name, shard.id());
                    discoveryRequested = true;
                    coordinator.execute(this::coordinate);
                    return;
                }
                if (records.isEmpty()) {
                    metrics.caughtUp(shard.id());
                    pause(shared.pollInterval());
                }
            }
        } catch (LeaseLostException e) {
            LOG.warn("CDC processor '{}': {}", name, e.getMessage());
            work.leaseLost = true;
        } catch (CancellationException | java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("CDC processor '{}': shard {} interrupted", name, shard.id());
        } catch (RuntimeException e) {
            if (aborted) {
                LOG.debug("CDC processor '{}': shard {} ended by the abort: {}", name, shard.id(), e.toString());
            } else if (RetryPolicy.isRetryable(e)) {
                LOG.warn("CDC processor '{}': shard {} failed, it will be taken up again: {}", name, shard.id(), e.toString());
            } else {
                // a failure that repeating cannot cure: taking the shard up again would loop on it forever
                fail(e);
            }
        } finally {
            active.remove(shard.id());
            metrics.released(shard.id());
            if (!aborted && !work.leaseLost) {
                try {
                    Futures.join(checkpointing);
                    if (progress.dirty) {
                        store.checkpoint(work.lease, progress.position, progress.take());
                        metrics.checkpointed();
                    }
                    store.release(work.lease);
                } catch (RuntimeException e) {
                    LOG.warn("CDC processor '{}': final checkpoint or release of shard {} failed: {}", name, shard.id(), e.toString());
                }
            }
        }
    }

    /** What a shard worker handled since its last checkpoint write. */
    private static final class Progress {
        ShardCheckpoint position;
        long count;
        boolean dirty;
        long lastWrite = System.nanoTime();

        Progress(ShardCheckpoint start) {
            this.position = start;
        }

        void handled(String sequenceNumber, int changes) {
            if (sequenceNumber != null) {
                position = ShardCheckpoint.after(sequenceNumber);
                dirty = true;
            }
            count += changes;
        }

        boolean due(Duration interval) {
            return dirty && System.nanoTime() - lastWrite >= interval.toNanos();
        }

        /** The count to write with the position, now written. */
        long take() {
            long taken = count;
            count = 0;
            dirty = false;
            lastWrite = System.nanoTime();
            return taken;
        }
    }

    /**
     * True while the shard may be worked on: the processor runs and the lease holds by this
     * instance's own clock (measured from before the last acquire or renew request), so no other
     * instance can have taken it yet.
     */
    private boolean working(ShardWork work) {
        if (running && !aborted && !work.leaseLost && System.nanoTime() - work.validUntil >= 0) {
            LOG.warn("CDC processor '{}': lease on shard {} not renewed in time; stopping work on it", name, work.shard.id());
            work.leaseLost = true;
        }
        return running && !aborted && !work.leaseLost && !Thread.currentThread().isInterrupted();
    }

    /** Waits, returning early (false) when the processor stops. */
    private boolean pause(Duration duration) {
        try {
            return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void shutdown(ExecutorService executor, boolean now) {
        if (executor == null) {
            return;
        }
        if (now) {
            executor.shutdownNow();
        } else {
            executor.shutdown();
        }
        try {
            if (!executor.awaitTermination(now ? 30 : 120, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }


    /** A shard this instance holds a lease on. */
    private static final class ShardWork {
        final StreamShard shard;
        final ShardLease lease;
        final ShardCheckpoint start;
        volatile boolean leaseLost;
        volatile long validUntil;

        ShardWork(StreamShard shard, ShardLease lease, ShardCheckpoint start, long validUntil) {
            this.shard = shard;
            this.lease = lease;
            this.start = start;
            this.validUntil = validUntil;
        }
    }

    /**
     * Settings of a {@link CdcProcessor}; {@link #build()} checks them all and reports every
     * problem at once, before any network call. Defaults of the shared settings: {@code maxBatchSize}
     * 100 (records per read and per checkpoint), {@code leaseDuration} 30 s.
     */
    public static final class Builder extends CdcRunnerBuilder<Builder> {
        private String name = "cdc-processor";
        private CdcStateStore stateStore;
        private int maxConcurrentShards = 4;
        private StalePositionStrategy stalePositionStrategy = StalePositionStrategy.FAIL;
        private StalePositionCallback stalePositionCallback;
        private Consumer<CdcPositionReset> resetListener;
        private Duration leaseRenewInterval;
        private Duration shardDiscoveryInterval = Duration.ofMinutes(1);
        private Duration checkpointInterval = Duration.ZERO;
        private RetryPolicy retryPolicy = new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(2));

        private Builder() {
            super(100, Duration.ofSeconds(30));
        }

        private Builder(Builder other) {
            super(other);
            this.name = other.name;
            this.stateStore = other.stateStore;
            this.maxConcurrentShards = other.maxConcurrentShards;
            this.stalePositionStrategy = other.stalePositionStrategy;
            this.stalePositionCallback = other.stalePositionCallback;
            this.resetListener = other.resetListener;
            this.leaseRenewInterval = other.leaseRenewInterval;
            this.shardDiscoveryInterval = other.shardDiscoveryInterval;
            this.checkpointInterval = other.checkpointInterval;
            this.retryPolicy = other.retryPolicy;
        }


        /** The processor name, the key of its checkpoints and leases; default {@code cdc-processor}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Where checkpoints and leases live. Required. */
        public Builder stateStore(CdcStateStore stateStore) {
            this.stateStore = stateStore;
            return this;
        }

        /** Shards this instance processes at once, 1 to 1000; default 4. */
        public Builder maxConcurrentShards(int maxConcurrentShards) {
            this.maxConcurrentShards = maxConcurrentShards;
            return this;
        }

        /** What to do about a stale position; default {@link StalePositionStrategy#FAIL}. */
        public Builder stalePositionStrategy(StalePositionStrategy stalePositionStrategy) {
            this.stalePositionStrategy = stalePositionStrategy;
            return this;
        }

        /** The decision maker for {@link StalePositionStrategy#ASK_CALLBACK}. */
        public Builder stalePositionCallback(StalePositionCallback stalePositionCallback) {
            this.stalePositionCallback = stalePositionCallback;
            return this;
        }

        /** Told about every position reset (it is logged too). */
        public Builder resetListener(Consumer<CdcPositionReset> resetListener) {
            this.resetListener = resetListener;
            return this;
        }

        /** How often leases are renewed and free shards looked for; default a third of the lease duration. */
        public Builder leaseRenewInterval(Duration leaseRenewInterval) {
            this.leaseRenewInterval = leaseRenewInterval;
            return this;
        }

        /** How often the stream's shards are listed again (also whenever a shard finishes); default 1 min. */
        public Builder shardDiscoveryInterval(Duration shardDiscoveryInterval) {
            this.shardDiscoveryInterval = shardDiscoveryInterval;
            return this;
        }

        /**
         * The least time between two checkpoint writes of a shard; default zero: after every batch,
         * so a crash redelivers at most one batch per shard. Longer saves writes to the state store
         * and redelivers up to this much work. What was handled is always written on stop.
         */
        public Builder checkpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        /** Retries of throttled or failing stream calls; default 5 retries, 50 ms to 2 s backoff. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /**
         * The processor (not started).
         *
         * @throws IllegalArgumentException listing every setting that is missing or out of range
         */
        public CdcProcessor build() {
            List<String> problems = new ArrayList<>();
            if (name == null || name.isBlank()) {
                problems.add("name must not be blank");
            }
            checkShared(problems);
            CdcRunnerSettings shared = shared();
            boolean hasStream = shared.streamArn() != null && !shared.streamArn().isBlank();
            if (!hasStream && shared.client() == null) {
                problems.add("client is required to find the stream of table '" + shared.tableName() + "' (or give streamArn)");
            }
            if (stateStore == null) {
                problems.add("stateStore is required (DynamoDbCdcStateStore or InMemoryCdcStateStore)");
            }
            if (maxConcurrentShards < 1 || maxConcurrentShards > 1000) {
                problems.add("maxConcurrentShards must be between 1 and 1000 but was " + maxConcurrentShards);
            }
            positive(problems, "shardDiscoveryInterval", shardDiscoveryInterval);
            if (checkpointInterval == null || checkpointInterval.isNegative()) {
                problems.add("checkpointInterval must not be negative but was " + checkpointInterval);
            }
            // derived into a local, never written back: the builder can be reused with another lease duration
            Duration leaseDuration = shared.leaseDuration();
            Duration renewInterval = leaseRenewInterval;
            if (renewInterval == null && leaseDuration != null && !leaseDuration.isNegative() && !leaseDuration.isZero()) {
                renewInterval = leaseDuration.dividedBy(3);
            }
            positive(problems, "leaseRenewInterval", renewInterval);
            if (renewInterval != null && leaseDuration != null && renewInterval.compareTo(leaseDuration) >= 0) {
                problems.add("leaseRenewInterval (" + renewInterval + ") must be shorter than leaseDuration (" + leaseDuration + ")");
            }
            if (stalePositionStrategy == null) {
                problems.add("stalePositionStrategy must not be null");
            } else if (stalePositionStrategy == StalePositionStrategy.ASK_CALLBACK && stalePositionCallback == null) {
                problems.add("stalePositionStrategy ASK_CALLBACK needs a stalePositionCallback");
            }
            if (retryPolicy == null) {
                problems.add("retryPolicy must not be null");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid CDC processor settings: " + String.join("; ", problems));
            }
            return new CdcProcessor(new Builder(this), shared, renewInterval);
        }
    }
}
