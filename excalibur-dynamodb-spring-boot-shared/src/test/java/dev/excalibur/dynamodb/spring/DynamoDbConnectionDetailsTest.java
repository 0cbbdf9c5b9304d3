package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The provider's clients connect where the context's {@link DynamoDbConnectionDetails} bean says. */
class DynamoDbConnectionDetailsTest {

    private final EngineOverHttp engine = new EngineOverHttp();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ExcaliburDynamoDbAutoConfiguration.class))
            .withPropertyValues(
                    "excalibur.dynamodb.table-name=Orders", "excalibur.dynamodb.create-tables-if-missing=true");

    @AfterEach
    void stopTheEngine() {
        engine.close();
    }

    @Test
    void aConnectionDetailsBeanOverridesThePropertiesAndTheProviderReadsAndWritesThere() {
        DynamoDbConnectionDetails toTheEngine = engine.connection("eu-west-1");
        runner.withBean(DynamoDbConnectionDetails.class, () -> toTheEngine)
                // properties that point nowhere: were they used, no call would succeed
                .withPropertyValues(
                        "excalibur.dynamodb.endpoint=http://127.0.0.1:9",
                        "excalibur.dynamodb.region=us-west-2",
                        "excalibur.dynamodb.access-key=unused",
                        "excalibur.dynamodb.secret-key=unused")
                .run(context -> {
                    assertThat(context).getBean(DynamoDbConnectionDetails.class).isSameAs(toTheEngine);
                    DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
                    assertThat(provider.options().region()).isEqualTo("eu-west-1");
                    assertThat(provider.options().accessKey()).isEqualTo("key");
                    engine.assertTheProviderWorksHere(provider);
                });
    }

    @Test
    void withoutABeanTheConnectionIsThePropertiesOne() {
        runner.withPropertyValues(
                        "excalibur.dynamodb.endpoint=" + engine.endpoint(),
                        "excalibur.dynamodb.region=eu-west-1",
                        "excalibur.dynamodb.access-key=key",
                        "excalibur.dynamodb.secret-key=secret")
                .run(context -> {
                    DynamoDbConnectionDetails connection = context.getBean(DynamoDbConnectionDetails.class);
                    assertThat(connection.getEndpoint()).isEqualTo(engine.endpoint());
                    assertThat(connection.getRegion()).isEqualTo("eu-west-1");
                    assertThat(connection.getAccessKey()).isEqualTo("key");
                    assertThat(connection.getSecretKey()).isEqualTo("secret");
                    engine.assertTheProviderWorksHere(context.getBean(DynamoDbPersistenceProvider.class));
                });
    }
}
