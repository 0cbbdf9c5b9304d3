package dev.excalibur.dynamodb.spring;

import static dev.excalibur.dynamodb.spring.PropertyValues.ifSet;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The snapshot store ({@code excalibur.dynamodb.snapshots.enabled=true}) and the grant store
 * ({@code excalibur.dynamodb.authorization.enabled=true}) on the provider; the application's own
 * beans of those types win.
 */
@AutoConfiguration(after = ExcaliburDynamoDbAutoConfiguration.class)
@ConditionalOnBean(DynamoDbPersistenceProvider.class)
public class ExcaliburDynamoDbStoresAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "excalibur.dynamodb.snapshots", name = "enabled", havingValue = "true")
    DynamoDbSnapshotStore excaliburSnapshotStore(
            DynamoDbPersistenceProvider provider, ExcaliburDynamoDbProperties properties) {
        ExcaliburDynamoDbProperties.Snapshots snapshots = properties.getSnapshots();
        return provider.snapshotStore(o -> {
            ifSet(snapshots.getTableName(), o::tableName);
            ifSet(snapshots.getRetention(), o::retention);
            ifSet(snapshots.getTtlAttribute(), o::ttlAttribute);
        });
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "excalibur.dynamodb.authorization", name = "enabled", havingValue = "true")
    DynamoDbGrantStore excaliburGrantStore(
            DynamoDbPersistenceProvider provider, ExcaliburDynamoDbProperties properties) {
        return provider.grantStore(o -> ifSet(properties.getAuthorization().getTableName(), o::tableName));
    }
}
