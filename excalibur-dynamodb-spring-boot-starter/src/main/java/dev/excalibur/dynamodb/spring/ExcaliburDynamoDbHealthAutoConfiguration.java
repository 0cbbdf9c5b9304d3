package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** An Actuator health indicator {@code dynamoDb} for the provider, when Actuator is on the class path. */
@AutoConfiguration(after = ExcaliburDynamoDbAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DynamoDbPersistenceProvider.class)
public class ExcaliburDynamoDbHealthAutoConfiguration {

    @Bean(name = "dynamoDbHealthIndicator")
    @ConditionalOnMissingBean(name = "dynamoDbHealthIndicator")
    DynamoDbHealthIndicator dynamoDbHealthIndicator(DynamoDbPersistenceProvider provider, ExcaliburDynamoDbProperties properties) {
        return new DynamoDbHealthIndicator(provider, properties.getRequestTimeout());
    }
}
