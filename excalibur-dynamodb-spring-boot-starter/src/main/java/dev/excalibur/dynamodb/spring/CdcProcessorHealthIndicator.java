package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.concurrent.CompletionException;

/** The CDC processor's state: UP while running (with its shards and lag), DOWN once it stopped on a failure. */
public class CdcProcessorHealthIndicator extends AbstractHealthIndicator {

    private final CdcProcessor processor;

    public CdcProcessorHealthIndicator(CdcProcessor processor) {
        super("CDC processor health check failed");
        this.processor = processor;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("processor", processor.name()).withDetail("worker", processor.workerId())
                .withDetail("ownedShards", processor.ownedShards()).withDetail("lagSeconds", processor.lag().toSeconds());
        if (processor.termination().isCompletedExceptionally()) {
            try {
                processor.termination().join();
            } catch (CompletionException e) {
                builder.down().withDetail("failure", String.valueOf(e.getCause()));
                return;
            }
        }
        if (processor.isRunning()) {
            builder.up();
        } else {
            builder.outOfService();
        }
    }
}
