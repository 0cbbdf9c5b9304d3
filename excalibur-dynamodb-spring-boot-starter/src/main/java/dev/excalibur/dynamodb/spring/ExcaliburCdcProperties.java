package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.cdc.dynamodb.processor.StalePositionStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The CDC processor, under {@code excalibur.dynamodb.cdc}. */
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
         * DynamoDB Streams adapter, a lease table named after the processor name, shared with every
         * worker of that name.
         */
        KCL
    }

    /** The KCL runner's own settings. */
    public static class Kcl {
        /**
         * Whether KCL 3 balances leases by each worker's CPU use, read from the ECS, EKS or EC2
         * metadata endpoints; turn off outside AWS (leases are then balanced by throughput).
         */
        private boolean workerMetrics = true;
        /** How long stopping waits for the graceful shutdown (final checkpoints, leases handed over). */
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        public boolean isWorkerMetrics() {
            return workerMetrics;
        }

        public void setWorkerMetrics(boolean workerMetrics) {
            this.workerMetrics = workerMetrics;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** Run CDC with the application's CdcHandler or CdcBatchHandler bean, started and stopped with the context. */
    private boolean enabled;
    /** What reads the stream: the in-process processor, or a KCL worker of a fleet. */
    private Runner runner = Runner.IN_PROCESS;
    /** Settings of the KCL runner. */
    private final Kcl kcl = new Kcl();
    /** Processor name: the key of its checkpoints and leases (with the KCL runner, the KCL application name). */
    private String processorName = "cdc-processor";
    /** Table whose stream is read, before the prefix; default the provider's table. */
    private String tableName;
    /** Stream ARN to read instead of a table's current stream. */
    private String streamArn;
    /** Where checkpoints and leases are kept (in-process runner; KCL keeps its own lease table). */
    private StateStore stateStore = StateStore.DYNAMODB;
    /** State table, before the prefix. */
    private String stateTableName = "CdcState";
    /** Records per read and per checkpoint (1..1000). */
    private int maxBatchSize = 100;
    /** Wait after a read that found nothing. */
    private Duration pollInterval = Duration.ofSeconds(1);
    /** Shards this instance processes at once. */
    private int maxConcurrentShards = 4;
    /** Where a processor without checkpoints starts. */
    private CdcStartPosition startPosition = CdcStartPosition.TRIM_HORIZON;
    /** What to do about a position older than the stream's retention. */
    private StalePositionStrategy stalePositionStrategy = StalePositionStrategy.FAIL;
    /** Lease duration: another instance takes a dead one's shards this long after it stopped renewing. */
    private Duration leaseDuration = Duration.ofSeconds(30);
    /** Handler calls per change (or batch) before giving up. */
    private int handlerAttempts = 3;
    /** Wait before the second handler attempt, doubled for each further one. */
    private Duration handlerRetryDelay = Duration.ofSeconds(1);
    /** Least time between two checkpoint writes of a shard; zero writes after every batch. */
    private Duration checkpointInterval = Duration.ZERO;

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

    public String getProcessorName() {
        return processorName;
    }

    public void setProcessorName(String processorName) {
        this.processorName = processorName;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public String getStreamArn() {
        return streamArn;
    }

    public void setStreamArn(String streamArn) {
        this.streamArn = streamArn;
    }

    public StateStore getStateStore() {
        return stateStore;
    }

    public void setStateStore(StateStore stateStore) {
        this.stateStore = stateStore;
    }

    public String getStateTableName() {
        return stateTableName;
    }

    public void setStateTableName(String stateTableName) {
        this.stateTableName = stateTableName;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getMaxConcurrentShards() {
        return maxConcurrentShards;
    }

    public void setMaxConcurrentShards(int maxConcurrentShards) {
        this.maxConcurrentShards = maxConcurrentShards;
    }

    public CdcStartPosition getStartPosition() {
        return startPosition;
    }

    public void setStartPosition(CdcStartPosition startPosition) {
        this.startPosition = startPosition;
    }

    public StalePositionStrategy getStalePositionStrategy() {
        return stalePositionStrategy;
    }

    public void setStalePositionStrategy(StalePositionStrategy stalePositionStrategy) {
        this.stalePositionStrategy = stalePositionStrategy;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public int getHandlerAttempts() {
        return handlerAttempts;
    }

    public void setHandlerAttempts(int handlerAttempts) {
        this.handlerAttempts = handlerAttempts;
    }

    public Duration getHandlerRetryDelay() {
        return handlerRetryDelay;
    }

    public void setHandlerRetryDelay(Duration handlerRetryDelay) {
        this.handlerRetryDelay = handlerRetryDelay;
    }

    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }
}
