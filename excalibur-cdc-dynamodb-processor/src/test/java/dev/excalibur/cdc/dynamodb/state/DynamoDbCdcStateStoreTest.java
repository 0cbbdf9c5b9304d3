package dev.excalibur.cdc.dynamodb.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoDbCdcStateStoreTest {

    private final EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();

    @Test
    void theBuilderRefusesBadSettingsListingEveryProblem() {
        assertThatThrownBy(() -> DynamoDbCdcStateStore.builder()
                        .tableName("x")
                        .clock(null)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidOptionsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "client (DynamoDbAsyncClient) is required",
                                        "tableName must have 3 to 255 characters but was x",
                                        "clock is required"));
    }

    @Test
    void aMissingTableIsCreatedOnFirstUseByDefault() {
        String table = db.newTableName("CdcState");
        DynamoDbCdcStateStore store = storeOn(table).build();

        assertThat(store.shards("p")).isEmpty();
        assertThat(db.client().describeTable(b -> b.tableName(table)).table().keySchema())
                .extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("processor:HASH", "shard:RANGE");
    }

    @Test
    void aMissingTableIsTheServicesErrorWhenCreationIsOff() {
        String table = db.newTableName("CdcState");
        DynamoDbCdcStateStore store = storeOn(table).createTableIfMissing(false).build();

        assertThatThrownBy(() -> store.shards("p"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("table '" + table + "' does not exist");
        assertThat(db.client().listTables().tableNames()).doesNotContain(table);
    }

    private DynamoDbCdcStateStore.Builder storeOn(String table) {
        return DynamoDbCdcStateStore.builder().client(db.asyncClient()).tableName(table);
    }
}
