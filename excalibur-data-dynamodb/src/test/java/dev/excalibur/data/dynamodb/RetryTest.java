package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.Fault;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.TestTableName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transient failures are retried with backoff; validation failures never are. */
@ExtendWith(EmbeddedDynamoDbExtension.class)
class RetryTest {

    private static final PartitionKey PK = PartitionKey.of("retry");

    private final FaultInjector faults = FaultInjector.create();
    private TestProviders.TestProvider fixture;
    private DynamoDbPersistenceProvider provider;

    @BeforeEach
    void open(EmbeddedDynamoDb db, @TestTableName String table) {
        fixture = TestProviders.open(db, table, faults);
        provider = fixture.provider();
        faults.reset();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void threeThrottlingErrorsThenTheWriteSucceeds() {
        faults.failNext(3, "PutItem", Fault.throttling());

        var created = await(provider.create(new TestDocument("t", "throttled", 1), PK));

        assertThat(created.success()).isTrue();
        assertThat(faults.requestCount("PutItem")).isEqualTo(4);
        assertThat(await(provider.getById("t", PK, null, TestDocument.class)).document().name()).isEqualTo("throttled");
    }

    @Test
    void serverErrorsAndTransactionConflictsAreRetried() {
        faults.failNext(2, "GetItem", Fault.serverError());
        faults.failNext(1, "PutItem", Fault.of(400, "TransactionConflictException", "conflict with a transaction"));

        assertThat(await(provider.create(new TestDocument("c", "n", 1), PK)).success()).isTrue();
        assertThat(await(provider.getById("c", PK, null, TestDocument.class)).success()).isTrue();
        assertThat(faults.requestCount("PutItem")).isEqualTo(2);
        assertThat(faults.requestCount("GetItem")).isEqualTo(3);
    }

    @Test
    void validationErrorIsNotRetriedAndFailsWithTheProvidersException() throws Exception {
        faults.failNext(1, "PutItem", Fault.validation("One or more parameter values were invalid"));

        CompletableFuture<?> future = provider.create(new TestDocument("v", "n", 1), PK);

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(30, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(DynamoDbPersistenceException.class);
        DynamoDbPersistenceException error = (DynamoDbPersistenceException) failure.getCause();
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.errorCode()).isEqualTo("ValidationException");
        assertThat(error.operation()).isEqualTo("create");
        assertThat(faults.requestCount("PutItem")).isEqualTo(1);
        assertThat(await(provider.getById("v", PK, null, TestDocument.class)).isNotFound()).isTrue();
    }

    @Test
    void retriesStopAfterMaxRetryAttempts() {
        faults.failNext(10, "PutItem", Fault.throttling());

        assertThatThrownBy(() -> await(provider.create(new TestDocument("x", "n", 1), PK)))
                .isInstanceOf(DynamoDbPersistenceException.class)
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThat(faults.requestCount("PutItem")).isEqualTo(1 + provider.options().maxRetryAttempts());
    }

    @Test
    void backoffGrowsExponentiallyWithinTheCeiling() {
        RetryPolicy policy = new RetryPolicy(5, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(350));
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoffMillis(0)).isBetween(0L, 100L);
            assertThat(policy.backoffMillis(1)).isBetween(0L, 200L);
            assertThat(policy.backoffMillis(4)).isBetween(0L, 350L);
        }
    }
}
