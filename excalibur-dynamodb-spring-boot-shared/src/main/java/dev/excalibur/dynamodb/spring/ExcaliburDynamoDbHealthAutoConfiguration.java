package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcRunner;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health indicators, when Boot's health support is on the class path (Actuator): {@code dynamoDb} for
 * the provider's table and the enabled stores' tables, off with {@code management.health.dynamodb.enabled=false};
 * {@code cdcRunner} for the CDC runner when one runs, off with {@code management.health.cdc.enabled=false}.
 * An application's bean of the same name replaces either.
 */
@AutoConfiguration(
        after = {
            ExcaliburDynamoDbAutoConfiguration.class,
            ExcaliburDynamoDbStoresAutoConfiguration.class,
            ExcaliburCdcAutoConfiguration.class
        })
@ConditionalOnBean(DynamoDbPersistenceProvider.class)
public class ExcaliburDynamoDbHealthAutoConfiguration {

    /** Health of the provider's and the stores' tables. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealth("dynamodb")
    static class DynamoDbHealthConfiguration {

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

    /** Health of the CDC runner. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CdcRunner.class)
    @ConditionalOnBean(CdcRunnerLifecycle.class)
    @ConditionalOnEnabledHealth("cdc")
    static class CdcRunnerHealthConfiguration {

        @Bean(name = "cdcRunnerHealthIndicator")
        @ConditionalOnMissingBean(name = "cdcRunnerHealthIndicator")
        CdcRunnerHealthIndicator cdcRunnerHealthIndicator(CdcRunnerLifecycle runner) {
            return new CdcRunnerHealthIndicator(runner.runner());
        }
    }
}
