package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.gsi;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.keysAnd;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** GetItem, PutItem, UpdateItem and DeleteItem: conditions, legacy parameters, key and item checks. */
class ItemOperationsTest {

    private final EngineFixture fixture = new EngineFixture();

    @BeforeEach
    void tables() {
        fixture.table(
                "items",
                ScalarAttributeType.S,
                b -> b.attributeDefinitions(keysAnd(definition("g", ScalarAttributeType.S)))
                        .globalSecondaryIndexes(gsi("byG", "g")));
        fixture.table("hashOnly", null);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void put(Map<String, AttributeValue> item) {
        fixture.client.putItem(b -> b.tableName("items").item(item));
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        GetItemResponse response = fixture.client.getItem(
                b -> b.tableName("items").key(item("pk", pk, "sk", sk)).consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    @Test
    void putsAndGetsAnItem() {
        put(item("pk", "a", "sk", "1", "name", "first", "count", 3));
        assertThat(get("a", "1")).isEqualTo(item("pk", "a", "sk", "1", "name", "first", "count", 3));
    }

    @Test
    void returnsNoItemMemberForAMissingItem() {
        GetItemResponse response =
                fixture.client.getItem(b -> b.tableName("items").key(item("pk", "none", "sk", "x")));
        assertThat(response.hasItem()).isFalse();
    }

    @Test
    void projectsAGetItem() {
        put(item("pk", "a", "sk", "1", "name", "first", "count", 3, "other", "x"));
        GetItemResponse response = fixture.client.getItem(b -> b.tableName("items")
                .key(item("pk", "a", "sk", "1"))
                .projectionExpression("#n, pk")
                .expressionAttributeNames(Map.of("#n", "name")));
        assertThat(response.item()).isEqualTo(item("name", "first", "pk", "a"));
    }

    @Test
    void projectsAGetItemWithLegacyAttributesToGet() {
        put(item("pk", "a", "sk", "1", "name", "first", "other", "x"));
        assertThat(fixture.client
                        .getItem(b -> b.tableName("items")
                                .key(item("pk", "a", "sk", "1"))
                                .attributesToGet("other", "absent"))
                        .item())
                .isEqualTo(item("other", "x"));
    }

    @Test
    void refusesANamePlaceholderAGetItemDoesNotUse() {
        assertValidation(
                () -> fixture.client.getItem(b -> b.tableName("items")
                        .key(item("pk", "a", "sk", "1"))
                        .projectionExpression("pk")
                        .expressionAttributeNames(Map.of("#n", "name"))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
    }

    @Test
    void replacesTheWholeItemOnPut() {
        put(item("pk", "a", "sk", "1", "old", "x"));
        put(item("pk", "a", "sk", "1", "new", "y"));
        assertThat(get("a", "1")).isEqualTo(item("pk", "a", "sk", "1", "new", "y"));
    }

    @Test
    void storesNumbersInCanonicalForm() {
        put(item("pk", "a", "sk", "1", "price", n("129.90"), "small", n("1.0E-4")));
        assertThat(get("a", "1")).containsEntry("price", n("129.9")).containsEntry("small", n("0.0001"));
    }

    @Test
    void findsAnItemByAnEquivalentNumericKey() {
        fixture.table("numeric", ScalarAttributeType.N);
        fixture.client.putItem(b -> b.tableName("numeric").item(item("pk", "a", "sk", n("10.0"))));
        assertThat(fixture.client
                        .getItem(b -> b.tableName("numeric").key(item("pk", "a", "sk", n("1E+1"))))
                        .item())
                .isEqualTo(item("pk", "a", "sk", n("10")));
    }

    @Test
    void putsOnlyWhenTheConditionHolds() {
        put(item("pk", "a", "sk", "1", "v", 1));
        ConditionalCheckFailedException failed = assertError(
                () -> fixture.client.putItem(b -> b.tableName("items")
                        .item(item("pk", "a", "sk", "1", "v", 2))
                        .conditionExpression("attribute_not_exists(pk)")),
                ConditionalCheckFailedException.class,
                "ConditionalCheckFailedException",
                "The conditional request failed");
        assertThat(failed.hasItem()).isFalse();
        assertThat(get("a", "1")).containsEntry("v", n("1"));
        fixture.client.putItem(b -> b.tableName("items")
                .item(item("pk", "a", "sk", "1", "v", 2))
                .conditionExpression("v = :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertThat(get("a", "1")).containsEntry("v", n("2"));
    }

    @Test
    void returnsTheExistingItemOnAFailedConditionWhenAskedFor() {
        put(item("pk", "a", "sk", "1", "etag", "e1"));
        ConditionalCheckFailedException failed = assertError(
                () -> fixture.client.putItem(b -> b.tableName("items")
                        .item(item("pk", "a", "sk", "1", "etag", "e2"))
                        .conditionExpression("etag = :e")
                        .expressionAttributeValues(Map.of(":e", s("other")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class,
                "ConditionalCheckFailedException",
                "The conditional request failed");
        assertThat(failed.item()).isEqualTo(item("pk", "a", "sk", "1", "etag", "e1"));
    }

    @Test
    void returnsNoItemOnAFailedConditionWhenTheItemDoesNotExist() {
        ConditionalCheckFailedException failed = assertError(
                () -> fixture.client.deleteItem(b -> b.tableName("items")
                        .key(item("pk", "a", "sk", "1"))
                        .conditionExpression("attribute_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class,
                "ConditionalCheckFailedException",
                "The conditional request failed");
        assertThat(failed.hasItem()).isFalse();
    }

    static Stream<Arguments> failedConditionCases() {
        return Stream.of("put", "update", "delete")
                .flatMap(kind -> Stream.of(true, false)
                        .flatMap(exists -> Stream.of(
                                        ReturnValuesOnConditionCheckFailure.ALL_OLD,
                                        ReturnValuesOnConditionCheckFailure.NONE)
                                .map(mode -> Arguments.of(kind, exists, mode))));
    }

    @ParameterizedTest(name = "{0}, item exists: {1}, {2}")
    @MethodSource("failedConditionCases")
    void carriesTheItemOnAFailedConditionOnlyWithAllOldAndAnExistingItem(
            String kind, boolean exists, ReturnValuesOnConditionCheckFailure mode) {
        Map<String, AttributeValue> stored = item("pk", "r9", "sk", "1", "v", 1);
        if (exists) {
            put(stored);
        }
        String condition = "v = :two";
        Map<String, AttributeValue> values = Map.of(":two", n("2"));
        ConditionalCheckFailedException failed = assertError(
                () -> {
                    switch (kind) {
                        case "put" ->
                            fixture.client.putItem(b -> b.tableName("items")
                                    .item(item("pk", "r9", "sk", "1"))
                                    .conditionExpression(condition)
                                    .expressionAttributeValues(values)
                                    .returnValuesOnConditionCheckFailure(mode));
                        case "update" ->
                            fixture.client.updateItem(b -> b.tableName("items")
                                    .key(item("pk", "r9", "sk", "1"))
                                    .updateExpression("REMOVE v")
                                    .conditionExpression(condition)
                                    .expressionAttributeValues(values)
                                    .returnValuesOnConditionCheckFailure(mode));
                        default ->
                            fixture.client.deleteItem(b -> b.tableName("items")
                                    .key(item("pk", "r9", "sk", "1"))
                                    .conditionExpression(condition)
                                    .expressionAttributeValues(values)
                                    .returnValuesOnConditionCheckFailure(mode));
                    }
                },
                ConditionalCheckFailedException.class,
                "ConditionalCheckFailedException",
                "The conditional request failed");
        boolean carries = exists && mode == ReturnValuesOnConditionCheckFailure.ALL_OLD;
        assertThat(failed.hasItem()).isEqualTo(carries);
        if (carries) {
            assertThat(failed.item()).isEqualTo(stored);
        }
        assertThat(get("r9", "1")).isEqualTo(exists ? stored : null);
    }

    @Test
    void deletesAnItemAndDeletingAMissingOneSucceeds() {
        put(item("pk", "a", "sk", "1"));
        fixture.client.deleteItem(b -> b.tableName("items").key(item("pk", "a", "sk", "1")));
        assertThat(get("a", "1")).isNull();
        fixture.client.deleteItem(b -> b.tableName("items").key(item("pk", "a", "sk", "1")));
        assertThat(get("a", "1")).isNull();
    }

    @Test
    void updateCreatesAMissingItem() {
        fixture.client.updateItem(b -> b.tableName("items")
                .key(item("pk", "a", "sk", "1"))
                .updateExpression("SET #c = if_not_exists(#c, :zero) + :one")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"))));
        assertThat(get("a", "1")).isEqualTo(item("pk", "a", "sk", "1", "count", 1));
    }

    @Test
    void updatesAnExistingItemInPlace() {
        put(item("pk", "a", "sk", "1", "count", 1, "note", "x", "tags", AttributeValue.fromSs(List.of("a"))));
        fixture.client.updateItem(b -> b.tableName("items")
                .key(item("pk", "a", "sk", "1"))
                .updateExpression("SET #c = #c + :one ADD tags :t REMOVE note")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", n("1"), ":t", AttributeValue.fromSs(List.of("b")))));
        Map<String, AttributeValue> updated = get("a", "1");
        assertThat(updated).containsEntry("count", n("2")).doesNotContainKey("note");
        assertThat(updated.get("tags").ss()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void refusesToUpdateAKeyAttribute() {
        assertValidation(
                () -> fixture.client.updateItem(b -> b.tableName("items")
                        .key(item("pk", "a", "sk", "1"))
                        .updateExpression("SET sk = :v")
                        .expressionAttributeValues(Map.of(":v", s("2")))),
                "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key");
    }

    @Test
    void appliesLegacyExpectedAndAttributeUpdates() {
        fixture.client.putItem(b -> b.tableName("hashOnly")
                .item(item("pk", "lease", "counter", 1))
                .expected(Map.of(
                        "pk", ExpectedAttributeValue.builder().exists(false).build())));
        fixture.client.updateItem(b -> b.tableName("hashOnly")
                .key(item("pk", "lease"))
                .expected(Map.of(
                        "counter",
                        ExpectedAttributeValue.builder().value(n("1")).build(),
                        "owner",
                        ExpectedAttributeValue.builder().exists(false).build()))
                .attributeUpdates(Map.of(
                        "counter",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.ADD)
                                        .value(n("1"))
                                        .build(),
                        "owner",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.PUT)
                                        .value(s("w1"))
                                        .build())));
        assertThat(fixture.client
                        .getItem(b -> b.tableName("hashOnly").key(item("pk", "lease")))
                        .item())
                .isEqualTo(item("pk", "lease", "counter", 2, "owner", "w1"));
        ConditionalCheckFailedException failed = assertError(
                () -> fixture.client.updateItem(b -> b.tableName("hashOnly")
                        .key(item("pk", "lease"))
                        .expected(Map.of(
                                "counter",
                                ExpectedAttributeValue.builder().value(n("1")).build()))
                        .attributeUpdates(Map.of(
                                "counter",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.PUT)
                                        .value(n("9"))
                                        .build()))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class,
                "ConditionalCheckFailedException",
                "The conditional request failed");
        assertThat(failed.item()).containsEntry("counter", n("2"));
    }

    @Test
    void aLegacyDeleteOnlyUpdateDoesNotCreateAMissingItem() {
        fixture.client.updateItem(b -> b.tableName("hashOnly")
                .key(item("pk", "ghost"))
                .attributeUpdates(Map.of(
                        "owner",
                        AttributeValueUpdate.builder()
                                .action(AttributeAction.DELETE)
                                .build())));
        assertThat(fixture.client
                        .getItem(b -> b.tableName("hashOnly").key(item("pk", "ghost")))
                        .hasItem())
                .isFalse();
    }

    @Test
    void refusesMixingLegacyAndExpressionParameters() {
        assertValidation(
                () -> fixture.client.putItem(b -> b.tableName("items")
                        .item(item("pk", "a", "sk", "1"))
                        .conditionExpression("attribute_not_exists(pk)")
                        .expected(Map.of(
                                "pk",
                                ExpectedAttributeValue.builder().exists(false).build()))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }

    @Test
    void refusesAnUnusedValuePlaceholder() {
        assertValidation(
                () -> fixture.client.putItem(b -> b.tableName("items")
                        .item(item("pk", "a", "sk", "1"))
                        .conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(Map.of(":unused", s("x")))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    }

    @Test
    void refusesAnIndexKeyOfTheWrongType() {
        assertValidation(
                () -> put(item("pk", "a", "sk", "1", "g", 5)),
                "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG");
        assertThat(get("a", "1")).isNull();
    }

    @Test
    void refusesAnUpdateThatGivesAnIndexKeyTheWrongType() {
        put(item("pk", "a", "sk", "1"));
        assertValidation(
                () -> fixture.client.updateItem(b -> b.tableName("items")
                        .key(item("pk", "a", "sk", "1"))
                        .updateExpression("SET g = :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))),
                "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG");
    }

    @Test
    void reportsAMissingTable() {
        assertError(
                () -> fixture.client.putItem(b -> b.tableName("missing").item(item("pk", "a"))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found");
    }

    static Stream<Arguments> invalidKeys() {
        String big = "x".repeat(2049);
        return Stream.of(
                Arguments.of("missing sort key", item("pk", "a"), "The provided key element does not match the schema"),
                Arguments.of(
                        "extra attribute",
                        item("pk", "a", "sk", "1", "x", "y"),
                        "The provided key element does not match the schema"),
                Arguments.of(
                        "wrong type",
                        item("pk", "a", "sk", n("1")),
                        "The provided key element does not match the schema"),
                Arguments.of(
                        "wrong name",
                        item("pk", "a", "other", "1"),
                        "The provided key element does not match the schema"),
                Arguments.of(
                        "empty partition key",
                        item("pk", "", "sk", "1"),
                        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
                Arguments.of(
                        "empty sort key",
                        item("pk", "a", "sk", ""),
                        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk"),
                Arguments.of(
                        "partition key too large",
                        item("pk", big, "sk", "1"),
                        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"),
                Arguments.of(
                        "sort key too large",
                        item("pk", "a", "sk", "y".repeat(1025)),
                        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeys")
    void refusesAnInvalidKeyOnGetUpdateAndDelete(String situation, Map<String, AttributeValue> key, String message) {
        assertValidation(() -> fixture.client.getItem(b -> b.tableName("items").key(key)), message);
        assertValidation(
                () -> fixture.client.deleteItem(b -> b.tableName("items").key(key)), message);
        assertValidation(
                () -> fixture.client.updateItem(b -> b.tableName("items")
                        .key(key)
                        .updateExpression("SET a = :a")
                        .expressionAttributeValues(Map.of(":a", s("1")))),
                message);
    }

    static Stream<Arguments> invalidItems() {
        return Stream.of(
                Arguments.of(
                        "missing key",
                        item("sk", "1"),
                        "One or more parameter values were invalid: Missing the key pk in the item"),
                Arguments.of(
                        "key of the wrong type",
                        item("pk", n("1"), "sk", "1"),
                        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"),
                Arguments.of(
                        "binary sort key",
                        item("pk", "a", "sk", AttributeValue.fromB(SdkBytes.fromUtf8String("b"))),
                        "One or more parameter values were invalid: Type mismatch for key sk expected: S actual: B"),
                Arguments.of(
                        "empty key",
                        item("pk", "a", "sk", ""),
                        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk"),
                Arguments.of(
                        "item over 400 KB",
                        item("pk", "a", "sk", "1", "big", "z".repeat(409_600)),
                        "Item size has exceeded the maximum allowed size"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidItems")
    void refusesAnInvalidItemOnPut(String situation, Map<String, AttributeValue> item, String message) {
        assertValidation(() -> put(item), message);
        assertThat(fixture.client
                        .describeTable(b -> b.tableName("items"))
                        .table()
                        .itemCount())
                .isZero();
    }

    @Test
    void acceptsAnItemOfExactly400Kb() {
        // name "big" (3 bytes) + value, pk + "a" (3), sk + "1" (3): 409,600 bytes in all
        put(item("pk", "a", "sk", "1", "big", "z".repeat(409_600 - 9)));
        assertThat(get("a", "1")).isNotNull();
    }

    @Test
    void refusesAnUpdateThatMakesTheItemTooLarge() {
        put(item("pk", "a", "sk", "1", "big", "z".repeat(409_600 - 9)));
        assertValidation(
                () -> fixture.client.updateItem(b -> b.tableName("items")
                        .key(item("pk", "a", "sk", "1"))
                        .updateExpression("SET more = :v")
                        .expressionAttributeValues(Map.of(":v", s("1")))),
                "Item size to update has exceeded the maximum allowed size");
    }

    @Test
    void refusesReturnValuesOutsideTheEnumBeforeLookingUpTheTable() {
        assertValidation(
                () -> fixture.client.putItem(
                        b -> b.tableName("missing").item(item("pk", "a")).returnValues("SOMETIMES")),
                "1 validation error detected: Value 'SOMETIMES' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
        assertValidation(
                () -> fixture.client.getItem(
                        b -> b.tableName("missing").key(item("pk", "a")).returnConsumedCapacity("ALL")),
                "1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
    }
}
