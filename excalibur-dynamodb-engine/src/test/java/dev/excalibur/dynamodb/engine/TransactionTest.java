package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems and TransactGetItems: all or nothing, a reason per action, idempotency, limits. */
class TransactionTest {

    private final EngineFixture fixture = new EngineFixture();

    @BeforeEach
    void tables() {
        fixture.table("accounts", null);
        fixture.table("ledger", ScalarAttributeType.N);
        fixture.client.putItem(b -> b.tableName("accounts").item(item("pk", "alice", "balance", 100)));
        fixture.client.putItem(b -> b.tableName("accounts").item(item("pk", "bob", "balance", 0)));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(item))
                .build();
    }

    private static TransactWriteItem move(String account, int amount, String condition) {
        return TransactWriteItem.builder()
                .update(u -> u.tableName("accounts")
                        .key(item("pk", account))
                        .updateExpression("ADD balance :a")
                        .conditionExpression(condition)
                        .expressionAttributeValues(
                                condition == null
                                        ? Map.of(":a", n(Integer.toString(amount)))
                                        : Map.of(
                                                ":a",
                                                n(Integer.toString(amount)),
                                                ":min",
                                                n(Integer.toString(-amount))))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
    }

    private Map<String, AttributeValue> account(String name) {
        return fixture.client
                .getItem(b -> b.tableName("accounts").key(item("pk", name)).consistentRead(true))
                .item();
    }

    @Test
    void appliesEveryActionAcrossTables() {
        fixture.client.transactWriteItems(b -> b.transactItems(
                move("alice", -30, "balance >= :min"),
                move("bob", 30, null),
                put("ledger", item("pk", "tx1", "sk", 1, "amount", 30)),
                TransactWriteItem.builder()
                        .conditionCheck(c -> c.tableName("accounts")
                                .key(item("pk", "carol"))
                                .conditionExpression("attribute_not_exists(pk)"))
                        .build()));
        assertThat(account("alice")).containsEntry("balance", n("70"));
        assertThat(account("bob")).containsEntry("balance", n("30"));
        assertThat(fixture.client.scan(b -> b.tableName("ledger")).count()).isEqualTo(1);
    }

    @Test
    void cancelsEverythingWithAReasonForEveryAction() {
        TransactionCanceledException cancelled = assertError(
                () -> fixture.client.transactWriteItems(b -> b.transactItems(
                        move("bob", 10, null),
                        move("alice", -500, "balance >= :min"),
                        put("ledger", item("pk", "tx2", "sk", 1)),
                        TransactWriteItem.builder()
                                .conditionCheck(c -> c.tableName("accounts")
                                        .key(item("pk", "carol"))
                                        .conditionExpression("attribute_exists(pk)")
                                        .returnValuesOnConditionCheckFailure(
                                                ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                .build(),
                        TransactWriteItem.builder()
                                .update(u -> u.tableName("accounts")
                                        .key(item("pk", "dave"))
                                        .updateExpression("SET note = absent + :one")
                                        .expressionAttributeValues(Map.of(":one", n("1"))))
                                .build())),
                TransactionCanceledException.class,
                "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, ConditionalCheckFailed, ValidationError]");
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        assertThat(reasons)
                .extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed", "None", "ConditionalCheckFailed", "ValidationError");
        assertThat(reasons.get(0).message()).isNull();
        assertThat(reasons.get(1).message()).isEqualTo("The conditional request failed");
        assertThat(reasons.get(1).item()).isEqualTo(item("pk", "alice", "balance", 100));
        assertThat(reasons.get(3).hasItem()).isFalse();
        assertThat(reasons.get(4).message())
                .isEqualTo("The provided expression refers to an attribute that does not exist in the item");
        assertThat(account("bob")).containsEntry("balance", n("0"));
        assertThat(fixture.client.scan(b -> b.tableName("ledger")).count()).isZero();
    }

    @Test
    void cancelsWithAValidationErrorReasonForAKeyOfTheWrongType() {
        TransactionCanceledException cancelled = assertError(
                () -> fixture.client.transactWriteItems(b -> b.transactItems(
                        put("accounts", item("pk", "carol")),
                        TransactWriteItem.builder()
                                .delete(d -> d.tableName("ledger").key(item("pk", "x", "sk", "not a number")))
                                .build())),
                TransactionCanceledException.class,
                "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]");
        assertThat(cancelled.cancellationReasons().get(1).message())
                .isEqualTo("The provided key element does not match the schema");
        assertThat(fixture.client
                        .getItem(b -> b.tableName("accounts").key(item("pk", "carol")))
                        .hasItem())
                .isFalse();
    }

    @Test
    void refusesTwoActionsOnOneItem() {
        assertValidation(
                () -> fixture.client.transactWriteItems(
                        b -> b.transactItems(move("bob", 1, null), move("bob", 2, null))),
                "Transaction request cannot include multiple operations on one item");
    }

    @Test
    void refusesMoreThanOneHundredActions() {
        List<TransactWriteItem> actions = IntStream.range(0, 101)
                .mapToObj(i -> put("accounts", item("pk", "k" + i)))
                .toList();
        assertValidation(
                () -> fixture.client.transactWriteItems(b -> b.transactItems(actions)),
                "1 validation error detected at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100");
        List<TransactWriteItem> hundred = actions.subList(0, 100);
        fixture.client.transactWriteItems(b -> b.transactItems(hundred));
        assertThat(fixture.client.scan(b -> b.tableName("accounts")).count()).isEqualTo(102);
    }

    @Test
    void refusesAnUnusedPlaceholderInAnAction() {
        assertValidation(
                () -> fixture.client.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName("accounts")
                                .item(item("pk", "x"))
                                .conditionExpression("attribute_not_exists(pk)")
                                .expressionAttributeNames(Map.of("#unused", "a")))
                        .build())),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
    }

    @Test
    void refusesAConditionCheckWithoutACondition() {
        assertValidation(
                () -> fixture.client.transactWriteItems(b -> b.transactItems(
                        move("bob", 1, null),
                        TransactWriteItem.builder()
                                .conditionCheck(c -> c.tableName("accounts").key(item("pk", "alice")))
                                .build())),
                "1 validation error detected: Value null at 'transactItems.2.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void reportsAMissingTable() {
        assertError(
                () -> fixture.client.transactWriteItems(b -> b.transactItems(put("nowhere", item("pk", "x")))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found");
    }

    @Test
    void appliesARequestTokenOnceWithinTenMinutes() {
        fixture.client.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(move("bob", 5, null)));
        fixture.client.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(move("bob", 5, null)));
        assertThat(account("bob")).containsEntry("balance", n("5"));
        fixture.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        fixture.client.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(move("bob", 5, null)));
        assertThat(account("bob")).containsEntry("balance", n("10"));
    }

    @Test
    void refusesATokenReusedWithOtherParameters() {
        fixture.client.transactWriteItems(b -> b.clientRequestToken("token-2").transactItems(move("bob", 5, null)));
        assertError(
                () -> fixture.client.transactWriteItems(
                        b -> b.clientRequestToken("token-2").transactItems(move("bob", 6, null))),
                IdempotentParameterMismatchException.class,
                "IdempotentParameterMismatchException",
                "Specified idempotent token was used with different request parameters within the idempotency window");
        assertThat(account("bob")).containsEntry("balance", n("5"));
    }

    @Test
    void letsACancelledTransactionBeRetriedWithItsToken() {
        assertError(
                () -> fixture.client.transactWriteItems(
                        b -> b.clientRequestToken("token-3").transactItems(move("alice", -500, "balance >= :min"))),
                TransactionCanceledException.class,
                "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]");
        fixture.client.putItem(b -> b.tableName("accounts").item(item("pk", "alice", "balance", 1000)));
        fixture.client.transactWriteItems(
                b -> b.clientRequestToken("token-3").transactItems(move("alice", -500, "balance >= :min")));
        assertThat(account("alice")).containsEntry("balance", n("500"));
    }

    @Test
    void refusesATokenLongerThanThirtySixCharacters() {
        String token = "t".repeat(37);
        assertValidation(
                () -> fixture.client.transactWriteItems(
                        b -> b.clientRequestToken(token).transactItems(move("bob", 1, null))),
                "1 validation error detected: Value '" + token
                        + "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsSeveralItemsAtOnce() {
        List<ItemResponse> responses = fixture.client
                .transactGetItems(b -> b.transactItems(
                        t -> t.get(g -> g.tableName("accounts").key(item("pk", "alice"))),
                        t -> t.get(g -> g.tableName("accounts").key(item("pk", "nobody"))),
                        t -> t.get(g ->
                                g.tableName("accounts").key(item("pk", "bob")).projectionExpression("balance"))))
                .responses();
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).item()).isEqualTo(item("pk", "alice", "balance", 100));
        assertThat(responses.get(1).hasItem()).isFalse();
        assertThat(responses.get(2).item()).isEqualTo(item("balance", 0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesReadingOneItemTwiceInATransaction() {
        assertValidation(
                () -> fixture.client.transactGetItems(b -> b.transactItems(
                        t -> t.get(g -> g.tableName("accounts").key(item("pk", "alice"))),
                        t -> t.get(g -> g.tableName("accounts").key(item("pk", "alice"))))),
                "Transaction request cannot include multiple operations on one item");
    }

    @Test
    void deletesInATransaction() {
        fixture.client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .delete(d -> d.tableName("accounts")
                                .key(item("pk", "bob"))
                                .conditionExpression("balance = :zero")
                                .expressionAttributeValues(Map.of(":zero", n("0"))))
                        .build(),
                TransactWriteItem.builder()
                        .delete(d -> d.tableName("accounts").key(item("pk", "never-existed")))
                        .build()));
        assertThat(fixture.client
                        .getItem(b -> b.tableName("accounts").key(item("pk", "bob")))
                        .hasItem())
                .isFalse();
    }
}
