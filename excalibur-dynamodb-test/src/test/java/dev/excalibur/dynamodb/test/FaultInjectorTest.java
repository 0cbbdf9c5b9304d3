package dev.excalibur.dynamodb.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class FaultInjectorTest {

    private final FaultInjector faults = FaultInjector.create();
    private DynamoDbClient client;
    private String table;

    @BeforeEach
    void createTable(EmbeddedDynamoDb db, @TestTableName String table) {
        this.table = table;
        client = db.client(faults);
        Tables.createWithStream(client, table);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void throttlingFailsTheNextNCallsWithoutApplyingThem() {
        faults.failNext(3, "PutItem", Fault.throttling());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.putItem(b -> b.tableName(table).item(Tables.item("k", "v"))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                        assertThat(e.isThrottlingException()).isTrue();
                    });
            assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k")))
                            .hasItem())
                    .isFalse();
        }
        client.putItem(b -> b.tableName(table).item(Tables.item("k", "v")));

        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k"))).item())
                .containsKey("value");
        assertThat(faults.requestCount("PutItem")).isEqualTo(4);
        assertThat(faults.requestCount("GetItem")).isEqualTo(4);
    }

    @Test
    void faultsOnlyHitTheChosenOperation() {
        faults.failNext(1, "DeleteItem", Fault.serverError());

        client.putItem(b -> b.tableName(table).item(Tables.item("k", "v")));
        assertThatThrownBy(() -> client.deleteItem(b -> b.tableName(table).key(Tables.key("k"))))
                .isInstanceOfSatisfying(
                        InternalServerErrorException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(500));
        client.deleteItem(b -> b.tableName(table).key(Tables.key("k")));

        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k"))).hasItem())
                .isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void transactionConflictCarriesItsCancellationReason() {
        faults.failNext(1, FaultInjector.ANY_OPERATION, Fault.transactionConflict());

        assertThatThrownBy(() -> client.transactWriteItems(b ->
                        b.transactItems(t -> t.put(p -> p.tableName(table).item(Tables.item("t", "v"))))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.cancellationReasons())
                            .extracting(r -> r.code())
                            .containsExactly("TransactionConflict");
                });
        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("t"))).hasItem())
                .isFalse();
    }

    @Test
    void asyncClientsFailTheFutureWithTheInjectedException(EmbeddedDynamoDb db) {
        FaultInjector asyncFaults =
                FaultInjector.create().failNext(1, "GetItem", Fault.of(503, "ServiceUnavailable", "try later"));
        try (DynamoDbAsyncClient async = db.asyncClient(asyncFaults)) {
            assertThatThrownBy(() -> async.getItem(b -> b.tableName(table).key(Tables.key("k")))
                            .join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    });
            assertThat(async.getItem(b -> b.tableName(table).key(Tables.key("k")))
                            .join()
                            .hasItem())
                    .isFalse();
            assertThat(asyncFaults.requestCount("GetItem")).isEqualTo(2);
            assertThat(asyncFaults.totalRequests()).isEqualTo(2);
        }
    }

    @Test
    void resetForgetsCountsAndPendingFaults() {
        faults.failNext(5, "PutItem", Fault.throttling());
        assertThat(faults.totalRequests()).isEqualTo(1);

        faults.failNextAfterDelivery(5, "PutItem", Fault.serverError());
        faults.withholdBatchItems(5, 1);

        faults.reset();
        client.putItem(b -> b.tableName(table).item(Tables.item("k", "v")));
        var batch = client.batchWriteItem(b -> b.requestItems(Map.of(
                table,
                List.of(
                        WriteRequest.builder()
                                .putRequest(p -> p.item(Tables.item("a", "v")))
                                .build(),
                        WriteRequest.builder()
                                .putRequest(p -> p.item(Tables.item("b", "v")))
                                .build()))));

        assertThat(batch.unprocessedItems()).isEmpty();
        assertThat(faults.requestCount("PutItem")).isEqualTo(1);
        assertThat(faults.totalRequests()).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> faults.failNext(0, "PutItem", Fault.throttling()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("times");
        assertThatThrownBy(() -> faults.failNext(1, " ", Fault.throttling()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operation");
        assertThatThrownBy(() -> Fault.of(200, "Ok", "not an error"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statusCode");
        assertThatThrownBy(() -> faults.failNext(1, "PutItem", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> faults.failNextAfterDelivery(0, "PutItem", Fault.serverError()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("times");
        assertThatThrownBy(() -> faults.failNextAfterDelivery(1, "", Fault.serverError()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operation");
        assertThatThrownBy(() -> faults.withholdBatchItems(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("items");
        assertThatThrownBy(() -> faults.withholdBatchItems(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("times");
    }

    @Test
    void lostAnswerReachesTheCallerAfterTheEngineAppliedTheWrite() {
        faults.failNextAfterDelivery(1, "PutItem", Fault.serverError());

        assertThatThrownBy(() -> client.putItem(b -> b.tableName(table).item(Tables.item("k", "applied"))))
                .isInstanceOfSatisfying(
                        InternalServerErrorException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(500));

        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k")))
                        .item()
                        .get("value")
                        .s())
                .isEqualTo("applied");
        assertThat(faults.requestCount("PutItem")).isEqualTo(1);
    }

    @Test
    void faultsBeforeAndAfterDeliveryAreSeparateQueues() {
        faults.failNextAfterDelivery(1, "PutItem", Fault.serverError());
        faults.failNext(1, "PutItem", Fault.throttling());

        assertThatThrownBy(() -> client.putItem(b -> b.tableName(table).item(Tables.item("k", "first"))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k"))).hasItem())
                .isFalse();
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(table).item(Tables.item("k", "second"))))
                .isInstanceOf(InternalServerErrorException.class);
        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k")))
                        .item()
                        .get("value")
                        .s())
                .isEqualTo("second");
        client.putItem(b -> b.tableName(table).item(Tables.item("k", "third")));

        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k")))
                        .item()
                        .get("value")
                        .s())
                .isEqualTo("third");
        assertThat(faults.requestCount("PutItem")).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void lostTransactionAnswerRetriedWithTheSameTokenAppliesOnce(EmbeddedDynamoDb db) {
        try (DynamoDbAsyncClient async = db.asyncClient(faults)) {
            faults.failNextAfterDelivery(1, "TransactWriteItems", Fault.serverError());
            Function<String, CompletableFuture<?>> increment =
                    token -> async.transactWriteItems(b -> b.clientRequestToken(token)
                            .transactItems(t -> t.update(u -> u.tableName(table)
                                    .key(Tables.key("counter"))
                                    .updateExpression("ADD #c :one")
                                    .expressionAttributeNames(Map.of("#c", "count"))
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));

            assertThatThrownBy(() -> increment.apply("token-1").join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(InternalServerErrorException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                    });
            assertThat(count()).isEqualTo("1");
            increment.apply("token-1").join();

            assertThat(count())
                    .as("the retry with the same token is not applied again")
                    .isEqualTo("1");
            assertThat(faults.requestCount("TransactWriteItems")).isEqualTo(2);
            increment.apply("token-2").join();
            assertThat(count()).as("another token is another transaction").isEqualTo("2");
        }
    }

    private String count() {
        return client.getItem(b -> b.tableName(table).key(Tables.key("counter")))
                .item()
                .get("count")
                .n();
    }

    @Test
    void withheldBatchWritesComeBackUnprocessedAndAreNotApplied() {
        List<WriteRequest> puts = IntStream.range(0, 25)
                .mapToObj(i -> WriteRequest.builder()
                        .putRequest(p -> p.item(Tables.item("k" + i, "v")))
                        .build())
                .toList();
        faults.withholdBatchItems(1, 5);

        var response = client.batchWriteItem(b -> b.requestItems(Map.of(table, puts)));

        assertThat(response.unprocessedItems().get(table))
                .extracting(w -> w.putRequest().item().get("pk").s())
                .containsExactly("k20", "k21", "k22", "k23", "k24");
        assertThat(client.scan(b -> b.tableName(table)).items())
                .extracting(i -> i.get("pk").s())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 20).mapToObj(i -> "k" + i).toList());
        assertThat(client.batchWriteItem(b -> b.requestItems(response.unprocessedItems()))
                        .unprocessedItems())
                .isEmpty();
        assertThat(client.scan(b -> b.tableName(table)).count()).isEqualTo(25);
        assertThat(faults.requestCount("BatchWriteItem")).isEqualTo(2);
    }

    @Test
    void withheldBatchKeysComeBackUnprocessedWithTheirReadSettings(EmbeddedDynamoDb db) {
        for (int i = 0; i < 10; i++) {
            int n = i;
            client.putItem(b -> b.tableName(table).item(Tables.item("k" + n, "v")));
        }
        List<Map<String, AttributeValue>> keys =
                IntStream.range(0, 10).mapToObj(i -> Tables.key("k" + i)).toList();
        faults.withholdBatchItems(1, 3);
        try (DynamoDbAsyncClient async = db.asyncClient(faults)) {
            var response = async.batchGetItem(b -> b.requestItems(Map.of(
                            table,
                            KeysAndAttributes.builder()
                                    .keys(keys)
                                    .consistentRead(true)
                                    .projectionExpression("pk")
                                    .build())))
                    .join();

            assertThat(response.responses().get(table))
                    .extracting(i -> i.get("pk").s())
                    .containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4", "k5", "k6");
            assertThat(response.responses().get(table))
                    .allSatisfy(i -> assertThat(i).containsOnlyKeys("pk"));
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
            assertThat(unprocessed.keys()).extracting(k -> k.get("pk").s()).containsExactly("k7", "k8", "k9");
            assertThat(unprocessed.consistentRead()).isTrue();
            assertThat(unprocessed.projectionExpression()).isEqualTo("pk");
            assertThat(async.batchGetItem(b -> b.requestItems(response.unprocessedKeys()))
                            .join()
                            .responses()
                            .get(table))
                    .hasSize(3);
        }
    }

    @Test
    void withheldItemsAreTheLastOnesCountedOverAllTablesOfTheBatch(EmbeddedDynamoDb db) {
        String other = db.newTableName("other");
        Tables.createWithStream(client, other);
        try {
            Map<String, List<WriteRequest>> batch = new LinkedHashMap<>();
            batch.put(table, List.of(put("a0"), put("a1")));
            batch.put(other, List.of(put("b0"), put("b1")));
            faults.withholdBatchItems(1, 3);

            var response = client.batchWriteItem(b -> b.requestItems(batch));

            assertThat(response.unprocessedItems()).containsOnlyKeys(table, other);
            assertThat(response.unprocessedItems().get(table))
                    .extracting(w -> w.putRequest().item().get("pk").s())
                    .containsExactly("a1");
            assertThat(response.unprocessedItems().get(other))
                    .extracting(w -> w.putRequest().item().get("pk").s())
                    .containsExactly("b0", "b1");
            assertThat(client.scan(b -> b.tableName(table)).count()).isEqualTo(1);
            assertThat(client.scan(b -> b.tableName(other)).count()).isZero();
        } finally {
            client.deleteTable(b -> b.tableName(other));
        }
    }

    @Test
    void aWithheldBatchStillSendsOneItemAndABatchOfOneIsLeftAlone() {
        faults.withholdBatchItems(2, 5);

        var single = client.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put("single")))));
        var three = client.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put("x0"), put("x1"), put("x2")))));
        var two = client.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put("y0"), put("y1")))));
        var after = client.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put("z0"), put("z1")))));

        assertThat(single.unprocessedItems())
                .as("a batch of one cannot lose an item and does not count")
                .isEmpty();
        assertThat(three.unprocessedItems().get(table))
                .extracting(w -> w.putRequest().item().get("pk").s())
                .containsExactly("x1", "x2");
        assertThat(two.unprocessedItems().get(table))
                .extracting(w -> w.putRequest().item().get("pk").s())
                .containsExactly("y1");
        assertThat(after.unprocessedItems()).isEmpty();
        assertThat(client.scan(b -> b.tableName(table)).items())
                .extracting(i -> i.get("pk").s())
                .containsExactlyInAnyOrder("single", "x0", "y0", "z0", "z1");
    }

    private static WriteRequest put(String pk) {
        return WriteRequest.builder()
                .putRequest(p -> p.item(Tables.item(pk, "v")))
                .build();
    }

    @Test
    void anIoErrorIsTheSdksClientExceptionCausedByAnIOExceptionAndIsNotApplied(EmbeddedDynamoDb db) {
        faults.failNext(1, "PutItem", Fault.ioError("Connection reset"));

        assertThatThrownBy(() -> client.putItem(b -> b.tableName(table).item(Tables.item("io", "v"))))
                .isInstanceOf(SdkClientException.class)
                .hasCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("Connection reset");
        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("io"))).hasItem())
                .isFalse();
        try (DynamoDbAsyncClient async = db.asyncClient(faults)) {
            faults.failNext(1, "PutItem", Fault.ioError("Connection reset"));
            assertThatThrownBy(() -> async.putItem(b -> b.tableName(table).item(Tables.item("io", "v")))
                            .join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(SdkClientException.class)
                    .hasCauseInstanceOf(IOException.class);
        }
        assertThat(Fault.ioError("x").statusCode()).isZero();
        assertThat(Fault.ioError("x").errorCode()).isNull();
    }

    @Test
    void requestsAreKeptAsSentPerOperationUntilReset() {
        client.putItem(b -> b.tableName(table).item(Tables.item("r", "v")));
        client.getItem(b -> b.tableName(table).key(Tables.key("r")).consistentRead(true));
        faults.failNext(1, "GetItem", Fault.throttling());
        assertThatThrownBy(() -> client.getItem(b -> b.tableName(table).key(Tables.key("r"))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        List<GetItemRequest> gets = faults.requests("GetItem", GetItemRequest.class);
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).consistentRead()).isTrue();
        assertThat(gets.get(1).consistentRead()).isNull();
        assertThat(gets.get(0).key()).isEqualTo(Tables.key("r"));
        assertThat(faults.requests("PutItem")).singleElement().isInstanceOf(PutItemRequest.class);
        assertThat(faults.requests("Scan")).isEmpty();

        faults.reset();
        assertThat(faults.requests("GetItem")).isEmpty();
    }

    @Test
    void requestsAreKeptAfterTheInjectorChangedThem() {
        Map<String, List<WriteRequest>> batch = new LinkedHashMap<>();
        batch.put(
                table,
                IntStream.range(0, 3)
                        .mapToObj(i -> WriteRequest.builder()
                                .putRequest(p -> p.item(Tables.item("w" + i, "v")))
                                .build())
                        .toList());
        faults.withholdBatchItems(1, 2);

        client.batchWriteItem(b -> b.requestItems(batch));

        assertThat(faults.requests("BatchWriteItem", BatchWriteItemRequest.class))
                .singleElement()
                .satisfies(sent -> assertThat(sent.requestItems().get(table)).hasSize(1));
    }
}
