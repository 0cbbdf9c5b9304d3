package dev.excalibur.cdc.dynamodb.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import com.amazonaws.services.dynamodbv2.streamsadapter.util.KinesisMapperUtil;
import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.CdcRunner;
import dev.excalibur.cdc.dynamodb.CdcRunnerBuilder;
import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.cdc.dynamodb.internal.CdcDelivery;
import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.StreamTracker;

/**
 * Runs a {@link CdcHandler} (per change) or {@link CdcBatchHandler} (per batch) on a DynamoDB
 * stream with the Kinesis Client Library 3 and the DynamoDB Streams Kinesis adapter: every worker
 * with the same application name shares KCL's lease table (named after the application) and
 * checkpoints, so a fleet splits the shards and takes over those of a worker that stops or dies.
 * Changes reach the handler at least once, in order within a shard (and so per item), as
 * {@code CdcProcessor} delivers them.
 *
 * <p>After each batch the shard is checkpointed after its last handled change; at shard end and
 * on {@link #stop()} too. A handler failure is retried ({@code handlerAttempts}, with backoff);
 * after the last attempt the change goes to the dead-letter handler if there is one, else the
 * worker stops with the checkpoint before that change and {@link #termination()} completes
 * with a {@code CdcProcessingException}, as the CDC processor does. KCL's own CloudWatch metrics
 * are off unless {@code metricsLevel} says otherwise; with a {@code meterRegistry} the worker
 * reports the processor's {@code excalibur.cdc.*} meters (records, batches, handler failures,
 * checkpoints, lag per shard), tagged with the application name.
 *
 * <pre>{@code
 * try (KclCdcWorker worker = KclCdcWorker.builder().applicationName("orders-projector").tableName("orders")
 *         .client(dynamoDbAsyncClient).streamsClient(dynamoDbStreamsAsyncClient).handler(change -> project(change))
 *         .build()) {
 *     worker.start();
 *     ...
 * }
 * }</pre>
 */
public final class KclCdcWorker implements CdcRunner {

