package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/** With Spring Cloud AWS, and no connection settings of the starter's own, its clients come from spring.cloud.aws.*. */
class SpringCloudAwsClientsTest {

    record Order(String id, String status) {}

    private static final PartitionKey CUSTOMER = PartitionKey.of("customer-1");

    private final DynamoDbEngine engine = DynamoDbEngine.create();
    private final DynamoDbEngineServer server =
            DynamoDbEngineServer.create(engine, 0).start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class,
                    AwsAutoConfiguration.class,
                    ExcaliburDynamoDbSpringCloudAwsAutoConfiguration.class,
                    ExcaliburDynamoDbAutoConfiguration.class))
            .withPropertyValues(
                    "excalibur.dynamodb.table-name=Orders",
                    "excalibur.dynamodb.create-tables-if-missing=true",
                    "spring.cloud.aws.region.static=eu-central-1",
                    "spring.cloud.aws.credentials.access-key=key",
                    "spring.cloud.aws.credentials.secret-key=secret",
                    "spring.cloud.aws.dynamodb.endpoint=" + server.endpoint());

    @AfterEach
    void stopTheEngine() {
        server.close();
        engine.close();
    }

    private void assertTheProviderWorksOnTheServer(DynamoDbPersistenceProvider provider) {
        assertThat(provider.create(new Order("o-1", "PLACED"), CUSTOMER).join().success())
                .isTrue();
        assertThat(provider.getById("o-1", CUSTOMER, null, Order.class).join().document())
                .isEqualTo(new Order("o-1", "PLACED"));
        assertThat(server.client().scan(scan -> scan.tableName("Orders")).count())
                .isEqualTo(1);
    }

    @Test
    void theProviderRunsOnClientsThatSpringCloudAwsConfigured() {
        runner.run(context -> {
            DynamoDbAsyncClient client = context.getBean(DynamoDbAsyncClient.class);
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(context.getBean(DynamoDbStreamsAsyncClient.class)
                            .serviceClientConfiguration()
                            .region())
                    .isEqualTo(Region.EU_CENTRAL_1);
            DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
            assertThat(provider.client()).isSameAs(client);
            assertTheProviderWorksOnTheServer(provider);
        });
    }

    @Test
    void theStartersOwnConnectionPropertiesTurnSpringCloudAwsOff() {
        runner.withPropertyValues(
                        "excalibur.dynamodb.endpoint=" + server.endpoint(),
                        "excalibur.dynamodb.region=us-west-2",
                        "excalibur.dynamodb.access-key=key",
                        "excalibur.dynamodb.secret-key=secret")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DynamoDbAsyncClient.class);
                    DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
                    assertThat(provider.client().serviceClientConfiguration().region())
                            .isEqualTo(Region.US_WEST_2);
                    assertTheProviderWorksOnTheServer(provider);
                });
    }

    @Test
    void aConnectionDetailsBeanOfTheApplicationTurnsSpringCloudAwsOff() {
        runner.withBean(DynamoDbConnectionDetails.class, () -> new DynamoDbConnectionDetails() {
                    @Override
                    public String getEndpoint() {
                        return server.endpoint().toString();
                    }

                    @Override
                    public String getRegion() {
                        return "us-west-2";
                    }

                    @Override
                    public String getAccessKey() {
                        return "key";
                    }

                    @Override
                    public String getSecretKey() {
                        return "secret";
                    }
                })
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DynamoDbAsyncClient.class);
                    assertTheProviderWorksOnTheServer(context.getBean(DynamoDbPersistenceProvider.class));
                });
    }
}
