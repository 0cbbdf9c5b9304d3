package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcRunner;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the CDC runner (the in-process processor or a KCL worker) with the application context,
 * the provider's table made ready first, and stops it (final checkpoints, leases given up) before
 * the context closes.
 */
public class CdcRunnerLifecycle implements SmartLifecycle {

    private final DynamoDbPersistenceProvider provider;
    private final CdcRunner runner;

    public CdcRunnerLifecycle(DynamoDbPersistenceProvider provider, CdcRunner runner) {
        this.provider = provider;
        this.runner = runner;
    }

    /** The runner: a {@code CdcProcessor} or a {@code KclCdcWorker}. */
    public CdcRunner runner() {
        return runner;
    }

    @Override
    public void start() {
        provider.initialize().join();
        runner.start();
    }

    @Override
    public void stop() {
        runner.stop();
    }

    @Override
    public boolean isRunning() {
        return runner.isRunning();
    }
}
