package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Health from a real call: the provider describes its table; DOWN when DynamoDB does not answer in time. */
public class DynamoDbHealthIndicator extends AbstractHealthIndicator {

    private final DynamoDbPersistenceProvider provider;
    private final Duration timeout;

    public DynamoDbHealthIndicator(DynamoDbPersistenceProvider provider, Duration timeout) {
        super("DynamoDB health check failed");
        this.provider = provider;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String table = provider.options().qualifiedTableName();
        builder.withDetail("provider", provider.name()).withDetail("table", table);
        boolean reachable = provider.testConnection().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reachable) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "DynamoDB did not describe table '" + table + "'");
        }
    }
}
