package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.internal.CdcChanges;
import dev.excalibur.cdc.dynamodb.internal.CdcDelivery;
import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.LeaseLostException;
import dev.excalibur.data.internal.Futures;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.streams.internal.ShardReader;
import dev.excalibur.dynamodb.streams.internal.StreamShard;
import dev.excalibur.dynamodb.streams.internal.StreamSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Works the shards the coordinator took, one per call on a worker thread: reads a shard batch by
 * batch, hands each batch to the handler and writes its checkpoint, until the shard is finished,
 * its lease is lost or the processor stops.
 */
final class ShardWorker {

    private static final Logger LOG = LoggerFactory.getLogger(CdcProcessor.class);

    private final ProcessorSettings settings;
    private final CdcRunnerSettings shared;
    private final String name;
    private final CdcStateStore store;
    private final StreamSource source;
    private final CdcMetrics metrics;
    private final CdcDelivery delivery;
    private final StalePositions stalePositions;
    private final ProcessorClock clock;
    private final Executor checkpoints;
    private final ProcessorRun run;

    /**
     * @param checkpoints where checkpoints are written while the next batch is read
     */
    ShardWorker(
            ProcessorSettings settings,
            CdcRunnerSettings shared,
            StreamSource source,
            CdcMetrics metrics,
            CdcDelivery delivery,
            StalePositions stalePositions,
            ProcessorClock clock,
            Executor checkpoints,
            ProcessorRun run) {
        this.settings = settings;
        this.shared = shared;
        this.name = settings.name();
        this.store = settings.stateStore();
        this.source = source;
        this.metrics = metrics;
        this.delivery = delivery;
        this.stalePositions = stalePositions;
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.run = run;
    }

    /**
     * Works one shard until it is finished, its lease is lost or the processor stops. A batch's
     * checkpoint is written (at most every {@code checkpointInterval}) while the next batch is
     * read, and completes before that batch is handled; on stop, what was handled is checkpointed.
     *
     * @return true if the shard was read to its end (its children may be readable now)
     */
    boolean work(ShardWork work) {
        StreamShard shard = work.shard;
        ShardReader reader = source.reader(shard, work.start, work.atLatest, shared.maxBatchSize());
        Progress progress = new Progress(work.start);
        CompletableFuture<Void> checkpointing = CompletableFuture.completedFuture(null);
        try {
            while (working(work)) {
                List<Record> records;
                try {
                    records = reader.read();
                } catch (StalePositionException stale) {
                    Futures.join(checkpointing);
                    ShardCheckpoint reset = stalePositions.reset(stale, work.lease);
                    if (reset == null) {
                        return false;
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
                        run.fail(delivered.failure());
                    }
                    int handled = delivered.handled();
                    if (handled < changes.size()) {
                        progress.handled(
                                handled == 0 ? null : changes.get(handled - 1).sequenceNumber(), handled);
                        return false;
                    }
                    progress.handled(records.get(records.size() - 1).dynamodb().sequenceNumber(), handled);
                    if (progress.due(settings.checkpointInterval())) {
                        ShardCheckpoint reached = progress.position;
                        long count = progress.take();
                        checkpointing = CompletableFuture.runAsync(
                                () -> {
                                    store.checkpoint(work.lease, reached, count);
                                    metrics.checkpointed();
                                },
                                checkpoints);
                    }
                }
                if (reader.finished()) {
                    Futures.join(checkpointing);
                    ShardCheckpoint finished = progress.position.sequenceNumber() != null
                            ? progress.position.toFinished()
                            : reader.checkpoint();
                    store.checkpoint(work.lease, finished, progress.take());
                    metrics.checkpointed();
                    LOG.info("CDC processor '{}': shard {} finished", name, shard.id());
                    return true;
                }
                if (records.isEmpty()) {
                    metrics.caughtUp(shard.id());
                    run.pause(shared.pollInterval());
                }
            }
        } catch (LeaseLostException e) {
            LOG.warn("CDC processor '{}': {}", name, e.getMessage());
            work.leaseLost();
        } catch (CancellationException | RejectedExecutionException e) {
            LOG.debug("CDC processor '{}': shard {} interrupted", name, shard.id());
        } catch (RuntimeException e) {
            if (run.aborted()) {
                LOG.debug("CDC processor '{}': shard {} ended by the abort: {}", name, shard.id(), e.toString());
            } else if (RetryPolicy.isRetryable(e)) {
                LOG.warn(
                        "CDC processor '{}': shard {} failed, it will be taken up again: {}",
                        name,
                        shard.id(),
                        e.toString());
            } else {
                // a failure that repeating cannot cure: taking the shard up again would loop on it forever
                run.fail(e);
            }
        } finally {
            metrics.released(shard.id());
            if (!run.aborted() && !work.isLeaseLost()) {
                try {
                    Futures.join(checkpointing);
                    if (progress.dirty) {
                        store.checkpoint(work.lease, progress.position, progress.take());
                        metrics.checkpointed();
                    }
                    store.release(work.lease);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "CDC processor '{}': final checkpoint or release of shard {} failed: {}",
                            name,
                            shard.id(),
                            e.toString());
                }
            }
        }
        return false;
    }

    /**
     * True while the shard may be worked on: the processor runs and the lease holds by this
     * instance's own clock, so no other instance can have taken it yet.
     */
    private boolean working(ShardWork work) {
        if (run.running() && !work.isLeaseLost() && work.expiredAt(clock.nanoTime())) {
            LOG.warn(
                    "CDC processor '{}': lease on shard {} not renewed in time; stopping work on it",
                    name,
                    work.shard.id());
            work.leaseLost();
        }
        return run.running() && !work.isLeaseLost() && !Thread.currentThread().isInterrupted();
    }

    /** What a shard worker handled since its last checkpoint write. */
    private final class Progress {
        ShardCheckpoint position;
        long count;
        boolean dirty;
        long lastWrite = clock.nanoTime();

        Progress(ShardCheckpoint start) {
            this.position = start;
        }

        void handled(@Nullable String sequenceNumber, int changes) {
            if (sequenceNumber != null) {
                position = ShardCheckpoint.after(sequenceNumber);
                dirty = true;
            }
            count += changes;
        }

        boolean due(Duration interval) {
            return dirty && clock.nanoTime() - lastWrite >= interval.toNanos();
        }

        /** The count to write with the position, now written. */
        long take() {
            long taken = count;
            count = 0;
            dirty = false;
            lastWrite = clock.nanoTime();
            return taken;
        }
    }
}
