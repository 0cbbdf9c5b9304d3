package dev.excalibur.dynamodb.spring.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import dev.excalibur.dynamodb.spring.DynamoDbConnectionDetails;
import dev.excalibur.dynamodb.spring.test.DynamoDbTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@DynamoDbTest(properties = {"excalibur.dynamodb.table-name=SliceOrders", "excalibur.dynamodb.snapshots.enabled=true"})
class DynamoDbTestSliceTest {

    record Order(String id, String status) {}

    @Autowired
    private ApplicationContext context;

    @Autowired
    private DynamoDbPersistenceProvider provider;

    @Autowired
    private DynamoDbConnectionDetails connection;

    @Test
    void theProviderReadsAndWritesOnTheEngineServedForTheContext() {
        URI endpoint = URI.create(connection.getEndpoint());
        assertThat(endpoint.getScheme()).isEqualTo("http");
        assertThat(endpoint.getHost()).isIn("127.0.0.1", "localhost");
        assertThat(provider.options().serviceUrl()).isEqualTo(endpoint);

        PartitionKey customer = PartitionKey.of("customer-1");
        assertThat(provider.create(new Order("o-1", "PLACED"), customer).join().success())
                .isTrue();
        assertThat(provider.getById("o-1", customer, null, Order.class).join().document())
                .isEqualTo(new Order("o-1", "PLACED"));
    }

    @Test
    void theApplicationsServicesAndOtherAutoConfigurationsAreLeftOut() {
        assertThat(context.getBeanNamesForType(OrderService.class)).isEmpty();
        assertThat(context.containsBean("dynamoDbHealthIndicator")).isFalse();
    }

    @Test
    void theSlicesPropertiesApply() {
        assertThat(provider.options().tableName()).isEqualTo("SliceOrders");
        assertThat(context.getBeanNamesForType(DynamoDbSnapshotStore.class)).hasSize(1);
    }
}
