package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
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

    private final EngineOverHttp engine = new EngineOverHttp();

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
                    "spring.cloud.aws.dynamodb.endpoint=" + engine.endpoint());

    @AfterEach
    void stopTheEngine() {
        engine.close();
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
            engine.assertTheProviderWorksHere(provider);
        });
    }

    @Test
    void theStartersOwnConnectionPropertiesTurnSpringCloudAwsOff() {
        runner.withPropertyValues(
                        "excalibur.dynamodb.endpoint=" + engine.endpoint(),
                        "excalibur.dynamodb.region=us-west-2",
                        "excalibur.dynamodb.access-key=key",
                        "excalibur.dynamodb.secret-key=secret")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DynamoDbAsyncClient.class);
                    DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
                    assertThat(provider.client().serviceClientConfiguration().region())
                            .isEqualTo(Region.US_WEST_2);
                    engine.assertTheProviderWorksHere(provider);
                });
    }

    @Test
    void aConnectionDetailsBeanOfTheApplicationTurnsSpringCloudAwsOff() {
        runner.withBean(DynamoDbConnectionDetails.class, () -> engine.connection("us-west-2"))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DynamoDbAsyncClient.class);
                    engine.assertTheProviderWorksHere(context.getBean(DynamoDbPersistenceProvider.class));
                });
    }
}
