package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** What a user's first test looks like: the provider on the kit's client, one document written and read back. */
@ExtendWith(EmbeddedDynamoDbExtension.class)
class OrderStoreTest {

    record Order(String id, String customer, List<String> items, long totalCents) {}

    @Test
    void createdOrderIsReadBack(DynamoDbAsyncClient client, @TestTableName String table) {
        PartitionKey customer = PartitionKey.of("CUSTOMER#42", "/pk");
        Order order = new Order("ORDER#1", "Ada", List.of("book", "lamp"), 12_990);

        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client)
                .options(o -> o.tableName(table).createTablesIfMissing(true))
                .build()) {
            provider.initialize().join();

            CloudOperationResult<Order> created =
                    provider.create(order, customer).join();
            CloudOperationResult<Order> read = provider.getById(
                            "ORDER#1", customer, ConsistencyOptions.strong(), Order.class)
                    .join();

            assertEquals(200, created.statusCode(), created::errorMessage);
            assertEquals(200, read.statusCode(), read::errorMessage);
            assertEquals(order, read.document());
            assertEquals(created.etag(), read.etag());
        }
    }
}
