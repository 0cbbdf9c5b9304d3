package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The provider's clients connect where the context's {@link DynamoDbConnectionDetails} bean says. */
class DynamoDbConnectionDetailsTest {

    record Order(String id, String status) {}

    private static final PartitionKey CUSTOMER = PartitionKey.of("customer-1");

    private final DynamoDbEngine engine = DynamoDbEngine.create();
    private final DynamoDbEngineServer server =
            DynamoDbEngineServer.create(engine, 0).start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ExcaliburDynamoDbAutoConfiguration.class))
            .withPropertyValues(
                    "excalibur.dynamodb.table-name=Orders", "excalibur.dynamodb.create-tables-if-missing=true");

    @AfterEach
    void stopTheEngine() {
        server.close();
        engine.close();
    }

    /** The provider writes and reads an order, and the engine behind the server holds it. */
    private void assertTheProviderWorksOnTheServer(DynamoDbPersistenceProvider provider) {
        assertThat(provider.create(new Order("o-1", "PLACED"), CUSTOMER).join().success())
                .isTrue();
        assertThat(provider.getById("o-1", CUSTOMER, null, Order.class).join().document())
                .isEqualTo(new Order("o-1", "PLACED"));
        assertThat(server.client().scan(scan -> scan.tableName("Orders")).count())
                .isEqualTo(1);
    }

    @Test
    void aConnectionDetailsBeanOverridesThePropertiesAndTheProviderReadsAndWritesThere() {
        DynamoDbConnectionDetails toTheServer = new DynamoDbConnectionDetails() {
            @Override
            public String getEndpoint() {
                return server.endpoint().toString();
            }

            @Override
            public String getRegion() {
                return "eu-west-1";
            }

            @Override
            public String getAccessKey() {
                return "key";
            }

            @Override
            public String getSecretKey() {
                return "secret";
            }
        };
        runner.withBean(DynamoDbConnectionDetails.class, () -> toTheServer)
                // properties that point nowhere: were they used, no call would succeed
                .withPropertyValues(
                        "excalibur.dynamodb.endpoint=http://127.0.0.1:9",
                        "excalibur.dynamodb.region=us-west-2",
                        "excalibur.dynamodb.access-key=unused",
                        "excalibur.dynamodb.secret-key=unused")
                .run(context -> {
                    assertThat(context).getBean(DynamoDbConnectionDetails.class).isSameAs(toTheServer);
                    DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
                    assertThat(provider.options().region()).isEqualTo("eu-west-1");
                    assertThat(provider.options().accessKey()).isEqualTo("key");
                    assertTheProviderWorksOnTheServer(provider);
                });
    }

    @Test
    void withoutABeanTheConnectionIsThePropertiesOne() {
        runner.withPropertyValues(
                        "excalibur.dynamodb.endpoint=" + server.endpoint(),
                        "excalibur.dynamodb.region=eu-west-1",
                        "excalibur.dynamodb.access-key=key",
                        "excalibur.dynamodb.secret-key=secret")
                .run(context -> {
                    DynamoDbConnectionDetails connection = context.getBean(DynamoDbConnectionDetails.class);
                    assertThat(connection.getEndpoint())
                            .isEqualTo(server.endpoint().toString());
                    assertThat(connection.getRegion()).isEqualTo("eu-west-1");
                    assertThat(connection.getAccessKey()).isEqualTo("key");
                    assertThat(connection.getSecretKey()).isEqualTo("secret");
                    assertTheProviderWorksOnTheServer(context.getBean(DynamoDbPersistenceProvider.class));
                });
    }
}
