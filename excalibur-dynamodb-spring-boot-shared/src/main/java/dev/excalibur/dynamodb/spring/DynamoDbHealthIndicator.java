package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Health from real calls: DynamoDB describes every configured table (the provider's, and the
 * snapshot and grant stores' when enabled) and each one's status is a detail. UP when each table is
 * ACTIVE or UPDATING, or not created yet where the provider creates tables on first use; DOWN for
 * any other status, a missing table that will not be created, or DynamoDB not answering in time.
 */
public class DynamoDbHealthIndicator extends HealthCheckIndicator {

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
        this.tables = Stream.concat(Stream.of(provider.options().qualifiedTableName()), storeTables.stream())
                .distinct()
                .toList();
        this.timeout = timeout;
    }

    @Override
    String check(BiConsumer<String, Object> details) throws Exception {
        details.accept("provider", provider.name());
        Map<String, TableStatus> described =
                provider.describeTables(tables).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, String> statuses = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, TableStatus> table : described.entrySet()) {
            TableStatus status = table.getValue();
            if (status == null) {
                up &= provider.options().createTablesIfMissing();
                statuses.put(
                        table.getKey(),
                        provider.options().createTablesIfMissing() ? CREATED_ON_FIRST_USE : "NOT_FOUND");
            } else {
                up &= status == TableStatus.ACTIVE || status == TableStatus.UPDATING;
                statuses.put(table.getKey(), status.toString());
            }
        }
        details.accept("tables", statuses);
        return up ? "UP" : "DOWN";
    }
}
