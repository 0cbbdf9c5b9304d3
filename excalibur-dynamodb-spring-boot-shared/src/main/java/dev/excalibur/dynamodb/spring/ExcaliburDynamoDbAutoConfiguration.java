package dev.excalibur.dynamodb.spring;

import static dev.excalibur.dynamodb.spring.PropertyValues.ifSet;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The provider, from {@code excalibur.dynamodb.*}. A {@link DynamoDbAsyncClient} (or
 * {@link DynamoDbStreamsAsyncClient}) bean of the application is used and never closed here;
 * without one the provider builds and owns its clients, connected as the context's
 * {@link DynamoDbConnectionDetails} bean says (by default from {@code excalibur.dynamodb.endpoint},
 * {@code region}, {@code access-key} and {@code secret-key}; a bean of the application replaces
 * those). A {@link DynamoDbPersistenceProvider} bean of the application replaces this one. With {@code excalibur.dynamodb.embedded=true} (development
 * and tests only) the provider runs on the in-process embedded engine instead. The context's meter and
 * observation registries (after Boot's auto-configuration of them; one bean of each type, or the primary
 * one, else none) receive the provider's timers and observations. Documents are mapped by the context's
 * {@code DocumentCodec} bean (see {@link ExcaliburDocumentCodecAutoConfiguration}).
 * Invalid properties fail the start-up with one message listing every problem.
 */
@AutoConfiguration(
        after = ExcaliburDocumentCodecAutoConfiguration.class,
        afterName = {
            MicrometerAutoConfigurations.METRICS,
            MicrometerAutoConfigurations.COMPOSITE_METER_REGISTRY,
            MicrometerAutoConfigurations.SIMPLE_METRICS_EXPORT,
            MicrometerAutoConfigurations.OBSERVATION
        })
@EnableConfigurationProperties(ExcaliburDynamoDbProperties.class)
public class ExcaliburDynamoDbAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DynamoDbConnectionDetails excaliburDynamoDbConnectionDetails(ExcaliburDynamoDbProperties properties) {
        return new PropertiesDynamoDbConnectionDetails(properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbPersistenceProvider excaliburDynamoDbProvider(
            ExcaliburDynamoDbProperties properties,
            DynamoDbConnectionDetails connection,
            ObjectProvider<DynamoDbAsyncClient> client,
            ObjectProvider<DynamoDbStreamsAsyncClient> streamsClient,
            ObjectProvider<DocumentCodec> documentCodec,
            ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<DynamoDbProviderCustomizer> customizers) {
        DynamoDbPersistenceProvider.Builder builder = DynamoDbPersistenceProvider.builder()
                .options(o -> {
                    ifSet(properties.getName(), o::name);
                    ifSet(properties.getTableName(), o::tableName);
                    ifSet(properties.getTablePrefix(), o::tablePrefix);
                    ifSet(properties.getPartitionKeyAttribute(), o::partitionKeyAttribute);
                    ifSet(properties.getSortKeyAttribute(), o::sortKeyAttribute);
                    ifSet(properties.getUseConsistentReads(), o::useConsistentReads);
                    ifSet(properties.getRequestTimeout(), o::requestTimeout);
                    ifSet(properties.getMaxRetryAttempts(), o::maxRetryAttempts);
                    ifSet(properties.getCreateTablesIfMissing(), o::createTablesIfMissing);
                    ifSet(connection.getRegion(), o::region);
                    ifSet(connection.getEndpoint(), o::serviceUrl);
                    if (connection.getAccessKey() != null || connection.getSecretKey() != null) {
                        o.credentials(connection.getAccessKey(), connection.getSecretKey());
                    }
                });
        if (properties.isEmbedded()) {
            builder.embedded();
        } else {
            client.ifAvailable(builder::client);
            streamsClient.ifAvailable(builder::streamsClient);
        }
        documentCodec.ifUnique(builder::documentCodec);
        meterRegistry.ifUnique(builder::meterRegistry);
        observationRegistry.ifUnique(builder::observationRegistry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
