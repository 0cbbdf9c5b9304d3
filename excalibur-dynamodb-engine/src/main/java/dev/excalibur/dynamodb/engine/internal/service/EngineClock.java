package dev.excalibur.dynamodb.engine.internal.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The engine's one clock: the clock the engine was built with, plus the time {@link #advance(Duration)} has added.
 * Everything time-based in the engine reads it. Thread-safe. Internal to the engine.
 */
public final class EngineClock extends Clock {

    private final Clock base;
    private volatile Duration advanced = Duration.ZERO;

    public EngineClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** Moves the engine's time forward by {@code duration} (zero or positive). */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        advanced = advanced.plus(duration);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(advanced);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(getZone())) {
            return this;
        }
        throw new UnsupportedOperationException("the engine clock keeps the zone of the clock it was built with");
    }
}
