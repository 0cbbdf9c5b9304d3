package dev.excalibur.dynamodb.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

@ExtendWith(EmbeddedDynamoDbExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDynamoDbExtensionTest {

    private static String firstTestsTable;
    private String tableFromBeforeEach;

    @BeforeEach
    void rememberTable(@TestTableName String table) {
        tableFromBeforeEach = table;
    }

    @Test
    @Order(1)
    void oneTableNamePerTestCreatedByTheTest(@TestTableName String table, DynamoDbClient client) {
        assertThat(table).isEqualTo(tableFromBeforeEach).contains("EmbeddedDynamoDbExtensionTest_oneTableNamePerTest");
        Tables.createWithStream(client, table);
        firstTestsTable = table;
        assertThat(client.listTables().tableNames()).contains(table);
    }

    @Test
    @Order(2)
    void eachTestGetsAnotherNameAndTheLastTestsTableIsGone(@TestTableName String table, DynamoDbClient client) {
        assertThat(table).isEqualTo(tableFromBeforeEach).isNotEqualTo(firstTestsTable);
        assertThat(client.listTables().tableNames()).doesNotContain(firstTestsTable);
    }

    @Test
    @Order(3)
    void resolvesTheSharedEngineAndItsClients(
            EmbeddedDynamoDb db,
            DynamoDbClient client,
            DynamoDbAsyncClient async,
            DynamoDbStreamsClient streams,
            DynamoDbStreamsAsyncClient streamsAsync) {
        assertThat(db).isSameAs(EmbeddedDynamoDb.shared());
        assertThat(client).isSameAs(db.client());
        assertThat(async).isSameAs(db.asyncClient());
        assertThat(streams).isSameAs(db.streamsClient());
        assertThat(streamsAsync).isSameAs(db.streamsAsyncClient());
        assertThat(streams.listStreams().streams()).isNotNull();
    }
}
