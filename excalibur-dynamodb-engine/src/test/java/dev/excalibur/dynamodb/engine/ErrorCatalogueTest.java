package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.gsi;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.key;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The error catalogue (engine-surface.md §2.12), one row per situation: the wire error code and the exact message.
 * Rows against the table {@code missing} check the validation order: the request's own checks win over the
 * missing table. Sources of the wording are given in engine-surface.md §2.12.
 */
class ErrorCatalogueTest {

    private static EngineFixture fixture;

    @BeforeAll
    static void tables() {
        fixture = new EngineFixture();
        fixture.table(
                "catalogue",
                ScalarAttributeType.S,
                b -> b.attributeDefinitions(
                                definition("pk", ScalarAttributeType.S),
                                definition("sk", ScalarAttributeType.S),
                                definition("g", ScalarAttributeType.S))
                        .globalSecondaryIndexes(gsi("byG", "g")));
        fixture.client.putItem(b -> b.tableName("catalogue").item(item("pk", "exists", "sk", "1", "v", 1)));
        fixture.client.transactWriteItems(
                b -> b.clientRequestToken("catalogue-token").transactItems(transactionPut("tx", "1")));
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private static Arguments row(String situation, String code, String message, Function<DynamoDbClient, Object> call) {
        return Arguments.of(situation, code, message, call);
    }

    /** A TransactWriteItems call of {@code items}. */
    private static Function<DynamoDbClient, Object> transaction(TransactWriteItem... items) {
        return c -> c.transactWriteItems(b -> b.transactItems(items));
    }

    /** A transaction's put of the item {@code pk}/{@code sk} into the catalogue table. */
    private static TransactWriteItem transactionPut(String pk, String sk) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName("catalogue").item(item("pk", pk, "sk", sk)))
                .build();
    }

    /** An UpdateItem of the catalogue item a/1 with {@code expression}, where {@code :v} is {@code value}. */
    private static Function<DynamoDbClient, Object> update(String expression, AttributeValue value) {
        return c -> c.updateItem(b -> b.tableName("catalogue")
                .key(item("pk", "a", "sk", "1"))
                .updateExpression(expression)
                .expressionAttributeValues(Map.of(":v", value)));
    }

    /** A PutItem of the item a/1 into the catalogue table, with {@code options}. */
    private static Function<DynamoDbClient, Object> put(Consumer<PutItemRequest.Builder> options) {
        return c -> c.putItem(b -> {
            b.tableName("catalogue").item(item("pk", "a", "sk", "1"));
            options.accept(b);
        });
    }

    /** A DeleteItem of the item a/1 from the catalogue table, with {@code options}. */
    private static Function<DynamoDbClient, Object> delete(Consumer<DeleteItemRequest.Builder> options) {
        return c -> c.deleteItem(b -> {
            b.tableName("catalogue").key(item("pk", "a", "sk", "1"));
            options.accept(b);
        });
    }

    /** A Query of the catalogue table with {@code keyCondition}, where {@code :v} is "1", and {@code options}. */
    private static Function<DynamoDbClient, Object> query(String keyCondition, Consumer<QueryRequest.Builder> options) {
        return c -> c.query(b -> {
            b.tableName("catalogue")
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeValues(Map.of(":v", s("1")));
            options.accept(b);
        });
    }

    static Stream<Arguments> catalogue() {
        String t = "catalogue";
        return Stream.of(
                row(
                        "condition false",
                        "ConditionalCheckFailedException",
                        "The conditional request failed",
                        c -> c.putItem(b -> b.tableName(t)
                                .item(item("pk", "exists", "sk", "1"))
                                .conditionExpression("attribute_not_exists(pk)"))),
                row(
                        "table missing (item operation)",
                        "ResourceNotFoundException",
                        "Requested resource not found",
                        c -> c.getItem(b -> b.tableName("missing").key(item("pk", "a")))),
                row(
                        "table missing (Query)",
                        "ResourceNotFoundException",
                        "Requested resource not found",
                        c -> c.query(b -> b.tableName("missing")
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", s("a"))))),
                row(
                        "table missing (DescribeTable)",
                        "ResourceNotFoundException",
                        "Requested resource not found: Table: missing not found",
                        c -> c.describeTable(b -> b.tableName("missing"))),
                row(
                        "CreateTable existing",
                        "ResourceInUseException",
                        "Table already exists: catalogue",
                        c -> c.createTable(b -> b.tableName(t)
                                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                                .keySchema(key("pk", KeyType.HASH))
                                .billingMode("PAY_PER_REQUEST"))),
                row(
                        "key does not match schema",
                        "ValidationException",
                        "The provided key element does not match the schema",
                        c -> c.getItem(b -> b.tableName(t).key(item("pk", "a")))),
                row(
                        "put without a key attribute",
                        "ValidationException",
                        "One or more parameter values were invalid: Missing the key sk in the item",
                        c -> c.putItem(b -> b.tableName(t).item(item("pk", "a")))),
                row(
                        "key of the wrong type",
                        "ValidationException",
                        "One or more parameter values were invalid: Type mismatch for key sk expected: S actual: N",
                        c -> c.putItem(b -> b.tableName(t).item(item("pk", "a", "sk", 1)))),
                row(
                        "index key of the wrong type",
                        "ValidationException",
                        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG",
                        c -> c.putItem(b -> b.tableName(t).item(item("pk", "a", "sk", "1", "g", 1)))),
                row(
                        "empty string key",
                        "ValidationException",
                        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
                        c -> c.getItem(b -> b.tableName(t).key(item("pk", "", "sk", "1")))),
                row(
                        "partition key over 2048 bytes",
                        "ValidationException",
                        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                        c -> c.putItem(b -> b.tableName(t).item(item("pk", "k".repeat(2049), "sk", "1")))),
                row(
                        "sort key over 1024 bytes",
                        "ValidationException",
                        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
                        c -> c.putItem(b -> b.tableName(t).item(item("pk", "a", "sk", "k".repeat(1025))))),
                row(
                        "item over 400 KB",
                        "ValidationException",
                        "Item size has exceeded the maximum allowed size",
                        c -> c.putItem(
                                b -> b.tableName(t).item(item("pk", "a", "sk", "1", "big", "b".repeat(409_600))))),
                row(
                        "more than 38 digits",
                        "ValidationException",
                        "Attempting to store more than 38 significant digits in a Number",
                        c -> c.putItem(b -> b.tableName(t).item(item("pk", "a", "sk", "1", "n", n("1".repeat(39)))))),
                row(
                        "unused name placeholder",
                        "ValidationException",
                        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}",
                        put(b -> b.conditionExpression("attribute_not_exists(pk)")
                                .expressionAttributeNames(Map.of("#x", "x")))),
                row(
                        "undefined value placeholder",
                        "ValidationException",
                        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x",
                        put(b -> b.conditionExpression("v = :x"))),
                row(
                        "reserved word",
                        "ValidationException",
                        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
                        put(b -> b.conditionExpression("attribute_exists(status)"))),
                row(
                        "empty ExpressionAttributeNames",
                        "ValidationException",
                        "ExpressionAttributeNames must not be empty",
                        put(b -> b.conditionExpression("attribute_exists(pk)").expressionAttributeNames(Map.of()))),
                row(
                        "names without an expression",
                        "ValidationException",
                        "ExpressionAttributeNames can only be specified when using expressions",
                        put(b -> b.expressionAttributeNames(Map.of("#a", "a")))),
                row(
                        "values without an expression",
                        "ValidationException",
                        "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
                        delete(b -> b.expressionAttributeValues(Map.of(":a", s("a"))))),
                row(
                        "legacy and expression parameters mixed",
                        "ValidationException",
                        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                        delete(b -> b.conditionExpression("attribute_exists(pk)")
                                .expected(Map.of(
                                        "pk",
                                        ExpectedAttributeValue.builder()
                                                .exists(true)
                                                .value(s("a"))
                                                .build())))),
                row(
                        "update of a key attribute",
                        "ValidationException",
                        "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                        update("SET pk = :v", s("b"))),
                row(
                        "update section twice",
                        "ValidationException",
                        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                        update("SET a = :v SET b = :v", s("b"))),
                row(
                        "missing operand attribute",
                        "ValidationException",
                        "The provided expression refers to an attribute that does not exist in the item",
                        update("SET a = b + :v", n("1"))),
                row(
                        "key condition misses the partition key",
                        "ValidationException",
                        "Query condition missed key schema element: pk",
                        query("sk = :v", b -> {})),
                row(
                        "non-equality on the partition key",
                        "ValidationException",
                        "Query key condition not supported",
                        query("pk > :v", b -> {})),
                row(
                        "unknown index",
                        "ValidationException",
                        "The table does not have the specified index: nope",
                        query("pk = :v", b -> b.indexName("nope"))),
                row(
                        "consistent read on a GSI",
                        "ValidationException",
                        "Consistent reads are not supported on global secondary indexes",
                        query("g = :v", b -> b.indexName("byG").consistentRead(true))),
                row(
                        "Segment not below TotalSegments",
                        "ValidationException",
                        "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 2",
                        c -> c.scan(b -> b.tableName(t).segment(3).totalSegments(2))),
                row(
                        "batch write duplicates",
                        "ValidationException",
                        "Provided list of item keys contains duplicates",
                        c -> c.batchWriteItem(b -> b.requestItems(Map.of(
                                t,
                                List.of(
                                        WriteRequest.builder()
                                                .putRequest(p -> p.item(item("pk", "d", "sk", "1")))
                                                .build(),
                                        WriteRequest.builder()
                                                .putRequest(p -> p.item(item("pk", "d", "sk", "1")))
                                                .build()))))),
                row(
                        "batch get over 100 keys",
                        "ValidationException",
                        "Too many items requested for the BatchGetItem call",
                        c -> c.batchGetItem(b -> b.requestItems(Map.of(
                                t,
                                KeysAndAttributes.builder()
                                        .keys(IntStream.range(0, 101)
                                                .mapToObj(i -> item("pk", "k" + i, "sk", "1"))
                                                .toList())
                                        .build())))),
                row(
                        "transaction on one item twice",
                        "ValidationException",
                        "Transaction request cannot include multiple operations on one item",
                        transaction(
                                transactionPut("x", "1"),
                                TransactWriteItem.builder()
                                        .delete(d -> d.tableName(t).key(item("pk", "x", "sk", "1")))
                                        .build())),
                row(
                        "transaction cancelled",
                        "TransactionCanceledException",
                        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
                        transaction(
                                transactionPut("y", "1"),
                                TransactWriteItem.builder()
                                        .conditionCheck(k -> k.tableName(t)
                                                .key(item("pk", "exists", "sk", "1"))
                                                .conditionExpression("attribute_not_exists(pk)"))
                                        .build())),
                row(
                        "token reused with other parameters",
                        "IdempotentParameterMismatchException",
                        "Specified idempotent token was used with different request parameters within the idempotency window",
                        c -> c.transactWriteItems(
                                b -> b.clientRequestToken("catalogue-token").transactItems(transactionPut("tx", "2")))),
                row(
                        "limit below 1",
                        "ValidationException",
                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
                        c -> c.scan(b -> b.tableName(t).limit(0))),
                row(
                        "validation before table lookup: placeholders",
                        "ValidationException",
                        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                        c -> c.putItem(b -> b.tableName("missing")
                                .item(item("pk", "a"))
                                .conditionExpression("attribute_not_exists(pk)")
                                .expressionAttributeValues(Map.of(":unused", s("x"))))),
                row(
                        "validation before table lookup: Select",
                        "ValidationException",
                        "1 validation error detected: Value 'MOST' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
                        c -> c.scan(b -> b.tableName("missing").select("MOST"))),
                row(
                        "validation before table lookup: item values",
                        "ValidationException",
                        "Attempting to store more than 38 significant digits in a Number",
                        c -> c.putItem(b -> b.tableName("missing").item(item("pk", "a", "n", n("2".repeat(39)))))),
                row(
                        "validation before table lookup: ReturnItemCollectionMetrics",
                        "ValidationException",
                        "1 validation error detected: Value 'ALL' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]",
                        c -> c.putItem(b ->
                                b.tableName("missing").item(item("pk", "a")).returnItemCollectionMetrics("ALL"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void answersWithTheServiceCodeAndMessage(
            String situation, String code, String message, Function<DynamoDbClient, Object> call) {
        ThrowableAssert.ThrowingCallable request = () -> call.apply(fixture.client);
        DynamoDbException error = catchThrowableOfType(DynamoDbException.class, request);
        assertThat(error).as(situation).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(error.statusCode()).isEqualTo(400);
    }
}
