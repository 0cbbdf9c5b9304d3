package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcProcessor;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import org.springframework.context.SmartLifecycle;

/** Starts the CDC processor with the application context (the provider's table made ready first) and stops it (final checkpoints, leases released) before the context closes. */
public class CdcProcessorLifecycle implements SmartLifecycle {

    private final DynamoDbPersistenceProvider provider;
    private final CdcProcessor processor;

    public CdcProcessorLifecycle(DynamoDbPersistenceProvider provider, CdcProcessor processor) {
        this.provider = provider;
        this.processor = processor;
    }

    /** The processor. */
    public CdcProcessor processor() {
        return processor;
    }

    @Override
    public void start() {
        provider.initialize().join();
        processor.start();
    }

    @Override
    public void stop() {
        processor.stop();
    }

    @Override
    public boolean isRunning() {
        return processor.isRunning();
    }
}
