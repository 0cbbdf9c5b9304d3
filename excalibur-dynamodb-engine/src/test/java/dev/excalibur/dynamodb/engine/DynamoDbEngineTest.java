package dev.excalibur.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The engine's public face: builder validation, its SDK clients, and the answer to an operation it does not implement. */
class DynamoDbEngineTest {

    private static final DynamoDbEngine ENGINE = DynamoDbEngine.create();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void defaultsToUsEast1AndARealisticTwelveDigitAccount() {
        assertThat(ENGINE.region()).isEqualTo(Region.US_EAST_1);
        assertThat(ENGINE.accountId()).isEqualTo("123456789012").hasSize(12);
    }

    @Test
    void takesRegionAndAccountFromTheBuilder() {
        try (DynamoDbEngine engine = DynamoDbEngine.builder()
                .region("eu-west-3")
                .accountId("000000000042")
                .build()) {
            assertThat(engine.region()).isEqualTo(Region.EU_WEST_3);
            assertThat(engine.accountId()).isEqualTo("000000000042");
            assertThat(engine.client().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
        }
    }

    @Test
    void closesTwiceWithoutFailing() {
        DynamoDbEngine engine = DynamoDbEngine.create();
        engine.close();

        assertThatCode(engine::close).doesNotThrowAnyException();
    }

    @Test
    void refusesAnAccountIdThatIsNotTwelveDigits() {
        assertThatThrownBy(() -> DynamoDbEngine.builder().accountId("12345"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 digits");
        assertThatThrownBy(() -> DynamoDbEngine.builder().accountId("12345678901a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARegionThatIsNotAnAwsRegionId() {
        assertThatThrownBy(() -> DynamoDbEngine.builder().region("ddblocal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ddblocal");
        assertThatThrownBy(() -> DynamoDbEngine.builder().region("US-EAST-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersAnOperationItDoesNotImplementWithUnknownOperationException() {
        DynamoDbException error = catchThrowableOfType(
                DynamoDbException.class, () -> ENGINE.client().listBackups(b -> {}));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Unknown operation exception");
        assertThat(error.requestId()).matches("[0-9A-Z]{52}");
    }

    @Test
    void answersTheSameThroughTheAsyncClient() {
        CompletionException failure = catchThrowableOfType(
                CompletionException.class,
                () -> ENGINE.asyncClient().listBackups(b -> {}).join());

        assertThat(failure.getCause()).isInstanceOfSatisfying(DynamoDbException.class, error -> {
            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        });
    }

    @Test
    void configuresACallersBuilderWithItsOwnInterceptors() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.incrementAndGet();
            }
        };
        try (DynamoDbClient client = ENGINE.configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(counting))
                .build()) {
            assertThatThrownBy(() -> client.listBackups(b -> {})).isInstanceOf(DynamoDbException.class);
        }
        assertThat(calls).hasValue(1);
    }
}
