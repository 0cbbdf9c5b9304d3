package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.batch.CloudBatchOperation;
import dev.excalibur.data.cloudnative.batch.CloudBatchResult;
import dev.excalibur.data.cloudnative.batch.CloudNativeBatchOperations;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.Condition;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.Fault;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.TestTableName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class BatchTest {

    private static final PartitionKey PK = PartitionKey.of("order-1");

    /** A document with a counter a patch can add to. */
    record Line(String id, String sku, int quantity, int counter, String note) {
        Line(String id, int quantity) {
            this(id, "sku-" + id, quantity, 0, "n");
        }
    }

    @Test
    void providerOffersBatchOperations(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            assertThat(fixture.provider().getService(CloudNativeBatchOperations.class))
                    .containsSame(fixture.provider());
        }
    }

    @Test
    void batchOf100MixedOperationsCommitsAtomically(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            Map<String, String> etags = seed(provider, 70);
            List<CloudBatchOperation> operations = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                operations.add(CloudBatchOperation.create(new Line("new-" + i, 1)));
            }
            for (int i = 0; i < 15; i++) {
                operations.add(CloudBatchOperation.replace(new Line(id(i), 100), etags.get(id(i))));
            }
            for (int i = 15; i < 25; i++) {
                operations.add(CloudBatchOperation.upsert(new Line(id(i), 200)));
            }
            for (int i = 0; i < 10; i++) {
                operations.add(CloudBatchOperation.upsert(new Line("upserted-" + i, 300)));
            }
            for (int i = 25; i < 40; i++) {
                operations.add(CloudBatchOperation.delete(id(i), i % 2 == 0 ? etags.get(id(i)) : null));
            }
            operations.add(CloudBatchOperation.delete("never-existed", null));
            for (int i = 40; i < 60; i++) {
                String etag = i % 2 == 0 ? etags.get(id(i)) : null;
                operations.add(CloudBatchOperation.patch(
                        id(i), p -> p.set("quantity", 7).remove("note").add("counter", 2), etag));
            }
            for (int i = 60; i < 70; i++) {
                operations.add(
                        i % 2 == 0
                                ? CloudBatchOperation.conditionCheck(id(i), etags.get(id(i)))
                                : CloudBatchOperation.conditionCheck(
                                        id(i), Condition.attribute("quantity").isEqualTo(i)));
            }
            for (int i = 0; i < 4; i++) {
                operations.add(CloudBatchOperation.create(new Line("extra-" + i, 1)));
            }
            assertThat(operations).hasSize(100);

            CloudBatchResult result = await(provider.executeBatch(PK, operations));

            assertThat(result.success()).isTrue();
            assertThat(result.errorMessage()).isNull();
            assertThat(result.requestCharge()).isPositive();
            assertThat(result.operationResults()).hasSize(100).allMatch(r -> r.success() && r.statusCode() == 200);
            Map<String, Line> stored = all(provider);
            assertThat(stored.get("new-3").quantity()).isEqualTo(1);
            assertThat(stored.get(id(3)).quantity()).isEqualTo(100);
            assertThat(stored.get(id(20)).quantity()).isEqualTo(200);
            assertThat(stored.get("upserted-9").quantity()).isEqualTo(300);
            assertThat(stored).doesNotContainKeys(id(25), id(26), id(39));
            assertThat(stored.get(id(41))).isEqualTo(new Line(id(41), "sku-" + id(41), 7, 2, null));
            assertThat(stored).hasSize(70 - 15 + 15 + 10 + 4);
            for (int i = 0; i < 100; i++) {
                CloudBatchOperation operation = operations.get(i);
                CloudOperationResult<Void> written = result.operationResults().get(i);
                switch (operation.type()) {
                    case CREATE, REPLACE, UPSERT, PATCH -> {
                        String id = operation.documentId() != null
                                ? operation.documentId()
                                : ((Line) operation.document()).id();
                        assertThat(written.etag())
                                .as("ETag of operation %d", i)
                                .isEqualTo(await(provider.getById(id, PK, null, Line.class))
                                        .etag());
                    }
                    default -> assertThat(written.etag()).isNull();
                }
            }
        }
    }

    @Test
    void batchWhose57thOperationFailsLeavesEveryItemUntouchedAndNamesIt(
            EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            Map<String, String> etags = seed(provider, 100);
            Map<String, Line> before = all(provider);
            List<CloudBatchOperation> operations = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String etag = i == 56 ? "stale-etag" : etags.get(id(i));
                operations.add(CloudBatchOperation.replace(new Line(id(i), -1), etag));
            }

            CloudBatchResult result = await(provider.executeBatch(PK, operations));

            assertThat(result.success()).isFalse();
            assertThat(result.firstFailureIndex()).hasValue(56);
            CloudOperationResult<Void> cause = result.operationResults().get(56);
            assertThat(cause.statusCode()).isEqualTo(412);
            assertThat(cause.isConcurrencyConflict()).isTrue();
            assertThat(cause.errorMessage())
                    .contains("operation 56")
                    .contains(id(56))
                    .contains("ETag does not match");
            assertThat(result.errorMessage()).contains("operation [56]");
            assertThat(result.operationResults())
                    .hasSize(100)
                    .filteredOn(r -> r != cause)
                    .allMatch(r -> !r.success() && r.statusCode() == 424);
            assertThat(all(provider)).isEqualTo(before);
            assertThat(etags)
                    .allSatisfy((id, etag) -> assertThat(await(provider.getById(id, PK, null, Line.class))
                                    .etag())
                            .isEqualTo(etag));
        }
    }

    @Test
    void cancellationReasonsTellConflictMissingAndStaleApart(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            Map<String, String> etags = seed(provider, 3);

            List<CloudOperationResult<Void>> results = await(provider.executeBatch(
                            PK,
                            List.of(
                                    CloudBatchOperation.create(new Line(id(0), 1)),
                                    CloudBatchOperation.replace(new Line("ghost", 1), null),
                                    CloudBatchOperation.delete(id(1), "stale"),
                                    CloudBatchOperation.patch("ghost-2", p -> p.set("quantity", 1), null),
                                    CloudBatchOperation.conditionCheck(
                                            id(2),
                                            Condition.attribute("quantity").isGreaterThan(100)),
                                    CloudBatchOperation.upsert(new Line("fine", 1)))))
                    .operationResults();

            assertThat(results)
                    .extracting(CloudOperationResult::statusCode)
                    .containsExactly(409, 404, 412, 404, 412, 424);
            assertThat(results.get(0).isConflict()).isTrue();
            assertThat(results.get(1).isNotFound()).isTrue();
            assertThat(await(provider.getById("fine", PK, null, Line.class)).isNotFound())
                    .isTrue();
            assertThat(await(provider.getById(id(1), PK, null, Line.class)).etag())
                    .isEqualTo(etags.get(id(1)));
        }
    }

    @Test
    void refusesOverLimitBatchesBeforeAnyRequest(EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector requests = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, requests)) {
            var provider = fixture.provider();
            int before = requests.totalRequests();
            List<CloudBatchOperation> tooMany = IntStream.range(0, 101)
                    .mapToObj(i -> CloudBatchOperation.create(new Line(id(i), 1)))
                    .toList();
            List<CloudBatchOperation> sameItemTwice = List.of(
                    CloudBatchOperation.create(new Line("a", 1)),
                    CloudBatchOperation.upsert(new Line("b", 1)),
                    CloudBatchOperation.delete("a", null));
            String big = "x".repeat(390_000);
            List<CloudBatchOperation> tooLarge = IntStream.range(0, 11)
                    .mapToObj(i -> CloudBatchOperation.upsert(new Line(id(i), "sku", 1, 0, big)))
                    .toList();
            List<CloudBatchOperation> oneTooLargeItem =
                    List.of(CloudBatchOperation.upsert(new Line("huge", "sku", 1, 0, "y".repeat(410_000))));

            assertThatThrownBy(() -> provider.executeBatch(PK, tooMany))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("101 operations")
                    .hasMessageContaining("at most 100");
            assertThatThrownBy(() -> provider.executeBatch(PK, sameItemTwice))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("operations 0 and 2")
                    .hasMessageContaining("'a'");
            assertThatThrownBy(() -> provider.executeBatch(PK, tooLarge))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("4 MB")
                    .hasMessageContaining("operation 10");
            assertThatThrownBy(() -> provider.executeBatch(PK, oneTooLargeItem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("operation 0")
                    .hasMessageContaining("400 KB");
            assertThatThrownBy(() -> provider.executeBatch(null, List.of(CloudBatchOperation.delete("a", null)), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names no partition");
            assertThatThrownBy(() -> provider.executeBatch(
                            PK, List.of(CloudBatchOperation.patch("a", p -> p.set("pk", "other"), null))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot change 'pk'");
            assertThatThrownBy(() ->
                            provider.executeBatch(PK, List.of(CloudBatchOperation.delete("a", null)), "t".repeat(37)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("idempotencyToken");
            assertThat(requests.totalRequests()).isEqualTo(before);
        }
    }

    @Test
    void emptyBatchSucceedsWithoutARequest(EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector requests = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, requests)) {
            int before = requests.totalRequests();

            CloudBatchResult result = await(fixture.provider().executeBatch(PK, List.of()));

            assertThat(result.success()).isTrue();
            assertThat(result.operationResults()).isEmpty();
            assertThat(requests.totalRequests()).isEqualTo(before);
        }
    }

    @Test
    void batchRetriedWithSameTokenAfterLostResponseAppliesOnce(EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, faults)) {
            var provider = fixture.provider();
            seed(provider, 1);
            List<CloudBatchOperation> operations = List.of(
                    CloudBatchOperation.create(new Line("created-once", 1)),
                    CloudBatchOperation.patch(id(0), p -> p.add("counter", 1), null));
            faults.failNextAfterDelivery(1, "TransactWriteItems", Fault.serverError());

            CloudBatchResult result = await(provider.executeBatch(PK, operations));

            assertThat(faults.requestCount("TransactWriteItems")).isEqualTo(2);
            assertThat(result.success()).isTrue();
            assertThat(result.operationResults()).allMatch(r -> r.statusCode() == 200);
            assertThat(await(provider.getById("created-once", PK, null, Line.class))
                            .etag())
                    .isEqualTo(result.operationResults().get(0).etag());
            assertThat(await(provider.getById(id(0), PK, null, Line.class))
                            .document()
                            .counter())
                    .isEqualTo(1);
        }
    }

    @Test
    void callerTokenMakesARepeatedBatchApplyOnce(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            seed(provider, 1);
            List<CloudBatchOperation> operations = List.of(
                    CloudBatchOperation.create(new Line("created-once", 1)),
                    CloudBatchOperation.patch(id(0), p -> p.add("counter", 5), null));

            CloudBatchResult first = await(provider.executeBatch(PK, operations, "order-1-submit"));
            CloudBatchResult repeated = await(provider.executeBatch(PK, operations, "order-1-submit"));

            assertThat(first.success()).isTrue();
            assertThat(repeated.success()).isTrue();
            assertThat(repeated.operationResults())
                    .extracting(CloudOperationResult::etag)
                    .containsExactlyElementsOf(first.operationResults().stream()
                            .map(CloudOperationResult::etag)
                            .toList());
            assertThat(await(provider.getById("created-once", PK, null, Line.class))
                            .etag())
                    .isEqualTo(first.operationResults().get(0).etag());
            assertThat(await(provider.getById(id(0), PK, null, Line.class))
                            .document()
                            .counter())
                    .isEqualTo(5);
            assertThat(await(provider.getById("created-once", PK, null, Line.class))
                            .success())
                    .isTrue();
        }
    }

    @Test
    void batchSpansPartitionsAndTables(EmbeddedDynamoDb db, @TestTableName String table) {
        String otherTable = table + "-archive";
        try (var fixture = TestProviders.open(db, table);
                var archive = TestProviders.open(db, otherTable)) {
            var provider = fixture.provider();
            PartitionKey other = PartitionKey.of("order-2");

            CloudBatchResult result = await(provider.executeBatch(
                    List.of(
                            CloudBatchOperation.create(new Line("a", 1)).inPartition(PK),
                            CloudBatchOperation.create(new Line("a", 2)).inPartition(other),
                            CloudBatchOperation.create(new Line("a", 3))
                                    .inPartition(PK)
                                    .inContainer(otherTable)),
                    null));

            assertThat(result.success()).isTrue();
            assertThat(await(provider.getById("a", PK, null, Line.class))
                            .document()
                            .quantity())
                    .isEqualTo(1);
            assertThat(await(provider.getById("a", other, null, Line.class))
                            .document()
                            .quantity())
                    .isEqualTo(2);
            assertThat(await(archive.provider().getById("a", PK, null, Line.class))
                            .document()
                            .quantity())
                    .isEqualTo(3);
        } finally {
            db.client().deleteTable(b -> b.tableName(otherTable));
        }
    }

    @Test
    void retriesATransactionConflictThenReportsItAs409(EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, o -> o.maxRetryAttempts(2), faults)) {
            var provider = fixture.provider();
            faults.failNext(2, "TransactWriteItems", Fault.transactionConflict());
            assertThat(await(provider.executeBatch(PK, List.of(CloudBatchOperation.upsert(new Line("a", 1)))))
                            .success())
                    .isTrue();

            faults.failNext(3, "TransactWriteItems", Fault.transactionConflict());
            CloudBatchResult conflicted =
                    await(provider.executeBatch(PK, List.of(CloudBatchOperation.upsert(new Line("b", 1)))));

            assertThat(conflicted.success()).isFalse();
            assertThat(conflicted.operationResults().get(0).statusCode()).isEqualTo(409);
            assertThat(conflicted.operationResults().get(0).errorMessage()).contains("another transaction");
            assertThat(await(provider.getById("b", PK, null, Line.class)).isNotFound())
                    .isTrue();
        }
    }

    private static String id(int i) {
        return String.format("line-%03d", i);
    }

    /** Creates lines line-000... with quantity = index; returns their ETags by id. */
    private static Map<String, String> seed(DynamoDbPersistenceProvider provider, int count) {
        Map<String, String> etags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            etags.put(id(i), await(provider.create(new Line(id(i), i), PK)).etag());
        }
        return etags;
    }

    private static Map<String, Line> all(DynamoDbPersistenceProvider provider) {
        return Collections.unmodifiableMap(
                provider.queryAll(CloudQuery.builder().partitionKey(PK).build(), Line.class)
                        .collect(Collectors.toMap(Line::id, Function.identity())));
    }
}
