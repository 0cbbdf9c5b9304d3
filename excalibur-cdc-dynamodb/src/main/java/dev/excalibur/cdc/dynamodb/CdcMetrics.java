package dev.excalibur.cdc.dynamodb;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a processor reports through Micrometer, tagged with its name: records handled, batches,
 * handler failures, checkpoint writes, position resets ({@code excalibur.cdc.*} counters), and the
 * lag ({@value #LAG}: how old the newest handled record was when it was handled, in seconds).
 */
final class CdcMetrics {

    static final String RECORDS = "excalibur.cdc.records";
    static final String BATCHES = "excalibur.cdc.batches";
    static final String FAILURES = "excalibur.cdc.handler.failures";
    static final String CHECKPOINTS = "excalibur.cdc.checkpoints";
    static final String RESETS = "excalibur.cdc.resets";
    static final String LAG = "excalibur.cdc.lag";

    private final Counter records;
    private final Counter batches;
    private final Counter failures;
    private final Counter checkpoints;
    private final Counter resets;
    private final AtomicLong lagMillis = new AtomicLong();

    CdcMetrics(MeterRegistry meters, String processor) {
        if (meters == null) {
            records = batches = failures = checkpoints = resets = null;
            return;
        }
        records = counter(meters, RECORDS, processor, "stream records handed to the handler and handled");
        batches = counter(meters, BATCHES, processor, "batches read and handled");
        failures = counter(meters, FAILURES, processor, "handler calls that threw");
        checkpoints = counter(meters, CHECKPOINTS, processor, "checkpoint writes to the state store");
        resets = counter(meters, RESETS, processor, "stale positions reset");
        Gauge.builder(LAG, lagMillis, lag -> lag.get() / 1000.0).baseUnit("seconds")
                .description("age of the newest handled record when it was handled").tag("processor", processor).register(meters);
    }

    private static Counter counter(MeterRegistry meters, String name, String processor, String description) {
        return Counter.builder(name).description(description).tag("processor", processor).register(meters);
    }

    void handled(List<CdcChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant newest = changes.get(changes.size() - 1).approximateCreationTime();
        if (newest != null) {
            lagMillis.set(Math.max(0, Duration.between(newest, Instant.now()).toMillis()));
        }
        if (records != null) {
            records.increment(changes.size());
            batches.increment();
        }
    }

    /** The lag last measured (zero before the first batch). */
    Duration lag() {
        return Duration.ofMillis(lagMillis.get());
    }

    void failed() {
        if (failures != null) {
            failures.increment();
        }
    }

    void checkpointed() {
        if (checkpoints != null) {
            checkpoints.increment();
        }
    }

    void reset() {
        if (resets != null) {
            resets.increment();
        }
    }
}
