package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The CDC processor's state: UP while running (with its shards, each shard's lag and the largest),
 * DOWN once it stopped on a failure, OUT_OF_SERVICE when stopped.
 */
public class CdcProcessorHealthIndicator extends AbstractHealthIndicator {

    private final CdcProcessor processor;

    public CdcProcessorHealthIndicator(CdcProcessor processor) {
        super("CDC processor health check failed");
        this.processor = processor;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("processor", processor.name()).withDetail("worker", processor.workerId())
                .withDetail("ownedShards", processor.ownedShards()).withDetail("lagSeconds", processor.lag().toSeconds())
                .withDetail("shardLagSeconds", processor.shardLags().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toSeconds(), (a, b) -> a, TreeMap::new)));
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
