package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.internal.Futures;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Health from real calls: DynamoDB describes every configured table (the provider's, and the
 * snapshot and grant stores' when enabled) and each one's status is a detail. UP when each table is
 * ACTIVE or UPDATING, or not created yet where the provider creates tables on first use; DOWN for
 * any other status, a missing table that will not be created, or DynamoDB not answering in time.
 */
public class DynamoDbHealthIndicator extends AbstractHealthIndicator {

    /** The detail of a table that does not exist yet and will be created when first used. */
    static final String CREATED_ON_FIRST_USE = "NOT_CREATED_YET (created on first use)";

    private final DynamoDbPersistenceProvider provider;
    private final List<String> tables;
    private final Duration timeout;

    /**
     * @param provider    the provider whose client and table are checked
     * @param storeTables further tables to describe (qualified names), such as the stores'
     * @param timeout     how long DynamoDB has to answer
     */
    public DynamoDbHealthIndicator(DynamoDbPersistenceProvider provider, List<String> storeTables, Duration timeout) {
        super("DynamoDB health check failed");
        this.provider = provider;
        this.tables = Stream.concat(Stream.of(provider.options().qualifiedTableName()),
                storeTables.stream()).distinct().toList();
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("provider", provider.name());
        Map<String, CompletableFuture<String>> described = new LinkedHashMap<>();
        for (String table : tables) {
            described.put(table, provider.client().describeTable(b -> b.tableName(table)).handle((response, error) -> {
                if (error == null) {
                    return response.table().tableStatusAsString();
                }
                if (Futures.unwrap(error) instanceof ResourceNotFoundException) {
                    return null;
                }
                throw new IllegalStateException("DynamoDB did not describe table '" + table + "': " + Futures.unwrap(error), error);
            }));
        }
        CompletableFuture.allOf(described.values().toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, String> statuses = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, CompletableFuture<String>> table : described.entrySet()) {
            String status = table.getValue().join();
            if (status == null) {
                up &= provider.options().createTablesIfMissing();
                status = provider.options().createTablesIfMissing() ? CREATED_ON_FIRST_USE : "NOT_FOUND";
            } else {
                up &= status.equals(TableStatus.ACTIVE.toString()) || status.equals(TableStatus.UPDATING.toString());
            }
            statuses.put(table.getKey(), status);
        }
        builder.status(up ? Status.UP : Status.DOWN)
                .withDetail("tables", statuses);
    }
}
