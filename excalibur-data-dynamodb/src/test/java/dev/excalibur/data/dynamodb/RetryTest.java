package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.test.Fault;
import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Transient failures are retried with backoff; validation failures never are. */
class RetryTest extends ProviderPerTest {

    private static final PartitionKey PK = PartitionKey.of("retry");

    @Test
    void threeThrottlingErrorsThenTheWriteSucceeds() {
        faults.failNext(3, "PutItem", Fault.throttling());

        var created = await(provider.create(new TestDocument("t", "throttled", 1), PK));

        assertThat(created.success()).isTrue();
        assertThat(faults.requestCount("PutItem")).isEqualTo(4);
        assertThat(await(provider.getById("t", PK, null, TestDocument.class))
                        .document()
                        .name())
                .isEqualTo("throttled");
    }

    @Test
    void serverErrorsAndTransactionConflictsAreRetried() {
        faults.failNext(2, "GetItem", Fault.serverError());
        faults.failNext(1, "PutItem", Fault.of(400, "TransactionConflictException", "conflict with a transaction"));

        assertThat(await(provider.create(new TestDocument("c", "n", 1), PK)).success())
                .isTrue();
        assertThat(await(provider.getById("c", PK, null, TestDocument.class)).success())
                .isTrue();
        assertThat(faults.requestCount("PutItem")).isEqualTo(2);
        assertThat(faults.requestCount("GetItem")).isEqualTo(3);
    }

    @Test
    void validationErrorIsNotRetriedAndFailsWithTheProvidersException() throws Exception {
        faults.failNext(1, "PutItem", Fault.validation("One or more parameter values were invalid"));

        CompletableFuture<?> future = provider.create(new TestDocument("v", "n", 1), PK);

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(DynamoDbPersistenceException.class);
        DynamoDbPersistenceException error = (DynamoDbPersistenceException) failure.getCause();
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.errorCode()).isEqualTo("ValidationException");
        assertThat(error.operation()).isEqualTo("create");
        assertThat(faults.requestCount("PutItem")).isEqualTo(1);
        assertThat(await(provider.getById("v", PK, null, TestDocument.class)).isNotFound())
                .isTrue();
    }

    @Test
    void retriesStopAfterMaxRetryAttempts() {
        faults.failNext(10, "PutItem", Fault.throttling());

        assertThatThrownBy(() -> await(provider.create(new TestDocument("x", "n", 1), PK)))
                .isInstanceOf(DynamoDbPersistenceException.class)
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThat(faults.requestCount("PutItem"))
                .isEqualTo(1 + provider.options().maxRetryAttempts());
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of("I/O error", Fault.ioError("Connection reset")),
                Arguments.of(
                        "RequestLimitExceeded",
                        Fault.of(
                                400,
                                "RequestLimitExceeded",
                                "Throughput exceeds the current throughput limit for your account.")),
                Arguments.of(
                        "ThrottlingException",
                        Fault.of(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput.")),
                Arguments.of("ProvisionedThroughputExceededException", Fault.throttling()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void aTransientFailureIsRetriedAndTheNextAttemptSucceeds(String kind, Fault fault) {
        faults.failNext(1, "PutItem", fault);
        faults.failNext(1, "GetItem", fault);

        assertThat(await(provider.create(new TestDocument("t", kind, 1), PK)).success())
                .isTrue();
        var read = await(provider.getById("t", PK, null, TestDocument.class));

        assertThat(read.success()).isTrue();
        assertThat(read.document().name()).isEqualTo(kind);
        assertThat(faults.requestCount("PutItem")).as("PutItem attempts").isEqualTo(2);
        assertThat(faults.requestCount("GetItem")).as("GetItem attempts").isEqualTo(2);
    }

    @Test
    void anIoErrorAfterTheEngineAppliedAWriteIsRetriedAndAnswered() {
        faults.failNextAfterDelivery(1, "GetItem", Fault.ioError("Connection reset by peer"));
        await(provider.create(new TestDocument("lost", "n", 1), PK));

        assertThat(await(provider.getById("lost", PK, null, TestDocument.class))
                        .document()
                        .name())
                .isEqualTo("n");
        assertThat(faults.requestCount("GetItem")).isEqualTo(2);
    }

    @Test
    void aConditionFailureIsNotRetried() {
        await(provider.create(new TestDocument("c", "n", 1), PK));
        faults.reset();

        assertThat(await(provider.create(new TestDocument("c", "n", 1), PK)).isConflict())
                .isTrue();
        assertThat(faults.requestCount("PutItem")).isEqualTo(1);
    }

    /**
     * Full jitter: retry k waits a uniform draw from [0, min(max, base * 2^k)]. Over many draws the
     * largest comes close to that ceiling and the smallest close to 0, so the ceiling is measured,
     * not just bounded: it doubles per retry until the max delay caps it. (With 4000 draws a
     * correct policy misses the 90 % marks with a probability below 10^-180.)
     */
    @Test
    void backoffCeilingDoublesPerRetryUpToTheMaxDelayWithFullJitter() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        long[] largest = new long[ceilings.length];
        for (int retry = 0; retry < ceilings.length; retry++) {
            long ceiling = ceilings[retry];
            LongSummaryStatistics draws = new LongSummaryStatistics();
            for (int i = 0; i < 4000; i++) {
                draws.accept(policy.backoffMillis(retry));
            }
            largest[retry] = draws.getMax();
            assertThat(draws.getMin())
                    .as("retry %d: smallest draw (full jitter starts at 0)", retry)
                    .isGreaterThanOrEqualTo(0)
                    .isLessThanOrEqualTo(ceiling / 10);
            assertThat(draws.getMax())
                    .as("retry %d: largest draw (the ceiling)", retry)
                    .isLessThanOrEqualTo(ceiling)
                    .isGreaterThanOrEqualTo(ceiling * 9 / 10);
            assertThat(draws.getAverage())
                    .as("retry %d: mean of a uniform draw", retry)
                    .isBetween(ceiling * 0.45, ceiling * 0.55);
        }
        for (int retry = 0; retry < 3; retry++) {
            assertThat(largest[retry + 1])
                    .as("retry %d waits up to twice as long as retry %d", retry + 1, retry)
                    .isGreaterThan(ceilings[retry]);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.backoffMillis(40))
                    .as("a late retry stays within the max delay")
                    .isBetween(0L, 1000L);
        }
    }
}