    private static final Logger LOG = LoggerFactory.getLogger(KclCdcWorker.class);
    /** KCL's lease table is named after the application, and its worker metrics table after it plus 18 characters. */
    private static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,237}");

    private final Settings config;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private volatile @Nullable Scheduler scheduler;
    private volatile @Nullable Thread thread;
    private @Nullable CloudWatchAsyncClient ownCloudWatchClient;

    private KclCdcWorker(Settings settings) {
        this.config = settings;
    }

    /** A builder; see {@link Builder} for the settings and their defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The KCL application name: the name of the lease table and the key the fleet shares. */
    @Override
    public String name() {
        return config.applicationName();
    }

    /** This worker's lease owner id. */
    @Override
    public String workerId() {
        return config.shared().workerId();
    }

    /**
     * The lag of each shard this worker reads now: how old the newest handled record was when it was
     * handled, or zero once a read came back empty (caught up).
     */
    @Override
    public Map<String, Duration> shardLags() {
        return config.metrics().lags();
    }

    /** The shards this worker reads now: from its first read of a shard until the lease is lost or given up, or the shard ends. */
    @Override
    public Set<String> ownedShards() {
        return Set.copyOf(config.metrics().lags().keySet());
    }

    /** True between {@link #start()} and the end of {@link #stop()} or a failure. */
    @Override
    public boolean isRunning() {
        return started.get() && !termination.isDone();
    }

    /** Completes when the worker has stopped: normally after {@link #stop()}, exceptionally with what stopped it. */
    @Override
    public CompletableFuture<Void> termination() {
        return termination;
    }

    /**
     * Starts the KCL scheduler in the background; with a {@code tableName}, looks up its stream first.
     *
     * @throws IllegalStateException if already started, or the table has no stream
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException if the table does not exist
     */
    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("KCL CDC worker '" + config.applicationName() + "' was already started");
        }
        Scheduler created;
        try {
            String streamArn = config.shared().streamArn() != null
                    ? config.shared().streamArn()
                    : streamOf(config.shared().tableName());
            created = scheduler(streamArn, new AdapterStreams(config.shared().streamsClient()));
        } catch (RuntimeException e) {
            termination.completeExceptionally(e);
            throw e;
        }
        Thread running = new Thread(() -> run(created), "kcl-cdc-" + config.applicationName());
        running.setDaemon(true);
        scheduler = created;
        thread = running;
        running.start();
    }

    /**
     * Stops gracefully: KCL lets in-flight batches finish, each shard is checkpointed after its last
     * handled change, and the leases are given up for other workers to take. Waits at most
     * {@code shutdownTimeout}, then stops the scheduler at once. Clients passed to the builder stay open.
     */
    @Override
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            termination.exceptionally(e -> null).join();
            return;
        }
        Scheduler running = scheduler;
        if (running != null) {
            try {
                if (!running.startGracefulShutdown()
                        .get(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn(
                            "KCL CDC worker '{}' ({}): graceful shutdown ended early",
                            config.applicationName(),
                            config.shared().workerId());
                }
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.warn(
                        "KCL CDC worker '{}' ({}): graceful shutdown did not finish ({}); stopping now",
                        config.applicationName(),
                        config.shared().workerId(),
                        e.toString());
                running.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.shutdown();
            }
            join(thread);
        }
        if (ownCloudWatchClient != null) {
            ownCloudWatchClient.close();
        }
        RuntimeException failed = failure.get();
        if (failed != null) {
            termination.completeExceptionally(failed);
        } else {
            termination.complete(null);
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void run(Scheduler running) {
        running.run();
        if (!stopping.get()) {
            fail(new IllegalStateException("KCL CDC worker '" + config.applicationName() + "' ("
                    + config.shared().workerId() + "): the KCL scheduler stopped by itself; see its log"));
        }
    }

    /** Records the failure and stops from another thread (a record processor must not wait for its own shutdown). */
    private void fail(RuntimeException error) {
        if (failure.compareAndSet(null, error)) {
            LOG.error(
                    "KCL CDC worker '{}' ({}) stops: {}",
                    config.applicationName(),
                    config.shared().workerId(),
                    error.getMessage());
            Thread stopper = new Thread(this::stop, "kcl-cdc-stop-" + config.applicationName());
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    private String streamOf(String tableName) {
        return Futures.await(StreamSource.ofTable(
                        config.shared().client(), config.shared().streamsClient(), tableName, RetryPolicy.STANDARD))
                .streamArn();
    }

    private Scheduler scheduler(String streamArn, DynamoDbStreamsClient streams) {
        AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(
                streams, streams.serviceClientConfiguration().region());
        StreamTracker tracker = StreamsSchedulerFactory.createSingleStreamTracker(
                streamArn,
                InitialPositionInStreamExtended.newInitialPosition(
                        config.shared().startPosition() == CdcStartPosition.LATEST
                                ? InitialPositionInStream.LATEST
                                : InitialPositionInStream.TRIM_HORIZON));
        CloudWatchAsyncClient cloudWatch = config.cloudWatchClient();
        if (cloudWatch == null) {
            // KCL's configuration needs a CloudWatch client even with metrics off; this one is never called.
            ownCloudWatchClient = CloudWatchAsyncClient.builder()
                    .region(config.shared()
                            .client()
                            .serviceClientConfiguration()
                            .region())
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .build();
            cloudWatch = ownCloudWatchClient;
        }
        CdcDelivery delivery = config.delivery();
        ConfigsBuilder configs = new ConfigsBuilder(
                tracker,
                config.applicationName(),
                adapter,
                config.shared().client(),
                cloudWatch,
                config.shared().workerId(),
                () -> new CdcRecordProcessor(
                        delivery, config.shared().documentDecoder(), config.metrics(), stopping::get, this::fail));

        // The adapter sets the shard sync task's idle time to 0 too late for its own lease management
        // factory (2.0.1), which would then sleep 60 s after each shard sync, the first one included.
        // The other two are what the adapter would set, with a warning each, if we did not.
        // A failover waits for the leader's lock (KCL's default 2 min), for the lease to lapse (failover
        // time) and for the dead worker's metrics to go stale (two report periods; KCL's default 30 s
        // each): until then the leader may pick the dead worker as the lease's new owner. Then for the
        // leader's next assignment and the new owner's next look.
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(config.shared().leaseDuration().toMillis())
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(
                        config.leaderLeaseDuration().toMillis())
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(
                        config.leaderLeaseDuration().toMillis() / 3)
                .leaseAssignmentIntervalMillis(config.leaseAssignmentInterval().toMillis())
                .shardSyncIntervalMillis(0)
                .leasesRecoveryAuditorInconsistencyConfidenceThreshold(0);
        leases.workerUtilizationAwareAssignmentConfig()
                .disableWorkerMetrics(!config.workerMetrics())
                .workerMetricsReporterFreqInMillis(
                        Math.max(1000, config.shared().leaseDuration().toMillis() / 2));
        MetricsConfig metrics = configs.metricsConfig().metricsLevel(config.metricsLevel());
        if (config.metricsLevel() == MetricsLevel.NONE) {
            metrics.metricsFactory(new NullMetricsFactory());
        }
        DynamoDBStreamsPollingConfig polling = new DynamoDBStreamsPollingConfig(adapter);
        polling.idleTimeBetweenReadsInMillis(config.shared().pollInterval().toMillis())
                .maxRecords(config.shared().maxBatchSize());
        return StreamsSchedulerFactory.createScheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig()
                        .parentShardPollIntervalMillis(
                                config.shared().pollInterval().toMillis())
                        .skipShardSyncAtWorkerInitializationIfLeasesExist(true),
                leases,
                configs.lifecycleConfig(),
                metrics,
                configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true),
                configs.retrievalConfig().retrievalSpecificConfig(polling),
                adapter);
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void atLeast(List<String> problems, String name, @Nullable Duration value, Duration least) {
        if (value == null || value.compareTo(least) < 0) {
            problems.add(name + " must be at least " + least + " but was " + value);
        }
    }

    /** What a worker was built with. */
    private record Settings(
            String applicationName,
            CdcRunnerSettings shared,
            @Nullable CloudWatchAsyncClient cloudWatchClient,
            CdcMetrics metrics,
            CdcDelivery delivery,
            Duration leaderLeaseDuration,
            Duration leaseAssignmentInterval,
            MetricsLevel metricsLevel,
            boolean workerMetrics,
            Duration shutdownTimeout) {}

    /**
     * Settings of a {@link KclCdcWorker}; {@link #build()} checks them all and reports every problem
     * at once, before any network call. The shared settings mean what they mean for
     * {@code CdcProcessor}; here the {@code client} is required (KCL keeps its lease, coordinator
     * state and worker metrics tables with it) and {@code maxBatchSize} defaults to 1000. Under
     * the adapter, {@code pollInterval} is the least time between two reads of a shard, full ones
     * too (twice that after an empty read): a shard delivers at most {@code maxBatchSize} changes
     * per {@code pollInterval}.
     *
     * <p>{@code leaseDuration} (default 10 s) is KCL's failover time: a lease its owner has not
     * renewed for that long counts as lapsed (each worker renews each of its leases every third of
     * it, and reports its metrics every half of it, at least every second, so that a dead worker is
     * no longer a candidate owner about when its leases lapse). It is only a part of a failover,
     * because in KCL 3 only the fleet's elected leader assigns leases: when a worker dies, its
     * shards are read again after about {@code leaseDuration + 2 × leaseAssignmentInterval}, and
     * when the dead worker was the leader (a lone worker always is) after about
     * {@code leaderLeaseDuration × 4/3 + leaseDuration + 3 × leaseAssignmentInterval}: with the
     * defaults about 30 s (29.8 s measured, a new worker's JVM start-up included).
     */
    public static final class Builder extends CdcRunnerBuilder<Builder> {
        private @Nullable String applicationName;
        private @Nullable CloudWatchAsyncClient cloudWatchClient;
        private MetricsLevel metricsLevel = MetricsLevel.NONE;
        private boolean workerMetrics = true;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Duration leaderLeaseDuration = Duration.ofSeconds(10);
        private Duration leaseAssignmentInterval = Duration.ofSeconds(2);

        private Builder() {
            super(1000, Duration.ofSeconds(10));
        }

        /** The KCL application name, required: workers with the same name share the lease table of that name. */
        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        /** The CloudWatch client for KCL's metrics; required with a {@link #metricsLevel} other than NONE. Not closed by the worker. */
        public Builder cloudWatchClient(CloudWatchAsyncClient cloudWatchClient) {
            this.cloudWatchClient = cloudWatchClient;
            return this;
        }

        /** KCL's CloudWatch metrics; default {@code NONE} (no CloudWatch calls). */
        public Builder metricsLevel(MetricsLevel metricsLevel) {
            this.metricsLevel = metricsLevel;
            return this;
        }

        /**
         * Whether KCL 3 balances leases by each worker's CPU use, which it reads through the ECS, EKS
         * or EC2 instance metadata endpoints; default true. Turn off outside AWS (leases are then
         * balanced by throughput only, and no metadata endpoint is probed).
         */
        public Builder workerMetrics(boolean workerMetrics) {
            this.workerMetrics = workerMetrics;
            return this;
        }

        /**
         * How long the fleet's elected leader stays leader without renewing its lock; default 10 s
         * (KCL's own is 2 min). Only the leader assigns leases, so after the leader dies no lease
         * moves until another worker has seen its lock unchanged for this long. The leader renews the
         * lock every third of it (an {@code UpdateItem} on the coordinator state table) and the other
         * workers read it as often while the leader assigns (a {@code GetItem} each); shorter means a
         * faster failover, more of those calls, and a leader that stalls (GC, network) for longer than
         * this loses its leadership to another worker. At least 1 s.
         */
        public Builder leaderLeaseDuration(Duration leaderLeaseDuration) {
            this.leaderLeaseDuration = leaderLeaseDuration;
            return this;
        }

        /**
         * How often the leader assigns leases (those that lapsed, those of new shards, and moves to
         * balance the fleet), and, every half of it, how often each worker looks for leases newly
         * assigned to it; default 2 s (KCL's own is twice the failover time). Each assignment reads
         * the whole lease table and the worker metrics table, and each look queries the lease
         * table's owner index: shorter means a faster failover and start-up, and more reads, in
         * proportion to the leases and workers. At least 100 ms.
         */
        public Builder leaseAssignmentInterval(Duration leaseAssignmentInterval) {
            this.leaseAssignmentInterval = leaseAssignmentInterval;
            return this;
        }

        /** How long {@link KclCdcWorker#stop()} waits for the graceful shutdown; default 30 s. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * The worker (not started).
         *
         * @throws InvalidOptionsException listing every setting that is missing or out of range
         */
        public KclCdcWorker build() {
            List<String> problems = new ArrayList<>();
            if (applicationName == null
                    || !APPLICATION_NAME.matcher(applicationName).matches()) {
                problems.add(
                        "applicationName must be 3 to 237 letters, digits, '_', '-' or '.' (it names KCL's tables) but was "
                                + (applicationName == null ? "null" : "'" + applicationName + "'"));
            }
            checkShared(problems);
            CdcRunnerSettings shared = shared();
            if (shared.streamArn() != null && !KinesisMapperUtil.isValidDynamoDBStreamArn(shared.streamArn())) {
                problems.add(
                        "streamArn must look like arn:aws:dynamodb:REGION:ACCOUNT:table/TABLE/stream/LABEL but was '"
                                + shared.streamArn() + "'");
            }
            if (shared.client() == null) {
                problems.add("client (DynamoDbAsyncClient) is required for KCL's lease tables");
            }
            if (metricsLevel == null) {
                problems.add("metricsLevel must not be null");
            } else if (metricsLevel != MetricsLevel.NONE && cloudWatchClient == null) {
                problems.add("cloudWatchClient is required with metricsLevel " + metricsLevel);
            }
            positive(problems, "shutdownTimeout", shutdownTimeout);
            atLeast(problems, "leaderLeaseDuration", leaderLeaseDuration, Duration.ofSeconds(1));
            atLeast(problems, "leaseAssignmentInterval", leaseAssignmentInterval, Duration.ofMillis(100));
            InvalidOptionsException.throwIfAny("KCL CDC worker settings", problems);
            CdcMetrics metrics = new CdcMetrics(shared.meterRegistry(), applicationName);
            return new KclCdcWorker(new Settings(
                    applicationName,
                    shared,
                    cloudWatchClient,
                    metrics,
                    new CdcDelivery(applicationName, shared, metrics),
                    leaderLeaseDuration,
                    leaseAssignmentInterval,
                    metricsLevel,
                    workerMetrics,
                    shutdownTimeout));
        }
    }
}
