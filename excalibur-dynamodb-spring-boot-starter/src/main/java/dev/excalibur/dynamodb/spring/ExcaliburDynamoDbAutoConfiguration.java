package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The provider, from {@code excalibur.dynamodb.*}. A {@link DynamoDbAsyncClient} (or
 * {@link DynamoDbStreamsAsyncClient}) bean of the application is used and never closed here;
 * without one the provider builds and owns its clients. A {@link DynamoDbPersistenceProvider} bean
 * of the application replaces this one. With {@code excalibur.dynamodb.embedded=true} (development
 * and tests only) the provider runs on the in-process embedded engine instead. Meter and observation
 * registries are picked up.
 * Invalid properties fail the start-up with one message listing every problem.
 */
@AutoConfiguration
@EnableConfigurationProperties(ExcaliburDynamoDbProperties.class)
public class ExcaliburDynamoDbAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbPersistenceProvider excaliburDynamoDbProvider(
            ExcaliburDynamoDbProperties properties,
            ObjectProvider<DynamoDbAsyncClient> client,
            ObjectProvider<DynamoDbStreamsAsyncClient> streamsClient,
            ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<DynamoDbProviderCustomizer> customizers) {
        DynamoDbPersistenceProvider.Builder builder = DynamoDbPersistenceProvider.builder()
                .options(o -> {
                    PropertyMapper map = PropertyMapper.get().alwaysApplyingWhenNonNull();
                    map.from(properties::getName).to(o::name);
                    map.from(properties::getTableName).to(o::tableName);
                    map.from(properties::getTablePrefix).to(o::tablePrefix);
                    map.from(properties::getPartitionKeyAttribute).to(o::partitionKeyAttribute);
                    map.from(properties::getSortKeyAttribute).to(o::sortKeyAttribute);
                    map.from(properties::getUseConsistentReads).to(o::useConsistentReads);
                    map.from(properties::getRequestTimeout).to(o::requestTimeout);
                    map.from(properties::getMaxRetryAttempts).to(o::maxRetryAttempts);
                    map.from(properties::getCreateTablesIfMissing).to(o::createTablesIfMissing);
                    map.from(properties::getRegion).to(o::region);
                    map.from(properties::getEndpoint).to(o::serviceUrl);
                    if (properties.getAccessKey() != null || properties.getSecretKey() != null) {
                        o.credentials(properties.getAccessKey(), properties.getSecretKey());
                    }
                });
        if (properties.isEmbedded()) {
            builder.embedded();
        } else {
            client.ifAvailable(builder::client);
            streamsClient.ifAvailable(builder::streamsClient);
        }
        meterRegistry.ifAvailable(builder::meterRegistry);
        observationRegistry.ifAvailable(builder::observationRegistry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
