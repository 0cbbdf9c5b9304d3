package dev.excalibur.cdc.dynamodb;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Something that reads a DynamoDB stream into a CDC handler and can be started and stopped: the
 * in-process {@code CdcProcessor} of {@code excalibur-cdc-dynamodb-processor}, or the KCL worker of {@code excalibur-cdc-dynamodb-kcl}.
 */
public interface CdcRunner extends AutoCloseable {

    /** The name the runner's checkpoints and leases are kept under (processor name, KCL application name). */
    String name();

    /** This instance's lease owner id. */
    String workerId();

    /**
     * The lag of each shard this instance works now: how old the newest handled record was when it
     * was handled, or zero once a read came back empty (caught up). DynamoDB stamps records to the second.
     */
    Map<String, Duration> shardLags();

    /** The largest of {@link #shardLags()} (zero when no shard is worked). */
    default Duration lag() {
        return shardLags().values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The shards this instance works now (holds the lease of). */
    Set<String> ownedShards();

    /** Starts reading in the background. */
    void start();

    /** Stops: in-flight work finishes, what was handled is checkpointed, leases are given up. Waits until done. */
    void stop();

    /** True between {@link #start()} and the end of {@link #stop()} or a failure. */
    boolean isRunning();

    /** Completes when the runner has stopped: normally after {@link #stop()}, exceptionally with what stopped it. */
    CompletableFuture<Void> termination();

    /** Same as {@link #stop()}. */
    @Override
    void close();
}
