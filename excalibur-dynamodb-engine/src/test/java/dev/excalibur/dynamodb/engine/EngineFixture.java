package dev.excalibur.dynamodb.engine;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Test support: a private engine with a clock the test moves, its SDK client, and short builders for tables,
 * attribute values and items; {@link #assertError} checks a service error's wire code and message.
 */
final class EngineFixture implements AutoCloseable {

    /** A clock that stands still until the test advances it. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T12:00:00.123Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final DynamoDbEngine engine = DynamoDbEngine.builder().clock(clock).region("eu-west-1").accountId("111122223333").build();
    final DynamoDbClient client = engine.client();

    @Override
    public void close() {
        engine.close();
    }

    /** An on-demand table with a string partition key {@code pk} and, when {@code withSortKey}, a sort key {@code sk} of {@code sortType}. */
    void table(String name, ScalarAttributeType sortType) {
        table(name, sortType, b -> { });
    }

    void table(String name, ScalarAttributeType sortType, Consumer<CreateTableRequest.Builder> more) {
        List<AttributeDefinition> definitions = new ArrayList<>(List.of(definition("pk", ScalarAttributeType.S)));
        List<KeySchemaElement> keys = new ArrayList<>(List.of(key("pk", KeyType.HASH)));
        if (sortType != null) {
            definitions.add(definition("sk", sortType));
            keys.add(key("sk", KeyType.RANGE));
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(definitions).keySchema(keys).billingMode(BillingMode.PAY_PER_REQUEST);
        more.accept(request);
        client.createTable(request.build());
    }

    static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    /** An item from name/value pairs, in order. */
    static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            item.put((String) pairs[i], value instanceof AttributeValue v ? v
                    : value instanceof Number number ? n(number.toString()) : s(value.toString()));
        }
        return item;
    }

    /** Asserts that the call fails with the service error {@code code} and exactly {@code message}; returns the error. */
    static <T extends DynamoDbException> T assertError(ThrowableAssert.ThrowingCallable call, Class<T> type, String code, String message) {
        T error = catchThrowableOfType(type, call);
        assertThat(error).as("expected %s: %s", code, message).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(error.statusCode()).isEqualTo(400);
        return error;
    }

    static DynamoDbException assertValidation(ThrowableAssert.ThrowingCallable call, String message) {
        return assertError(call, DynamoDbException.class, "ValidationException", message);
    }
}
