package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcRunner;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The CDC runner's state (the in-process processor or a KCL worker): UP while running, DOWN once it
 * stopped on a failure, OUT_OF_SERVICE when stopped; with its name, worker id, the shards it works,
 * each shard's lag and the largest, in seconds.
 */
public class CdcRunnerHealthIndicator extends HealthCheckIndicator {

    private final CdcRunner runner;

    public CdcRunnerHealthIndicator(CdcRunner runner) {
        super("CDC runner health check failed");
        this.runner = runner;
    }

    @Override
    String check(BiConsumer<String, Object> details) {
        Map<String, Duration> lags = runner.shardLags();
        details.accept("name", runner.name());
        details.accept("worker", runner.workerId());
        details.accept("ownedShards", runner.ownedShards());
        details.accept(
                "lagSeconds",
                lags.values().stream()
                        .max(Duration::compareTo)
                        .orElse(Duration.ZERO)
                        .toSeconds());
        details.accept(
                "shardLagSeconds",
                lags.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().toSeconds(), (a, b) -> a, TreeMap::new)));
        if (runner.termination().isCompletedExceptionally()) {
            try {
                runner.termination().join();
            } catch (CompletionException e) {
                details.accept("failure", String.valueOf(e.getCause()));
                return "DOWN";
            }
        }
        return runner.isRunning() ? "UP" : "OUT_OF_SERVICE";
    }
}
