package dev.excalibur.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Test support: the SDK client of a private engine with a clock the test moves or, when an endpoint is configured
 * ({@link Conformance#ENDPOINT_PROPERTY}), of that endpoint; tables created through it (deleted on close); short
 * builders for attribute values and items; {@link #assertError} checks a service error's wire code and message.
 * Tests that need the engine's clock or its region and account call {@link #clock()} or {@link #engineOnly()},
 * which skip them against an endpoint.
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

    private final TestClock clock = new TestClock();
    private final DynamoDbEngine engine;
    private final Conformance endpoint;
    private final List<String> tables = new ArrayList<>();
    final DynamoDbClient client;

    EngineFixture() {
        Optional<URI> configured = Conformance.configuredEndpoint(System::getProperty, System::getenv);
        if (configured.isPresent()) {
            engine = null;
            endpoint = Conformance.against(configured.get());
            client = endpoint.client();
        } else {
            engine = DynamoDbEngine.builder()
                    .clock(clock)
                    .region("eu-west-1")
                    .accountId("111122223333")
                    .build();
            endpoint = null;
            client = engine.client();
        }
    }

    /** The engine's clock; skips the calling test against an endpoint. */
    TestClock clock() {
        engineOnly();
        return clock;
    }

    /** Skips the calling test unless it runs on the in-process engine (region eu-west-1, account 111122223333). */
    void engineOnly() {
        Assumptions.assumeTrue(engine != null, "needs the in-process engine's clock, region and account");
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
            return;
        }
        for (String table : tables) {
            try {
                client.deleteTable(b -> b.tableName(table));
            } catch (DynamoDbException e) {
                // deleted by the test itself
            }
        }
        endpoint.close();
    }

    /** An on-demand table with a string partition key {@code pk} and, when {@code withSortKey}, a sort key {@code sk} of {@code sortType}. */
    void table(String name, ScalarAttributeType sortType) {
        table(name, sortType, b -> {});
    }

    void table(String name, ScalarAttributeType sortType, Consumer<CreateTableRequest.Builder> more) {
        List<AttributeDefinition> definitions = new ArrayList<>(List.of(definition("pk", ScalarAttributeType.S)));
        List<KeySchemaElement> keys = new ArrayList<>(List.of(key("pk", KeyType.HASH)));
        if (sortType != null) {
            definitions.add(definition("sk", sortType));
            keys.add(key("sk", KeyType.RANGE));
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(definitions)
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        more.accept(request);
        client.createTable(request.build());
        tables.add(name);
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
    }

    static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    /** The definitions of the string keys {@code pk} and {@code sk}, then {@code more} (the keys of a table's indexes). */
    static List<AttributeDefinition> keysAnd(AttributeDefinition... more) {
        List<AttributeDefinition> definitions = new ArrayList<>(
                List.of(definition("pk", ScalarAttributeType.S), definition("sk", ScalarAttributeType.S)));
        definitions.addAll(List.of(more));
        return definitions;
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** A global secondary index {@code name} on the hash key {@code hash}, projecting all attributes. */
    static GlobalSecondaryIndex gsi(String name, String hash) {
        return gsi(name, hash, ProjectionType.ALL);
    }

    /** A global secondary index {@code name} on the hash key {@code hash} with the projection type {@code projection}. */
    static GlobalSecondaryIndex gsi(String name, String hash, ProjectionType projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(hash, KeyType.HASH))
                .projection(p -> p.projectionType(projection))
                .build();
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
            item.put(
                    (String) pairs[i],
                    value instanceof AttributeValue v
                            ? v
                            : value instanceof Number number ? n(number.toString()) : s(value.toString()));
        }
        return item;
    }

    /** Asserts that the call fails with the service error {@code code} and exactly {@code message}; returns the error. */
    static <T extends DynamoDbException> T assertError(
            ThrowableAssert.ThrowingCallable call, Class<T> type, String code, String message) {
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
