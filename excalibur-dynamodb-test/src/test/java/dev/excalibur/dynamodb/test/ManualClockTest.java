package dev.excalibur.dynamodb.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void standsStillUntilMovedAndStaysInUtc() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(clock.instant()).isEqualTo(clock.instant()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));

        clock.advance(Duration.ofHours(25));
        clock.advance(Duration.ofMinutes(-30));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T10:30:00Z"));
        assertThat(clock.withZone(ZoneId.of("Europe/Paris")).getZone()).isEqualTo(ZoneOffset.UTC);
    }
}
