package dev.excalibur.dynamodb.test;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DynamoDbLocalExtension.class)
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
            assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k"))).hasItem()).isFalse();
        }
        client.putItem(b -> b.tableName(table).item(Tables.item("k", "v")));

        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k"))).item()).containsKey("value");
        assertThat(faults.requestCount("PutItem")).isEqualTo(4);
        assertThat(faults.requestCount("GetItem")).isEqualTo(4);
    }

    @Test
    void faultsOnlyHitTheChosenOperation() {
        faults.failNext(1, "DeleteItem", Fault.serverError());

        client.putItem(b -> b.tableName(table).item(Tables.item("k", "v")));
        assertThatThrownBy(() -> client.deleteItem(b -> b.tableName(table).key(Tables.key("k"))))
                .isInstanceOfSatisfying(InternalServerErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        client.deleteItem(b -> b.tableName(table).key(Tables.key("k")));

        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k"))).hasItem()).isFalse();
    }

    @Test
    void transactionConflictCarriesItsCancellationReason() {
        faults.failNext(1, FaultInjector.ANY_OPERATION, Fault.transactionConflict());

        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName(table)
                .item(Tables.item("t", "v"))))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.cancellationReasons()).extracting(r -> r.code()).containsExactly("TransactionConflict");
                });
        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("t"))).hasItem()).isFalse();
    }

    @Test
    void asyncClientsFailTheFutureWithTheInjectedException(EmbeddedDynamoDb db) {
        FaultInjector asyncFaults = FaultInjector.create().failNext(1, "GetItem", Fault.of(503, "ServiceUnavailable", "try later"));
        try (DynamoDbAsyncClient async = db.asyncClient(asyncFaults)) {
            assertThatThrownBy(() -> async.getItem(b -> b.tableName(table).key(Tables.key("k"))).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    });
            assertThat(async.getItem(b -> b.tableName(table).key(Tables.key("k"))).join().hasItem()).isFalse();
            assertThat(asyncFaults.requestCount("GetItem")).isEqualTo(2);
            assertThat(asyncFaults.totalRequests()).isEqualTo(2);
        }
    }

    @Test
    void resetForgetsCountsAndPendingFaults() {
        faults.failNext(5, "PutItem", Fault.throttling());
        assertThat(faults.totalRequests()).isEqualTo(1);

        faults.reset();
        client.putItem(b -> b.tableName(table).item(Tables.item("k", "v")));

        assertThat(faults.requestCount("PutItem")).isEqualTo(1);
        assertThat(faults.totalRequests()).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> faults.failNext(0, "PutItem", Fault.throttling()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
        assertThatThrownBy(() -> faults.failNext(1, " ", Fault.throttling()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operation");
        assertThatThrownBy(() -> Fault.of(200, "Ok", "not an error"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statusCode");
        assertThatThrownBy(() -> faults.failNext(1, "PutItem", null)).isInstanceOf(NullPointerException.class);
    }
    @Test
    void lostAnswerReachesTheCallerAfterTheEngineAppliedTheWrite() {
        faults.failNextAfterDelivery(1, "PutItem", Fault.serverError());

        assertThatThrownBy(() -> client.putItem(b -> b.tableName(table).item(Tables.item("k", "applied"))))
                .isInstanceOfSatisfying(InternalServerErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(500));

        assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("k"))).item().get("value").s()).isEqualTo("applied");
        assertThat(faults.requestCount("PutItem")).isEqualTo(1);
    }

    @Test
    void lostTransactionAnswerRetriedWithTheSameTokenAppliesOnce(EmbeddedDynamoDb db) {
        try (DynamoDbAsyncClient async = db.asyncClient(faults)) {
            faults.failNextAfterDelivery(1, "TransactWriteItems", Fault.serverError());
            Supplier<CompletableFuture<?>> increment = () -> async.transactWriteItems(b -> b
                    .clientRequestToken("token-1")
                    .transactItems(t -> t.update(u -> u.tableName(table).key(Tables.key("counter"))
                            .updateExpression("ADD #c :one")
                            .expressionAttributeNames(Map.of("#c", "count"))
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));

            assertThatThrownBy(() -> increment.get().join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(InternalServerErrorException.class);
            increment.get().join();

            assertThat(client.getItem(b -> b.tableName(table).key(Tables.key("counter"))).item().get("count").n()).isEqualTo("1");
            assertThat(faults.requestCount("TransactWriteItems")).isEqualTo(2);
        }
    }

    @Test
    void withheldBatchWritesComeBackUnprocessedAndAreNotApplied() {
        List<WriteRequest> puts = IntStream.range(0, 25)
                .mapToObj(i -> WriteRequest.builder()
                        .putRequest(p -> p.item(Tables.item("k" + i, "v"))).build())
                .toList();
        faults.withholdBatchItems(1, 5);

        var response = client.batchWriteItem(b -> b.requestItems(Map.of(table, puts)));

        assertThat(response.unprocessedItems().get(table)).extracting(w -> w.putRequest().item().get("pk").s())
                .containsExactly("k20", "k21", "k22", "k23", "k24");
        assertThat(client.scan(b -> b.tableName(table)).count()).isEqualTo(20);
        assertThat(client.batchWriteItem(b -> b.requestItems(Map.of(table, puts))).unprocessedItems()).isEmpty();
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
            var response = async.batchGetItem(b -> b.requestItems(Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))).join();

            assertThat(response.responses().get(table)).hasSize(7);
            assertThat(response.unprocessedKeys().get(table).keys()).extracting(k -> k.get("pk").s()).containsExactly("k7", "k8", "k9");
            assertThat(response.unprocessedKeys().get(table).consistentRead()).isTrue();
        }
    }
}
