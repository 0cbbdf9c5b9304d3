package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.cdc.dynamodb.processor.StalePositionStrategy;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * CDC under {@code excalibur.dynamodb.cdc}. A runner setting left unset takes the runner's own
 * default (the in-process processor's or the KCL worker's, which differ: 100 records and a 30 s
 * lease in process, 1000 records and a 10 s lease under KCL).
 */
@ConfigurationProperties(prefix = "excalibur.dynamodb.cdc")
public class ExcaliburCdcProperties {

    /** Where checkpoints and shard leases are kept. */
    public enum StateStore {
        /** A DynamoDB table (created if missing when the provider may create tables). */
        DYNAMODB,
        /** In memory: for tests and single-JVM use; nothing survives a restart. */
        IN_MEMORY
    }

    /** What reads the stream. */
    public enum Runner {
        /** A CdcProcessor in this application, with checkpoints and leases in the state store. */
        IN_PROCESS,
        /**
         * A KclCdcWorker (needs excalibur-cdc-dynamodb-kcl on the class path): KCL 3 with the
         * DynamoDB Streams adapter, a lease table named after the runner's name, shared with every
         * worker of that name.
         */
        KCL
    }

    /** The KCL runner's own settings; unset ones take the KCL worker's defaults. */
    public static class Kcl {
        /**
         * Whether KCL 3 balances leases by each worker's CPU use, read from the ECS, EKS or EC2
         * metadata endpoints; turn off outside AWS (leases are then balanced by throughput). Default true.
         */
        private @Nullable Boolean workerMetrics;
        /** How long stopping waits for the graceful shutdown (final checkpoints, leases handed over); default 30 s. */
        private @Nullable Duration shutdownTimeout;
        /**
         * How long the fleet's elected leader stays leader without renewing its lock (only the leader
         * assigns leases, so a dead leader's successor waits this long); at least 1 s, default 10 s.
         */
        private @Nullable Duration leaderLeaseDuration;
        /**
         * How often the leader assigns leases (lapsed ones, new shards, balancing) and, every half of
         * it, each worker looks for leases assigned to it; at least 100 ms, default 2 s. Shorter means
         * a faster failover and more reads of the lease table.
         */
        private @Nullable Duration leaseAssignmentInterval;
        /**
         * KCL's own CloudWatch metrics: NONE, SUMMARY or DETAILED; default NONE. Any other level needs
         * a CloudWatchAsyncClient bean.
         */
        private @Nullable String metricsLevel;

        public @Nullable Boolean getWorkerMetrics() {
            return workerMetrics;
        }

        public void setWorkerMetrics(@Nullable Boolean workerMetrics) {
            this.workerMetrics = workerMetrics;
        }

        public @Nullable Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public @Nullable Duration getLeaderLeaseDuration() {
            return leaderLeaseDuration;
        }

        public void setLeaderLeaseDuration(@Nullable Duration leaderLeaseDuration) {
            this.leaderLeaseDuration = leaderLeaseDuration;
        }

        public @Nullable Duration getLeaseAssignmentInterval() {
            return leaseAssignmentInterval;
        }

        public void setLeaseAssignmentInterval(@Nullable Duration leaseAssignmentInterval) {
            this.leaseAssignmentInterval = leaseAssignmentInterval;
        }

        public @Nullable String getMetricsLevel() {
            return metricsLevel;
        }

        public void setMetricsLevel(@Nullable String metricsLevel) {
            this.metricsLevel = metricsLevel;
        }
    }

