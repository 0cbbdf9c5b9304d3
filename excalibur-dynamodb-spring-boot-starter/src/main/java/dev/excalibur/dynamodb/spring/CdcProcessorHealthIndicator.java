package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.processor.CdcProcessor;
import dev.excalibur.cdc.dynamodb.CdcRunner;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The CDC runner's state: UP while running (for the in-process processor with its shards, each
 * shard's lag and the largest), DOWN once it stopped on a failure, OUT_OF_SERVICE when stopped.
 */
public class CdcProcessorHealthIndicator extends AbstractHealthIndicator {

    private final CdcRunner processor;

    public CdcProcessorHealthIndicator(CdcRunner processor) {
        super("CDC processor health check failed");
        this.processor = processor;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("processor", processor.name()).withDetail("worker", processor.workerId());
        if (processor instanceof CdcProcessor inProcess) {
            builder.withDetail("ownedShards", inProcess.ownedShards()).withDetail("lagSeconds", inProcess.lag().toSeconds())
                    .withDetail("shardLagSeconds", inProcess.shardLags().entrySet().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toSeconds(), (a, b) -> a, TreeMap::new)));
        }
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
