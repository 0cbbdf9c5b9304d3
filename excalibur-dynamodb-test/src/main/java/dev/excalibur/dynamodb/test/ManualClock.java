package dev.excalibur.dynamodb.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A UTC clock that stands still until the test moves it: for leases, retention and expiry. Thread-safe. */
public final class ManualClock extends Clock {

    private volatile Instant now;

    /** A clock at {@code start}. */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock by {@code duration} (forward if positive). */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
