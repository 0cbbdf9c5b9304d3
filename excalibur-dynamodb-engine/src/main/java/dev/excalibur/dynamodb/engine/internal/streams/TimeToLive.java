package dev.excalibur.dynamodb.engine.internal.streams;

import dev.excalibur.dynamodb.engine.internal.tables.Catalog;
import dev.excalibur.dynamodb.engine.internal.tables.Table;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Time to live deletions, on demand ({@link #expire(String)}) or by a sweeper ({@link #sweepIfDue()}): on a table
 * whose TTL is enabled, an item is expired when its TTL attribute is a top-level number of epoch seconds before the
 * engine's now and not more than five years before it (the documented eligibility); each is deleted like a
 * DeleteItem (indexes follow) and its stream gets a {@code REMOVE} record whose {@code userIdentity} names the
 * service. Internal to the engine.
 */
public final class TimeToLive {

    private final Catalog catalog;
    private final Clock clock;
    private final ChangeStreams streams;
    private final Duration sweepInterval;
    private Instant nextSweep;

    /** @param sweepInterval engine time between two sweeps of every table, or null for no sweeper */
    public TimeToLive(Catalog catalog, Clock clock, ChangeStreams streams, Duration sweepInterval) {
        this.catalog = catalog;
        this.clock = clock;
        this.streams = streams;
        this.sweepInterval = sweepInterval;
        this.nextSweep = sweepInterval == null ? null : clock.instant().plus(sweepInterval);
    }

    /**
     * Deletes the expired items of one table now; returns how many.
     *
     * @throws IllegalArgumentException if there is no such table
     */
    public int expire(String tableName) {
        Table table = catalog.find(tableName);
        if (table == null) {
            throw new IllegalArgumentException("no table " + tableName);
        }
        return expire(table);
    }

    /** When a sweeper is configured and its time has come on the engine clock, expires the items of every table. */
    public void sweepIfDue() {
        synchronized (this) {
            if (nextSweep == null || clock.instant().isBefore(nextSweep)) {
                return;
            }
            nextSweep = clock.instant().plus(sweepInterval);
        }
        for (String tableName : catalog.names()) {
            Table table = catalog.find(tableName);
            if (table != null) {
                expire(table);
            }
        }
    }

    private int expire(Table table) {
        TimeToLiveDescription timeToLive = table.timeToLive();
        if (timeToLive.timeToLiveStatus() != TimeToLiveStatus.ENABLED) {
            return 0;
        }
        String attribute = timeToLive.attributeName();
        table.lock().writeLock().lock();
        try {
            if (table.deleted()) {
                return 0;
            }
            Instant now = clock.instant();
            BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9));
            BigDecimal oldest = BigDecimal.valueOf(
                    now.atOffset(ZoneOffset.UTC).minusYears(5).toEpochSecond());
            List<Map<String, AttributeValue>> expired = table.items().values().stream()
                    .filter(item -> expired(item.get(attribute), nowSeconds, oldest))
                    .toList();
            for (Map<String, AttributeValue> item : expired) {
                table.delete(table.keys().keyOf(item));
                streams.record(table, item, null, true);
            }
            return expired.size();
        } finally {
            table.lock().writeLock().unlock();
        }
    }

    private static boolean expired(AttributeValue value, BigDecimal now, BigDecimal oldest) {
        if (value == null || value.n() == null) {
            return false;
        }
        BigDecimal seconds = new BigDecimal(value.n());
        return seconds.compareTo(now) < 0 && seconds.compareTo(oldest) >= 0;
    }
}
