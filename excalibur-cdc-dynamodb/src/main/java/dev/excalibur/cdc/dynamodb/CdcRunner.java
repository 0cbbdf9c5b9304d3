package dev.excalibur.cdc.dynamodb;


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
