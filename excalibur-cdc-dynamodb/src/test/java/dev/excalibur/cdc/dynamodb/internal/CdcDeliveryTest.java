package dev.excalibur.cdc.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The handler retry policy every CDC runner shares, without an engine (no data path is involved). */
class CdcDeliveryTest {

    @Test
    void theWaitBetweenHandlerAttemptsDoublesFromTheRetryDelay() {
        List<Long> calls = new ArrayList<>();
        CdcRunnerSettings settings = settings(4, Duration.ofMillis(80), change -> {
            calls.add(System.nanoTime());
            if (calls.size() < 4) {
                throw new IllegalStateException("attempt " + calls.size() + " fails");
            }
        });
        CdcDelivery delivery = new CdcDelivery("retrying", settings, new CdcMetrics(null, "retrying"));

        CdcDelivery.Outcome outcome =
                delivery.deliver("shard-1", List.of(change("000000000000000000001")), () -> false);

        assertThat(outcome.handled()).isEqualTo(1);
        assertThat(outcome.failure()).isNull();
        assertThat(calls).hasSize(4);
        // a sleep is never shorter than asked: each wait is at least the delay doubled per attempt
        assertThat(millisBetween(calls, 0)).isGreaterThanOrEqualTo(80);
        assertThat(millisBetween(calls, 1)).isGreaterThanOrEqualTo(160);
        assertThat(millisBetween(calls, 2)).isGreaterThanOrEqualTo(320);
    }

    @Test
    void aStoppingRunnerEndsTheRetryWaitAndStopsNothing() {
        List<Long> calls = new ArrayList<>();
        CdcRunnerSettings settings = settings(3, Duration.ofHours(1), change -> {
            calls.add(System.nanoTime());
            throw new IllegalStateException("always fails");
        });
        CdcDelivery delivery = new CdcDelivery("stopping", settings, new CdcMetrics(null, "stopping"));

        CdcDelivery.Outcome outcome =
                delivery.deliver("shard-1", List.of(change("000000000000000000001")), () -> !calls.isEmpty());

        assertThat(calls)
                .as("no second attempt after the runner began stopping")
                .hasSize(1);
        assertThat(outcome.handled()).isZero();
        assertThat(outcome.failure())
                .as("a stopping runner is not failed by the change it did not finish")
                .isNull();
    }

    /** Settings of a runner with this handler and retry policy (no dead-letter handler); the rest plays no part in delivery. */
    private static CdcRunnerSettings settings(int attempts, Duration retryDelay, CdcHandler handler) {
        return new CdcRunnerSettings(
                null,
                "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x",
                null,
                null,
                handler,
                null,
                null,
                attempts,
                retryDelay,
                100,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                CdcStartPosition.TRIM_HORIZON,
                null,
                null,
                null);
    }

    private static long millisBetween(List<Long> calls, int index) {
        return (calls.get(index + 1) - calls.get(index)) / 1_000_000;
    }

    private static CdcChange change(String sequenceNumber) {
        return new CdcChange(
                "shard-1",
                sequenceNumber,
                "event-" + sequenceNumber,
                ChangeFeedEventType.CREATED,
                Map.of("pk", AttributeValue.fromS("a")),
                Map.of("pk", AttributeValue.fromS("a")),
                null,
                Instant.now(),
                null,
                null);
    }
}
