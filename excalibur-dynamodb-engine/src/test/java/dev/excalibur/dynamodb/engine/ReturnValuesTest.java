package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** ReturnValues on PutItem, DeleteItem and UpdateItem, and the values each operation accepts. */
class ReturnValuesTest {

    private final EngineFixture fixture = new EngineFixture();

    @BeforeEach
    void table() {
        fixture.table("returns", null);
        fixture.client.putItem(
                b -> b.tableName("returns").item(item("pk", "a", "count", 1, "name", "old", "keep", "k")));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private UpdateItemResponse update(String key, ReturnValue returnValue) {
        return fixture.client.updateItem(b -> b.tableName("returns")
                .key(item("pk", key))
                .updateExpression("SET #n = :n ADD #c :one")
                .expressionAttributeNames(Map.of("#n", "name", "#c", "count"))
                .expressionAttributeValues(Map.of(":n", s("new"), ":one", n("1")))
                .returnValues(returnValue));
    }

    @Test
    void returnsNothingByDefault() {
        assertThat(update("a", ReturnValue.NONE).hasAttributes()).isFalse();
        assertThat(fixture.client
                        .putItem(b -> b.tableName("returns").item(item("pk", "a")))
                        .hasAttributes())
                .isFalse();
    }

    @Test
    void returnsTheWholeOldItemOnUpdate() {
        assertThat(update("a", ReturnValue.ALL_OLD).attributes())
                .isEqualTo(item("pk", "a", "count", 1, "name", "old", "keep", "k"));
    }

    @Test
    void returnsTheWholeNewItemOnUpdate() {
        assertThat(update("a", ReturnValue.ALL_NEW).attributes())
                .isEqualTo(item("pk", "a", "count", 2, "name", "new", "keep", "k"));
    }

    @Test
    void returnsOnlyTheUpdatedAttributesBeforeTheUpdate() {
        assertThat(update("a", ReturnValue.UPDATED_OLD).attributes()).isEqualTo(item("name", "old", "count", 1));
    }

    @Test
    void returnsOnlyTheUpdatedAttributesAfterTheUpdate() {
        assertThat(update("a", ReturnValue.UPDATED_NEW).attributes()).isEqualTo(item("name", "new", "count", 2));
    }

    @Test
    void returnsNoOldAttributesWhenTheUpdateCreatesTheItem() {
        assertThat(update("fresh", ReturnValue.ALL_OLD).hasAttributes()).isFalse();
        assertThat(update("fresher", ReturnValue.UPDATED_OLD).hasAttributes()).isFalse();
        assertThat(update("freshest", ReturnValue.ALL_NEW).attributes())
                .isEqualTo(item("pk", "freshest", "name", "new", "count", 1));
    }

    @Test
    void returnsTheReplacedItemOnPut() {
        Map<String, AttributeValue> old = fixture.client
                .putItem(b -> b.tableName("returns")
                        .item(item("pk", "a", "other", "x"))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        assertThat(old).isEqualTo(item("pk", "a", "count", 1, "name", "old", "keep", "k"));
        assertThat(fixture.client
                        .putItem(b ->
                                b.tableName("returns").item(item("pk", "b")).returnValues(ReturnValue.ALL_OLD))
                        .hasAttributes())
                .isFalse();
    }

    @Test
    void returnsTheDeletedItemOnDelete() {
        assertThat(fixture.client
                        .deleteItem(
                                b -> b.tableName("returns").key(item("pk", "a")).returnValues(ReturnValue.ALL_OLD))
                        .attributes())
                .isEqualTo(item("pk", "a", "count", 1, "name", "old", "keep", "k"));
        assertThat(fixture.client
                        .deleteItem(
                                b -> b.tableName("returns").key(item("pk", "a")).returnValues(ReturnValue.ALL_OLD))
                        .hasAttributes())
                .isFalse();
    }

    @Test
    void returnsUpdatedAttributesOfALegacyUpdate() {
        UpdateItemResponse response = fixture.client.updateItem(b -> b.tableName("returns")
                .key(item("pk", "a"))
                .attributeUpdates(Map.of(
                        "count",
                        AttributeValueUpdate.builder()
                                .action("ADD")
                                .value(n("5"))
                                .build()))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(response.attributes()).isEqualTo(item("count", 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"})
    void refusesNewOrUpdatedValuesOnPutAndDelete(String returnValues) {
        assertValidation(
                () -> fixture.client.putItem(
                        b -> b.tableName("returns").item(item("pk", "a")).returnValues(returnValues)),
                "ReturnValues can only be ALL_OLD or NONE");
        assertValidation(
                () -> fixture.client.deleteItem(
                        b -> b.tableName("returns").key(item("pk", "a")).returnValues(returnValues)),
                "ReturnValues can only be ALL_OLD or NONE");
    }

    @Test
    void refusesAnUnknownReturnValuesOnConditionCheckFailure() {
        assertValidation(
                () -> fixture.client.putItem(
                        b -> b.tableName("returns").item(item("pk", "a")).returnValuesOnConditionCheckFailure("SOME")),
                "1 validation error detected: Value 'SOME' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]");
    }
}
