package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcRunner;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The CDC runner's state (the in-process processor or a KCL worker): UP while running, DOWN once it
 * stopped on a failure, OUT_OF_SERVICE when stopped; with its name, worker id, the shards it works,
 * each shard's lag and the largest, in seconds.
 */
public class CdcRunnerHealthIndicator extends AbstractHealthIndicator {

    private final CdcRunner runner;

    public CdcRunnerHealthIndicator(CdcRunner runner) {
        super("CDC runner health check failed");
        this.runner = runner;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Duration> lags = runner.shardLags();
        builder.withDetail("name", runner.name())
                .withDetail("worker", runner.workerId())
                .withDetail("ownedShards", runner.ownedShards())
                .withDetail(
                        "lagSeconds",
                        lags.values().stream()
                                .max(Duration::compareTo)
                                .orElse(Duration.ZERO)
                                .toSeconds())
                .withDetail(
                        "shardLagSeconds",
                        lags.entrySet().stream()
                                .collect(Collectors.toMap(
                                        Map.Entry::getKey, e -> e.getValue().toSeconds(), (a, b) -> a, TreeMap::new)));
        if (runner.termination().isCompletedExceptionally()) {
            try {
                runner.termination().join();
            } catch (CompletionException e) {
                builder.down().withDetail("failure", String.valueOf(e.getCause()));
                return;
            }
        }
        if (runner.isRunning()) {
            builder.up();
        } else {
            builder.outOfService();
        }
    }
}
