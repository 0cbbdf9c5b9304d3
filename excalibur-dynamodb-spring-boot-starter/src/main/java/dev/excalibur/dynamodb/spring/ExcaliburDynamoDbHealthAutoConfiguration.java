package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * An Actuator health indicator {@code dynamoDb} for the provider's table and the enabled stores'
 * tables, when Actuator is on the class path.
 */
@AutoConfiguration(after = {ExcaliburDynamoDbAutoConfiguration.class, ExcaliburDynamoDbStoresAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DynamoDbPersistenceProvider.class)
public class ExcaliburDynamoDbHealthAutoConfiguration {

    @Bean(name = "dynamoDbHealthIndicator")
    @ConditionalOnMissingBean(name = "dynamoDbHealthIndicator")
    DynamoDbHealthIndicator dynamoDbHealthIndicator(
            DynamoDbPersistenceProvider provider,
            ObjectProvider<DynamoDbSnapshotStore> snapshotStore,
            ObjectProvider<DynamoDbGrantStore> grantStore) {
        List<String> storeTables = Stream.concat(
                        snapshotStore.stream().map(DynamoDbSnapshotStore::tableName),
                        grantStore.stream().map(DynamoDbGrantStore::tableName))
                .toList();
        return new DynamoDbHealthIndicator(
                provider, storeTables, provider.options().requestTimeout());
    }
}