    /** Run CDC with the application's CdcHandler or CdcBatchHandler bean, started and stopped with the context. */
    private boolean enabled;
    /** What reads the stream: the in-process processor, or a KCL worker of a fleet. */
    private Runner runner = Runner.IN_PROCESS;
    /** Settings of the KCL runner. */
    private final Kcl kcl = new Kcl();
    /**
     * The runner's name, the key of its checkpoints and leases: the processor name in process (default
     * cdc-processor), the KCL application name and lease table with the KCL runner (required there).
     */
    private @Nullable String name;
    /** Table whose stream is read, before the prefix; default the provider's table. */
    private @Nullable String tableName;
    /** Stream ARN to read instead of a table's current stream. */
    private @Nullable String streamArn;
    /** Where checkpoints and leases are kept (in-process runner; KCL keeps its own lease table). */
    private StateStore stateStore = StateStore.DYNAMODB;
    /** State table, before the prefix; default {@code CdcState} (the state store's). */
    private @Nullable String stateTableName;
    /** Most records per read of a shard (1..1000); default 100 in process (also per checkpoint), 1000 under KCL. */
    private @Nullable Integer maxBatchSize;
    /** Wait after a read that found nothing; default 1 s. */
    private @Nullable Duration pollInterval;
    /** Shards this instance processes at once (in-process runner); default 4. */
    private @Nullable Integer maxConcurrentShards;
    /** Where a runner without checkpoints starts; default TRIM_HORIZON. */
    private @Nullable CdcStartPosition startPosition;
    /** What to do about a position older than the stream's retention (in-process runner); default FAIL. */
    private @Nullable StalePositionStrategy stalePositionStrategy;
    /**
     * Lease duration: another instance takes a dead one's shards this long after it stopped renewing
     * (under KCL, plus the leader's part); default 30 s in process, 10 s under KCL.
     */
    private @Nullable Duration leaseDuration;
    /** Handler calls per change (or batch) before giving up; default 3. */
    private @Nullable Integer handlerAttempts;
    /** Wait before the second handler attempt, doubled for each further one; default 1 s. */
    private @Nullable Duration handlerRetryDelay;
    /** Least time between two checkpoint writes of a shard (in-process runner); default zero: after every batch. */
    private @Nullable Duration checkpointInterval;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Runner getRunner() {
        return runner;
    }

    public void setRunner(Runner runner) {
        this.runner = runner;
    }

    public Kcl getKcl() {
        return kcl;
    }

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    /** The runner's name under its old key; the same setting as {@code name}. */
    @Deprecated
    @DeprecatedConfigurationProperty(
            replacement = "excalibur.dynamodb.cdc.name",
            reason = "it names the KCL application too, not only the in-process processor")
    public @Nullable String getProcessorName() {
        return name;
    }

    /** Sets {@code name}. */
    @Deprecated
    public void setProcessorName(@Nullable String processorName) {
        this.name = processorName;
    }

    public @Nullable String getTableName() {
        return tableName;
    }

    public void setTableName(@Nullable String tableName) {
        this.tableName = tableName;
    }

    public @Nullable String getStreamArn() {
        return streamArn;
    }

    public void setStreamArn(@Nullable String streamArn) {
        this.streamArn = streamArn;
    }

    public StateStore getStateStore() {
        return stateStore;
    }

    public void setStateStore(StateStore stateStore) {
        this.stateStore = stateStore;
    }

    public @Nullable String getStateTableName() {
        return stateTableName;
    }

    public void setStateTableName(@Nullable String stateTableName) {
        this.stateTableName = stateTableName;
    }

    public @Nullable Integer getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(@Nullable Integer maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public @Nullable Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(@Nullable Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public @Nullable Integer getMaxConcurrentShards() {
        return maxConcurrentShards;
    }

    public void setMaxConcurrentShards(@Nullable Integer maxConcurrentShards) {
        this.maxConcurrentShards = maxConcurrentShards;
    }

    public @Nullable CdcStartPosition getStartPosition() {
        return startPosition;
    }

    public void setStartPosition(@Nullable CdcStartPosition startPosition) {
        this.startPosition = startPosition;
    }

    public @Nullable StalePositionStrategy getStalePositionStrategy() {
        return stalePositionStrategy;
    }

    public void setStalePositionStrategy(@Nullable StalePositionStrategy stalePositionStrategy) {
        this.stalePositionStrategy = stalePositionStrategy;
    }

    public @Nullable Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(@Nullable Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public @Nullable Integer getHandlerAttempts() {
        return handlerAttempts;
    }

    public void setHandlerAttempts(@Nullable Integer handlerAttempts) {
        this.handlerAttempts = handlerAttempts;
    }

    public @Nullable Duration getHandlerRetryDelay() {
        return handlerRetryDelay;
    }

    public void setHandlerRetryDelay(@Nullable Duration handlerRetryDelay) {
        this.handlerRetryDelay = handlerRetryDelay;
    }

    public @Nullable Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    public void setCheckpointInterval(@Nullable Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }
}
