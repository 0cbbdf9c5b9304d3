package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** What {@code testConnection} promises, and the table descriptions health checks are built on. */
@ExtendWith(EmbeddedDynamoDbExtension.class)
class HealthTest {

    @Test
    void testConnectionChecksTheProvidersOwnTableSoAStoreTableNotCreatedYetDoesNotFailIt(
            EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbGrantStore unused = fixture.provider().grantStore(o -> o.tableName(table + "_grants"));

            assertThat(await(fixture.provider().testConnection())).isTrue();
            assertThat(db.client().listTables().tableNames()).doesNotContain(unused.tableName());
        }
    }

    @Test
    void testConnectionIsFalseWhenTheProvidersTableIsMissingAndMayNotBeCreated(
            EmbeddedDynamoDb db, @TestTableName String table) {
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient())
                .options(o -> o.tableName(table))
                .build()) {
            assertThat(await(provider.testConnection())).isFalse();
        }
    }

    @Test
    void describeTablesGivesEachStatusInOrderAndNullForAMissingTable(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            String missing = table + "_missing";

            var statuses = await(fixture.provider().describeTables(List.of(missing, table)));

            assertThat(statuses.keySet()).containsExactly(missing, table);
            assertThat(statuses.get(missing)).isNull();
            assertThat(statuses.get(table)).isEqualTo(TableStatus.ACTIVE);
            assertThat(db.client().listTables().tableNames()).doesNotContain(missing);
        }
    }

    @Test
    void describeTablesRefusesABlankNameBeforeAnyCall(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            assertThatThrownBy(() -> fixture.provider().describeTables(Arrays.asList(table, " ")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tableNames");
        }
    }
}
