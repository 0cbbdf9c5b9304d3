package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem and BatchGetItem: several tables, limits, duplicates, projections, whole-batch refusal. */
class BatchTest {

    private final EngineFixture fixture = new EngineFixture();

    @BeforeEach
    void tables() {
        fixture.table("first", null);
        fixture.table("second", ScalarAttributeType.S);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
    }

    private long count(String table) {
        return fixture.client.scan(b -> b.tableName(table)).count();
    }

    @Test
    void writesToSeveralTablesAndLeavesNothingUnprocessed() {
        fixture.client.putItem(b -> b.tableName("first").item(item("pk", "old")));
        BatchWriteItemResponse response = fixture.client.batchWriteItem(b -> b.requestItems(Map.of(
                "first", List.of(put(item("pk", "a", "v", 1)), delete(item("pk", "old"))),
                "second", List.of(put(item("pk", "a", "sk", "1")), put(item("pk", "a", "sk", "2"))))));
        assertThat(response.hasUnprocessedItems()).isTrue();
        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(count("first")).isEqualTo(1);
        assertThat(count("second")).isEqualTo(2);
    }

    @Test
    void acceptsTwentyFiveRequestsAndRefusesMore() {
        List<WriteRequest> twentyFive =
                IntStream.range(0, 25).mapToObj(i -> put(item("pk", "k" + i))).toList();
        fixture.client.batchWriteItem(b -> b.requestItems(Map.of("first", twentyFive)));
        assertThat(count("first")).isEqualTo(25);
        List<WriteRequest> twentySix =
                IntStream.range(0, 26).mapToObj(i -> put(item("pk", "n" + i))).toList();
        assertThat(catchMessage(() -> fixture.client.batchWriteItem(b -> b.requestItems(Map.of("first", twentySix)))))
                .startsWith("1 validation error detected: Value '")
                .endsWith(
                        "' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                                + "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        assertThat(count("first")).isEqualTo(25);
    }

    private static String catchMessage(ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(DynamoDbException.class, call)
                .awsErrorDetails()
                .errorMessage();
    }

    @Test
    void refusesDuplicateKeysAndWritesNothing() {
        assertValidation(
                () -> fixture.client.batchWriteItem(b ->
                        b.requestItems(Map.of("first", List.of(put(item("pk", "a")), delete(item("pk", "a")))))),
                "Provided list of item keys contains duplicates");
        assertThat(count("first")).isZero();
    }

    @Test
    void refusesTheWholeBatchWhenOneKeyIsInvalid() {
        assertValidation(
                () -> fixture.client.batchWriteItem(b ->
                        b.requestItems(Map.of("first", List.of(put(item("pk", "a")), put(item("other", "b")))))),
                "One or more parameter values were invalid: Missing the key pk in the item");
        assertThat(count("first")).isZero();
    }

    @Test
    void refusesTheWholeBatchWhenATableIsMissing() {
        assertError(
                () -> fixture.client.batchWriteItem(b -> b.requestItems(
                        Map.of("first", List.of(put(item("pk", "a"))), "missing", List.of(put(item("pk", "a")))))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found");
        assertThat(count("first")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void getsFromSeveralTablesWithProjectionAndSkipsMissingItems() {
        fixture.client.putItem(b -> b.tableName("first").item(item("pk", "a", "v", 1, "w", 2)));
        fixture.client.putItem(b -> b.tableName("second").item(item("pk", "a", "sk", "1", "x", "y")));
        BatchGetItemResponse response = fixture.client.batchGetItem(b -> b.requestItems(Map.of(
                "first",
                        KeysAndAttributes.builder()
                                .keys(item("pk", "a"), item("pk", "nothing"))
                                .projectionExpression("pk, #v")
                                .expressionAttributeNames(Map.of("#v", "v"))
                                .build(),
                "second",
                        KeysAndAttributes.builder()
                                .keys(item("pk", "a", "sk", "1"))
                                .consistentRead(true)
                                .build())));
        assertThat(response.responses().get("first")).containsExactly(item("pk", "a", "v", 1));
        assertThat(response.responses().get("second")).containsExactly(item("pk", "a", "sk", "1", "x", "y"));
        assertThat(response.hasUnprocessedKeys()).isTrue();
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesDuplicateKeysInABatchGet() {
        assertValidation(
                () -> fixture.client.batchGetItem(b -> b.requestItems(Map.of(
                        "first",
                        KeysAndAttributes.builder()
                                .keys(item("pk", "a"), item("pk", "a"))
                                .build()))),
                "Provided list of item keys contains duplicates");
    }

    @Test
    void refusesMoreThanOneHundredKeys() {
        List<Map<String, AttributeValue>> keys =
                IntStream.range(0, 101).mapToObj(i -> item("pk", "k" + i)).toList();
        assertValidation(
                () -> fixture.client.batchGetItem(b -> b.requestItems(
                        Map.of("first", KeysAndAttributes.builder().keys(keys).build()))),
                "Too many items requested for the BatchGetItem call");
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesAKeyThatDoesNotMatchTheSchema() {
        assertValidation(
                () -> fixture.client.batchGetItem(b -> b.requestItems(Map.of(
                        "second",
                        KeysAndAttributes.builder().keys(item("pk", "a")).build()))),
                "The provided key element does not match the schema");
    }

    @Test
    void leavesKeysUnprocessedBeyondSixteenMegabytes() {
        String payload = "x".repeat(390_000);
        List<WriteRequest> puts = IntStream.range(0, 50)
                .mapToObj(i -> put(item("pk", "big" + i, "data", payload)))
                .toList();
        for (int i = 0; i < 50; i += 25) {
            List<WriteRequest> chunk = puts.subList(i, i + 25);
            fixture.client.batchWriteItem(b -> b.requestItems(Map.of("first", chunk)));
        }
        List<Map<String, AttributeValue>> keys =
                IntStream.range(0, 50).mapToObj(i -> item("pk", "big" + i)).toList();
        BatchGetItemResponse response = fixture.client.batchGetItem(b -> b.requestItems(Map.of(
                "first",
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        int returned = response.responses().get("first").size();
        int left = response.unprocessedKeys().get("first").keys().size();
        assertThat(returned).isLessThan(50).isGreaterThanOrEqualTo(43);
        assertThat(returned + left).isEqualTo(50);
        assertThat(response.unprocessedKeys().get("first").consistentRead()).isTrue();
    }
}
