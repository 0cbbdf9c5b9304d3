package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.CdcRunner;
import dev.excalibur.cdc.dynamodb.CdcRunnerBuilder;
import dev.excalibur.cdc.dynamodb.internal.CdcDelivery;
import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.internal.Futures;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.streams.internal.StreamSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final ProcessorSettings settings;
    private final CdcRunnerSettings shared;
    private final String name;
    private final String workerId;
    private final CdcMetrics metrics;
    private final CdcDelivery delivery;
    private final StalePositions stalePositions;
    private final ProcessorRun run = new ProcessorRun(this::stopOnFailure);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private volatile @Nullable ShardCoordinator coordinator;
    private volatile @Nullable ProcessorThreads threads;

    private CdcProcessor(ProcessorSettings settings, CdcRunnerSettings shared) {
        this.settings = settings;
        this.shared = shared;
        this.name = settings.name();
        this.workerId = shared.workerId();
        this.metrics = new CdcMetrics(shared.meterRegistry(), name);
        this.delivery = new CdcDelivery(name, shared, metrics);
        this.stalePositions = new StalePositions(settings, metrics, ProcessorClock.SYSTEM, run::fail);
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
        return run.running();
    }

    /** Completes when the processor has stopped: normally after {@link #stop()}, exceptionally with what stopped it. */
    @Override
    public CompletableFuture<Void> termination() {
        return termination;
    }

    @Override
    public Map<String, Duration> shardLags() {
        return metrics.lags();
    }

    @Override
    public Set<String> ownedShards() {
        ShardCoordinator current = coordinator;
        return current == null ? Set.of() : current.ownedShards();
    }

    /** The settings beyond the shared ones, as built. */
    ProcessorSettings settings() {
        return settings;
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
        StreamSource source = shared.streamArn() != null
                ? StreamSource.ofStream(shared.streamsClient(), shared.streamArn(), RetryPolicy.STANDARD)
                : Futures.join(StreamSource.ofTable(
                        shared.client(), shared.streamsClient(), shared.tableName(), RetryPolicy.STANDARD));
        run.start();
        ProcessorThreads threads = new ProcessorThreads(name, settings.maxConcurrentShards());
        this.threads = threads;
        this.coordinator = ShardCoordinator.start(
                settings, shared, workerId, source, metrics, delivery, stalePositions, run, threads);
        LOG.info("CDC processor '{}' (worker {}) started on stream {}", name, workerId, source.streamArn());
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
        end(false);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Ends abruptly, as a crash would: no checkpoints after this call, leases left to expire. For tests. */
    void abort() {
        stopRequested.set(true);
        end(true);
    }

    private void end(boolean abort) {
        run.end(abort);
        ProcessorThreads current = threads;
        if (current != null) {
            current.shutdown(abort);
        }
        Throwable error = run.failure();
        LOG.info("CDC processor '{}' (worker {}) stopped{}", name, workerId, error == null ? "" : ": " + error);
        if (error == null) {
            termination.complete(null);
        } else {
            termination.completeExceptionally(error);
        }
    }

    private void stopOnFailure(Throwable error) {
        LOG.error("CDC processor '{}' stopping on failure", name, error);
        Thread stopper = new Thread(this::stop, "excalibur-cdc-" + name + "-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /**
     * Settings of a {@link CdcProcessor}; {@link #build()} checks them all and reports every
     * problem at once, before any network call. Defaults of the shared settings: {@code maxBatchSize}
     * 100 (records per read and per checkpoint), {@code leaseDuration} 30 s. Throttled or failing
     * stream calls are retried up to 5 times, 50 ms to 2 s apart.
     */
    public static final class Builder extends CdcRunnerBuilder<Builder> {
        private String name = "cdc-processor";
        private @Nullable CdcStateStore stateStore;
        private int maxConcurrentShards = 4;
        private StalePositionStrategy stalePositionStrategy = StalePositionStrategy.FAIL;
        private @Nullable StalePositionCallback stalePositionCallback;
        private @Nullable Consumer<CdcPositionReset> resetListener;
        private @Nullable Duration leaseRenewInterval;
        private Duration shardDiscoveryInterval = Duration.ofMinutes(1);
        private Duration checkpointInterval = Duration.ZERO;

        private Builder() {
            super(100, Duration.ofSeconds(30));
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

        /**
         * The processor (not started).
         *
         * @throws InvalidOptionsException listing every setting that is missing or out of range
         */
        public CdcProcessor build() {
            List<String> problems = new ArrayList<>();
            checkShared(problems);
            CdcRunnerSettings shared = shared();
            // the renew interval is derived into the settings, never into this builder: it can be reused with another
            // lease duration
            ProcessorSettings settings = new ProcessorSettings(
                    name,
                    stateStore,
                    maxConcurrentShards,
                    stalePositionStrategy,
                    stalePositionCallback,
                    resetListener,
                    ProcessorSettings.leaseRenewInterval(leaseRenewInterval, shared.leaseDuration()),
                    shardDiscoveryInterval,
                    checkpointInterval);
            settings.check(shared, problems);
            InvalidOptionsException.throwIfAny("CDC processor settings", problems);
            return new CdcProcessor(settings, shared);
        }
    }
}
