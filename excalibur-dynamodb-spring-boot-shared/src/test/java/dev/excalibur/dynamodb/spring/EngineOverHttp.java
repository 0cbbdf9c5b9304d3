package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;

/** An engine of a test's own, served over HTTP on a loopback port: where a connection under test must lead. */
final class EngineOverHttp implements AutoCloseable {

    record Order(String id, String status) {}

    /** A connection with static keys. */
    record Connection(String getEndpoint, String getRegion, String getAccessKey, String getSecretKey)
            implements DynamoDbConnectionDetails {}

    private final DynamoDbEngine engine = DynamoDbEngine.create();
    private final DynamoDbEngineServer server =
            DynamoDbEngineServer.create(engine, 0).start();

    String endpoint() {
        return server.endpoint().toString();
    }

    /** A connection to this engine in the given region. */
    DynamoDbConnectionDetails connection(String region) {
        return new Connection(endpoint(), region, "key", "secret");
    }

    /** The provider writes and reads an order in table Orders, and this engine holds it. */
    void assertTheProviderWorksHere(DynamoDbPersistenceProvider provider) {
        PartitionKey customer = PartitionKey.of("customer-1");
        assertThat(provider.create(new Order("o-1", "PLACED"), customer).join().success())
                .isTrue();
        assertThat(provider.getById("o-1", customer, null, Order.class).join().document())
                .isEqualTo(new Order("o-1", "PLACED"));
        assertThat(server.client().scan(scan -> scan.tableName("Orders")).count())
                .isEqualTo(1);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
