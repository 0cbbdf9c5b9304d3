package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class ProvisioningTest {

    @Test
    @SuppressWarnings("try") // the fixture is opened for the table it creates and closed after the checks
    void missingTableIsCreatedOnDemandWithStreamAndTtlAndIsActive(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(
                db, table, o -> o.streamViewType(StreamViewType.NEW_IMAGE).ttlAttribute("expiresAt"))) {
            TableDescription created =
                    db.client().describeTable(b -> b.tableName(table)).table();
            assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(created.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(created.keySchema())
                    .extracting(k -> k.attributeName() + ":" + k.keyType())
                    .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
            assertThat(created.attributeDefinitions()).allMatch(a -> a.attributeType() == ScalarAttributeType.S);
            assertThat(created.streamSpecification().streamEnabled()).isTrue();
            assertThat(created.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
            var ttl = db.client().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
            assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        }
    }

    @Test
    @SuppressWarnings("try") // the fixture is opened for the table it creates and closed after the checks
    void noStreamWhenStreamViewTypeIsNull(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table, o -> o.streamViewType(null))) {
            TableDescription created =
                    db.client().describeTable(b -> b.tableName(table)).table();
            assertThat(created.streamSpecification() == null
                            || !created.streamSpecification().streamEnabled())
                    .isTrue();
        }
    }

    @Test
    void missingTableWithoutCreationIsAClearError(EmbeddedDynamoDb db, @TestTableName String table) {
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient())
                .options(o -> o.tableName(table))
                .build()) {
            assertThatThrownBy(() -> await(provider.initialize()))
                    .isInstanceOf(TableNotFoundException.class)
                    .hasMessageContaining("table '" + table + "' does not exist")
                    .hasMessageContaining("enable createTablesIfMissing");
            assertThatThrownBy(() -> await(provider.getById("a", PartitionKey.of("p"), null, TestDocument.class)))
                    .isInstanceOf(TableNotFoundException.class);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void existingTableWithAnotherKeySchemaIsAClearError(EmbeddedDynamoDb db, @TestTableName String table) {
        DynamoDbClient raw = db.client();
        raw.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient())
                .options(o -> o.tableName(table).createTablesIfMissing(true))
                .build()) {
            assertThatThrownBy(() -> await(provider.initialize()))
                    .isInstanceOf(DynamoDbPersistenceException.class)
                    .hasMessageContaining("has key schema id (S, HASH)")
                    .hasMessageContaining("expects pk (S, HASH) + sk (S, RANGE)");
        }
    }

    @Test
    void existingMatchingTableIsUsedAsIs(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var first = TestProviders.open(db, table)) {
            await(first.provider().create(new TestDocument("kept", "n", 1), PartitionKey.of("p")));
        }
        try (var second = TestProviders.open(db, table, o -> o.createTablesIfMissing(false))) {
            assertThat(await(second.provider().getById("kept", PartitionKey.of("p"), null, TestDocument.class))
                            .success())
                    .isTrue();
        }
    }
}
