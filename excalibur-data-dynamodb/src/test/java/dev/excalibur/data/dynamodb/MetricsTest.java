package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.authorization.Grant;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.batch.CloudBatchOperation;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import dev.excalibur.data.snapshots.Snapshot;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.Fault;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.TestTableName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class MetricsTest {

    private static final PartitionKey PK = PartitionKey.of("metrics");

    private static DynamoDbPersistenceProvider provider(
            EmbeddedDynamoDb db,
            String table,
            FaultInjector faults,
            java.util.function.Consumer<DynamoDbPersistenceProvider.Builder> registries) {
        DynamoDbPersistenceProvider.Builder builder = DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient(faults))
                .streamsClient(db.streamsAsyncClient())
                .options(o -> o.tableName(table)
                        .createTablesIfMissing(true)
                        .maxRetryAttempts(2)
                        .retryBaseDelay(Duration.ofMillis(1)));
        registries.accept(builder);
        DynamoDbPersistenceProvider provider = builder.build();
        await(provider.initialize());
        return provider;
    }

    private static long count(SimpleMeterRegistry meters, String operation, String outcome) {
        var timer = meters.find(OperationMetrics.OPERATION)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void everyOutcomeIsTimedPerOperationWithCapacityAndRetries(EmbeddedDynamoDb db, @TestTableName String table) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FaultInjector faults = FaultInjector.create();
        try (DynamoDbPersistenceProvider provider = provider(db, table, faults, b -> b.meterRegistry(meters))) {
            String etag =
                    await(provider.create(new TestDocument("a", "x", 1), PK)).etag();
            await(provider.create(new TestDocument("a", "x", 1), PK));
            await(provider.update(new TestDocument("a", "y", 2), PK, "stale"));
            await(provider.update(new TestDocument("a", "y", 2), PK, etag));
            await(provider.getById("missing", PK, null, TestDocument.class));
            await(provider.query(CloudQuery.of(q -> q.partitionKey(PK)), TestDocument.class));
            await(provider.executeBatch(PK, List.of(CloudBatchOperation.create(new TestDocument("a", "z", 3)))));
            await(provider.bulkWrite(List.of(BulkWrite.put(PK, new TestDocument("b", "x", 1)))));
            faults.failNext(3, "GetItem", Fault.throttling());
            assertThatThrownBy(() -> await(provider.getById("a", PK, null, TestDocument.class)))
                    .isInstanceOf(DynamoDbPersistenceException.class);
            faults.failNext(1, "DeleteItem", Fault.validation("refused by the service"));
            assertThatThrownBy(() -> await(provider.delete("a", PK, null)))
                    .isInstanceOf(DynamoDbPersistenceException.class);

            assertThat(count(meters, "create", "success")).isEqualTo(1);
            assertThat(count(meters, "create", "conflict")).isEqualTo(1);
            assertThat(count(meters, "update", "precondition")).isEqualTo(1);
            assertThat(count(meters, "update", "success")).isEqualTo(1);
            assertThat(count(meters, "getById", "not_found")).isEqualTo(1);
            assertThat(count(meters, "query", "success")).isEqualTo(1);
            assertThat(count(meters, "executeBatch", "conflict")).isEqualTo(1);
            assertThat(count(meters, "bulkWrite", "success")).isEqualTo(1);
            assertThat(count(meters, "getById", "throttled")).isEqualTo(1);
            assertThat(count(meters, "delete", "error")).isEqualTo(1);
            assertThat(meters.find(OperationMetrics.OPERATION)
                            .tag("table", table)
                            .timers())
                    .isNotEmpty();
            assertThat(meters.get(OperationMetrics.CAPACITY)
                            .tag("operation", "create")
                            .summary()
                            .totalAmount())
                    .isPositive();
            assertThat(meters.get(OperationMetrics.RETRIES).counter().count()).isEqualTo(2);
        }
    }

    @Test
    void anObservationRegistryReceivesOneObservationPerOperationWithItsOutcome(
            EmbeddedDynamoDb db, @TestTableName String table) {
        List<String> seen = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                seen.add(context.getName() + " "
                        + context.getLowCardinalityKeyValue("operation").getValue() + " "
                        + context.getLowCardinalityKeyValue("outcome").getValue());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        try (DynamoDbPersistenceProvider provider =
                provider(db, table, FaultInjector.create(), b -> b.observationRegistry(observations))) {
            await(provider.create(new TestDocument("o", "x", 1), PK));
            await(provider.delete("o", PK, "stale"));

            assertThat(seen)
                    .containsExactly(
                            "excalibur.dynamodb.operation create success",
                            "excalibur.dynamodb.operation delete precondition");
        }
    }

    @Test
    void countAndBulkGetAreTimedOncePerCallWithTheirOperationAndTableTags(
            EmbeddedDynamoDb db, @TestTableName String table) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DynamoDbPersistenceProvider provider =
                provider(db, table, FaultInjector.create(), b -> b.meterRegistry(meters))) {
            await(provider.create(new TestDocument("a", "x", 1), PK));
            await(provider.create(new TestDocument("b", "x", 2), PK));

            assertThat(await(provider.count(CloudQuery.of(q -> q.partitionKey(PK)))))
                    .isEqualTo(2);
            assertThat(await(provider.bulkGet(PK, List.of("a", "b", "missing"), null, TestDocument.class))
                            .documents())
                    .containsOnlyKeys("a", "b");

            var count = meters.get(OperationMetrics.OPERATION)
                    .tag("operation", "count")
                    .timer();
            assertThat(count.getId().getTag("table")).isEqualTo(table);
            assertThat(count.getId().getTag("outcome")).isEqualTo("success");
            assertThat(count.count()).isEqualTo(1);
            var bulkGet = meters.get(OperationMetrics.OPERATION)
                    .tag("operation", "bulkGet")
                    .timer();
            assertThat(bulkGet.getId().getTag("table")).isEqualTo(table);
            assertThat(bulkGet.getId().getTag("outcome")).isEqualTo("success");
            assertThat(bulkGet.count()).isEqualTo(1);
            assertThat(meters.get(OperationMetrics.CAPACITY)
                            .tag("operation", "bulkGet")
                            .tag("table", table)
                            .summary()
                            .totalAmount())
                    .isPositive();
        }
    }

    @Test
    void aCountOverManyPagesIsTimedAsOneCall(EmbeddedDynamoDb db, @TestTableName String table) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FaultInjector faults = FaultInjector.create();
        try (DynamoDbPersistenceProvider provider = provider(db, table, faults, b -> b.meterRegistry(meters))) {
            for (int i = 0; i < 5; i++) {
                await(provider.create(new TestDocument("d" + i, "x", i), PK));
            }
            faults.reset();

            assertThat(await(
                            provider.count(CloudQuery.of(q -> q.partitionKey(PK).limit(2)))))
                    .isEqualTo(5);

            assertThat(faults.requestCount("Query")).as("pages read").isGreaterThan(1);
            assertThat(count(meters, "count", "success")).isEqualTo(1);
        }
    }

    /**
     * {@code failed}: the call answered, reporting items that still failed (a bulk write or read
     * with failures); {@code error}: the call itself failed (its future completed exceptionally).
     */
    @Test
    void bulkCallsThatReportFailedItemsEndFailedNotError(EmbeddedDynamoDb db, @TestTableName String table) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FaultInjector faults = FaultInjector.create();
        try (DynamoDbPersistenceProvider provider = provider(db, table, faults, b -> b.meterRegistry(meters))) {
            await(provider.create(new TestDocument("a", "x", 1), PK));
            faults.failNext(1, "BatchWriteItem", Fault.validation("refused by the service"));
            faults.failNext(1, "BatchGetItem", Fault.validation("refused by the service"));

            BulkWriteResult written =
                    await(provider.bulkWrite(List.of(BulkWrite.put(PK, new TestDocument("b", "x", 1)))));
            BulkGetResult<TestDocument> read = await(provider.bulkGet(PK, List.of("a"), null, TestDocument.class));

            assertThat(written.failures()).hasSize(1);
            assertThat(read.failures()).hasSize(1);
            assertThat(count(meters, "bulkWrite", "failed")).isEqualTo(1);
            assertThat(count(meters, "bulkGet", "failed")).isEqualTo(1);
            assertThat(count(meters, "bulkWrite", "error")).isZero();
            assertThat(count(meters, "bulkGet", "error")).isZero();
            assertThat(count(meters, "bulkWrite", "success")).isZero();
            assertThat(count(meters, "bulkGet", "success")).isZero();
            assertThat(meters.get(OperationMetrics.OPERATION)
                            .tag("outcome", "failed")
                            .timers())
                    .allSatisfy(
                            timer -> assertThat(timer.getId().getTag("table")).isEqualTo(table));
        }
    }

    @Test
    void snapshotAndGrantOperationsAreTimedOnTheirOwnTablesWithTheirOutcome(
            EmbeddedDynamoDb db, @TestTableName String table) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FaultInjector faults = FaultInjector.create();
        try (DynamoDbPersistenceProvider provider = provider(db, table, faults, b -> b.meterRegistry(meters))) {
            DynamoDbSnapshotStore snapshots = provider.snapshotStore(o -> o.tableName(table + "_snapshots"));
            DynamoDbGrantStore grants = provider.grantStore(o -> o.tableName(table + "_grants"));

            assertThat(await(snapshots.saveSnapshot(Snapshot.of("order-1", "Order", 1, new byte[] {1}))))
                    .isTrue();
            assertThat(await(snapshots.getLatestSnapshot("order-1", "Order"))).isPresent();
            await(grants.saveGrant(new Grant("u", null, null, "Role", "manager", null, "admin", Instant.now())));
            faults.failNext(1, "GetItem", Fault.validation("refused by the service"));
            assertThatThrownBy(() -> await(grants.getGrant("u", null, "Role", "manager")))
                    .isInstanceOfSatisfying(
                            DynamoDbPersistenceException.class,
                            e -> assertThat(e.operation()).isEqualTo("getGrant"));

            var saved = meters.get(OperationMetrics.OPERATION)
                    .tag("operation", "saveSnapshot")
                    .timer();
            assertThat(saved.getId().getTag("table")).isEqualTo(table + "_snapshots");
            assertThat(saved.getId().getTag("outcome")).isEqualTo("success");
            assertThat(saved.count()).isEqualTo(1);
            assertThat(count(meters, "getLatestSnapshot", "success")).isEqualTo(1);
            assertThat(count(meters, "saveGrant", "success")).isEqualTo(1);
            var failed = meters.get(OperationMetrics.OPERATION)
                    .tag("operation", "getGrant")
                    .timer();
            assertThat(failed.getId().getTag("table")).isEqualTo(table + "_grants");
            assertThat(failed.getId().getTag("outcome")).isEqualTo("error");
            assertThat(failed.count()).isEqualTo(1);
        }
    }
}
