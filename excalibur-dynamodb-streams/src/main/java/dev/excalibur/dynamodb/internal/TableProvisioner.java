package dev.excalibur.dynamodb.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.internal.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Makes sure a table with a string partition key and a string sort key exists: creates it when
 * allowed (on demand, with the given stream and TTL) and waits until it is ACTIVE, otherwise
 * verifies it exists with the expected key schema. Fails with the service's
 * {@link ResourceNotFoundException} for a missing table it may not create, with
 * {@link IllegalStateException} for a table with other keys, without the required index or not
 * ACTIVE within 5 minutes, and with the SDK's exception for any other failure (after retries).
 */
@InternalApi
public final class TableProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);
    private static final long POLL_MILLIS = 100;
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);

    private final DynamoDbAsyncClient client;
    private final RetryPolicy retry;
    private final boolean createIfMissing;
    private final StreamViewType streamViewType;
    private final String ttlAttribute;

    /**
     * @param createIfMissing create a missing table (else fail)
     * @param streamViewType  the stream of a created table; null for none
     * @param ttlAttribute    the TTL attribute enabled on a created table; null for none
     */
    public TableProvisioner(
            DynamoDbAsyncClient client,
            RetryPolicy retry,
            boolean createIfMissing,
            StreamViewType streamViewType,
            String ttlAttribute) {
        this.client = client;
        this.retry = retry;
        this.createIfMissing = createIfMissing;
        this.streamViewType = streamViewType;
        this.ttlAttribute = ttlAttribute;
    }

    /** Completes with the table's description once it is ACTIVE with the expected key schema. */
    public CompletableFuture<TableDescription> ensureTable(String table, String partitionKey, String sortKey) {
        return ensureTable(table, partitionKey, sortKey, null);
    }

    /**
     * {@link #ensureTable(String, String, String)} with a global secondary index of string keys,
     * created with the table and required on an existing table; null for none.
     */
    public CompletableFuture<TableDescription> ensureTable(
            String table, String partitionKey, String sortKey, IndexKeys index) {
        return describe(table).thenCompose(found -> {
            if (found != null) {
                if (index != null
                        && (!found.hasGlobalSecondaryIndexes()
                                || found.globalSecondaryIndexes().stream()
                                        .noneMatch(i -> i.indexName().equals(index.name())))) {
                    return CompletableFuture.failedFuture(new IllegalStateException(
                            "table '" + table + "' has no global secondary index '" + index.name() + "' ("
                                    + index.partitionKey() + " S HASH, " + index.sortKey() + " S RANGE)"));
                }
                return verifyKeySchema(found, partitionKey, sortKey);
            }
            if (!createIfMissing) {
                return CompletableFuture.failedFuture(ResourceNotFoundException.builder()
                        .message("table '" + table + "' does not exist; create it with partition key '" + partitionKey
                                + "' (S, HASH) and sort key '" + sortKey + "' (S, RANGE)")
                        .build());
            }
            return create(table, partitionKey, sortKey, index);
        });
    }

    /**
     * Describes the table (with retries): completes with its description, or with null when there
     * is no such table.
     */
    public CompletableFuture<TableDescription> describe(String table) {
        return retry.execute(() -> client.describeTable(b -> b.tableName(table)))
                .thenApply(r -> r.table())
                .exceptionally(error -> {
                    if (Futures.unwrap(error) instanceof ResourceNotFoundException) {
                        return null;
                    }
                    throw new CompletionException(Futures.unwrap(error));
                });
    }

    /** A global secondary index keyed by two string attributes, projecting the keys and {@code included}. */
    public record IndexKeys(String name, String partitionKey, String sortKey, List<String> included) {}

    private CompletableFuture<TableDescription> verifyKeySchema(
            TableDescription table, String partitionKey, String sortKey) {
        Map<KeyType, String> keys = table.keySchema().stream()
                .collect(Collectors.toMap(KeySchemaElement::keyType, KeySchemaElement::attributeName));
        Map<String, ScalarAttributeType> types = table.attributeDefinitions().stream()
                .collect(Collectors.toMap(AttributeDefinition::attributeName, AttributeDefinition::attributeType));
        boolean matches = partitionKey.equals(keys.get(KeyType.HASH))
                && sortKey.equals(keys.get(KeyType.RANGE))
                && types.get(partitionKey) == ScalarAttributeType.S
                && types.get(sortKey) == ScalarAttributeType.S;
        if (!matches) {
            String actual = table.keySchema().stream()
                    .map(k -> k.attributeName() + " (" + types.get(k.attributeName()) + ", " + k.keyType() + ")")
                    .collect(Collectors.joining(" + "));
            return CompletableFuture.failedFuture(
                    new IllegalStateException("table '" + table.tableName() + "' has key schema " + actual
                            + " but Excalibur expects " + partitionKey + " (S, HASH) + " + sortKey + " (S, RANGE)"));
        }
        return table.tableStatus() == TableStatus.ACTIVE
                ? CompletableFuture.completedFuture(table)
                : awaitActive(table.tableName(), System.nanoTime() + ACTIVE_TIMEOUT.toNanos());
    }

    private CompletableFuture<TableDescription> create(
            String table, String partitionKey, String sortKey, IndexKeys index) {
        List<AttributeDefinition> attributes =
                new ArrayList<>(List.of(stringAttribute(partitionKey), stringAttribute(sortKey)));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE));
        if (index != null) {
            attributes.add(stringAttribute(index.partitionKey()));
            attributes.add(stringAttribute(index.sortKey()));
            request.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(p -> p.projectionType(
                                    index.included().isEmpty() ? ProjectionType.KEYS_ONLY : ProjectionType.INCLUDE)
                            .nonKeyAttributes(index.included().isEmpty() ? null : index.included()))
                    .build());
        }
        request.attributeDefinitions(attributes);
        if (streamViewType != null) {
            request.streamSpecification(s -> s.streamEnabled(true).streamViewType(streamViewType));
        }
        LOG.info(
                "creating DynamoDB table '{}' ({} + {}, on demand, stream {})",
                table,
                partitionKey,
                sortKey,
                streamViewType);
        return retry.execute(() -> client.createTable(request.build()))
                .handle((created, error) -> {
                    if (error != null && !(Futures.unwrap(error) instanceof ResourceInUseException)) {
                        throw new CompletionException(Futures.unwrap(error));
                    }
                    return null;
                })
                .thenCompose(ignored -> awaitActive(table, System.nanoTime() + ACTIVE_TIMEOUT.toNanos()))
                .thenCompose(active -> enableTimeToLive(table).thenApply(ignored -> active));
    }

    private CompletableFuture<TableDescription> awaitActive(String table, long deadlineNanos) {
        return describe(table).thenCompose(found -> {
            if (found != null && found.tableStatus() == TableStatus.ACTIVE) {
                return CompletableFuture.completedFuture(found);
            }
            if (System.nanoTime() > deadlineNanos) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "table '" + table + "' did not become ACTIVE within " + ACTIVE_TIMEOUT));
            }
            return CompletableFuture.supplyAsync(
                            () -> null, CompletableFuture.delayedExecutor(POLL_MILLIS, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> awaitActive(table, deadlineNanos));
        });
    }

    private CompletableFuture<Void> enableTimeToLive(String table) {
        if (ttlAttribute == null) {
            return CompletableFuture.completedFuture(null);
        }
        return retry.execute(() -> client.updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName(ttlAttribute))))
                .thenApply(updated -> null);
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }
}
