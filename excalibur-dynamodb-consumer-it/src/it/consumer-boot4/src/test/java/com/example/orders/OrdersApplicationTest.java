package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.codec.jackson3.Jackson3DocumentCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The service's first test: the starter's provider on the embedded engine, one document written and read back. */
@SpringBootTest(properties = "excalibur.dynamodb.embedded=true")
class OrdersApplicationTest {

    record Order(String id, String customer, List<String> items, long totalCents) {}

    @Autowired
    DynamoDbPersistenceProvider provider;

    @Test
    void theStartersProviderStoresDocumentsWithJackson3() {
        PartitionKey customer = PartitionKey.of("CUSTOMER#42");
        Order order = new Order("ORDER#1", "Ada", List.of("book", "lamp"), 12_990);

        CloudOperationResult<Order> created = provider.create(order, customer).join();
        CloudOperationResult<Order> read = provider.getById(
                        "ORDER#1", customer, ConsistencyOptions.strong(), Order.class)
                .join();

        assertThat(provider.documentCodec()).isInstanceOf(Jackson3DocumentCodec.class);
        assertThat(created.statusCode()).as(created.errorMessage()).isEqualTo(200);
        assertThat(read.document()).isEqualTo(order);
        assertThat(read.etag()).isEqualTo(created.etag());
    }
}
