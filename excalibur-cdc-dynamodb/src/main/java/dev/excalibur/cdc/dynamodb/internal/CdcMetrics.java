package dev.excalibur.cdc.dynamodb.internal;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.data.InternalApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a CDC runner reports through Micrometer, tagged with its name as {@code processor}: records handled, batches,
 * handler failures, checkpoint writes, position resets ({@code excalibur.cdc.*} counters), and the
 * lag of each shard it works ({@value #LAG}, tagged with the shard too, while it holds the shard):
 * how old the newest handled record was when it was handled, in seconds, or zero once a read of the
 * shard came back empty (caught up).
 */
@InternalApi
public final class CdcMetrics {

    public static final String RECORDS = "excalibur.cdc.records";
    public static final String BATCHES = "excalibur.cdc.batches";
    public static final String FAILURES = "excalibur.cdc.handler.failures";
    public static final String CHECKPOINTS = "excalibur.cdc.checkpoints";
    public static final String RESETS = "excalibur.cdc.resets";
    public static final String LAG = "excalibur.cdc.lag";

    private final Counter records;
    private final Counter batches;
    private final Counter failures;
    private final Counter checkpoints;
    private final Counter resets;
    private final MeterRegistry meters;
    private final String processor;
    private final ConcurrentMap<String, ShardLag> lags = new ConcurrentHashMap<>();

    /** The lag of one shard and its gauge (null without a registry). */
    private record ShardLag(AtomicLong millis, Gauge gauge) {}

    /** The meters of the runner named {@code processor}; no-ops if {@code meters} is null. */
    public CdcMetrics(MeterRegistry meters, String processor) {
        this.meters = meters;
        this.processor = processor;
        if (meters == null) {
            records = batches = failures = checkpoints = resets = null;
            return;
        }
        records = counter(meters, RECORDS, processor, "stream records handed to the handler and handled");
        batches = counter(meters, BATCHES, processor, "batches read and handled");
        failures = counter(meters, FAILURES, processor, "handler calls that threw");
        checkpoints = counter(meters, CHECKPOINTS, processor, "checkpoint writes to the state store");
        resets = counter(meters, RESETS, processor, "stale positions reset");
    }

    private static Counter counter(MeterRegistry meters, String name, String processor, String description) {
        return Counter.builder(name)
                .description(description)
                .tag("processor", processor)
                .register(meters);
    }

    /** The changes of one read of the shard were handled (counts them and the batch, and sets the shard's lag). */
    public void handled(String shardId, List<CdcChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant newest = changes.get(changes.size() - 1).approximateCreationTime();
        if (newest != null) {
            lag(shardId)
                    .millis()
                    .set(Math.max(0, Duration.between(newest, Instant.now()).toMillis()));
        }
        if (records != null) {
            records.increment(changes.size());
            batches.increment();
        }
    }

    /** A read of the shard came back empty: it has nothing older waiting. */
    public void caughtUp(String shardId) {
        lag(shardId).millis().set(0);
    }

    /** The shard is no longer worked here: its gauge goes. */
    public void released(String shardId) {
        ShardLag lag = lags.remove(shardId);
        if (lag != null && lag.gauge() != null) {
            meters.remove(lag.gauge());
        }
    }

    private ShardLag lag(String shardId) {
        return lags.computeIfAbsent(shardId, shard -> {
            AtomicLong millis = new AtomicLong();
            Gauge gauge = meters == null
                    ? null
                    : Gauge.builder(LAG, millis, m -> m.get() / 1000.0)
                            .baseUnit("seconds")
                            .description(
                                    "age of the newest handled record of the shard when it was handled; 0 once caught up")
                            .tags("processor", processor, "shard", shard)
                            .register(meters);
            return new ShardLag(millis, gauge);
        });
    }

    /** The lag of each shard worked now. */
    public Map<String, Duration> lags() {
        Map<String, Duration> now = new TreeMap<>();
        lags.forEach(
                (shard, lag) -> now.put(shard, Duration.ofMillis(lag.millis().get())));
        return now;
    }

    public void failed() {
        if (failures != null) {
            failures.increment();
        }
    }

    /** A checkpoint was written. */
    public void checkpointed() {
        if (checkpoints != null) {
            checkpoints.increment();
        }
    }

    public void reset() {
        if (resets != null) {
            resets.increment();
        }
    }
}
