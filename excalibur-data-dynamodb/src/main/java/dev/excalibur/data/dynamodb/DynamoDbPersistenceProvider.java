package dev.excalibur.data.dynamodb;

import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.cloudnative.CloudNativePersistenceProvider;
import dev.excalibur.data.cloudnative.CloudNativeProviderInfo;
import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.CloudProviderType;
import dev.excalibur.data.cloudnative.ConsistencyLevel;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.PersistenceProviderHealth;
import dev.excalibur.data.cloudnative.batch.CloudBatchOperation;
import dev.excalibur.data.cloudnative.batch.CloudBatchResult;
import dev.excalibur.data.cloudnative.batch.CloudNativeBatchOperations;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedOptions;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedSubscription;
import dev.excalibur.data.cloudnative.changefeed.CloudNativeChangeFeedOperations;
import dev.excalibur.data.cloudnative.query.CloudNativeQueryOperations;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.CloudQueryResult;
import dev.excalibur.data.cloudnative.spi.EmbeddedEngine;
import dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore;
import dev.excalibur.data.dynamodb.internal.Calls;
import dev.excalibur.data.dynamodb.internal.ServiceErrors;
import dev.excalibur.data.dynamodb.internal.StoreTables;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import dev.excalibur.data.internal.Futures;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.internal.TableProvisioner;
import dev.excalibur.dynamodb.streams.internal.StreamSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The cloud-native document provider on Amazon DynamoDB: documents addressed by partition key and
 * id (the sort key), full-document writes with ETags the provider maintains, consumed capacity
 * reported as request charge.
 *
 * <p>Build one with {@link #builder()} (options callback, configuration section, or a
 * pre-configured client). The table is checked (or created, if allowed) on the first operation or
 * by {@link #initialize()}. Thread-safe; one instance serves a whole application.
 */
public final class DynamoDbPersistenceProvider
        implements CloudNativePersistenceProvider,
                CloudNativeProviderInfo,
                PersistenceProviderHealth,
                CloudNativeQueryOperations,
                CloudNativeBatchOperations,
                CloudNativeChangeFeedOperations {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbPersistenceProvider.class);

    private final DynamoDbOptions options;
    private final DynamoDbAsyncClient client;
    private final boolean ownsClient;
    private final ClientFactory clientFactory;
    private final DocumentCodec codec;
    private final Items items;
    private final TransactionBatch batch;
    private final BulkLoader bulk;
    private final RetryPolicy retry;
    private final TableProvisioner provisioner;
    private final OperationMetrics metrics;
    private final Calls calls;
    private final DocumentQueries queries;
    private final String table;
    private final Map<String, String> keyNames;
    private final Map<String, String> keyAndEtagNames;
    private final AtomicReference<@Nullable CompletableFuture<Void>> initialization = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<@Nullable DynamoDbStreamsAsyncClient> ownedStreamsClient = new AtomicReference<>();
    private final @Nullable DynamoDbStreamsAsyncClient suppliedStreamsClient;

    private DynamoDbPersistenceProvider(Builder builder, DynamoDbOptions options) {
        this.options = options;
        this.clientFactory = new ClientFactory(options);
        this.ownsClient = builder.client == null;
        this.client = ownsClient ? clientFactory.dynamoDb() : builder.client;
        this.suppliedStreamsClient = builder.streamsClient;
        this.codec = builder.documentCodec == null ? DocumentCodec.discover() : builder.documentCodec;
        this.table = options.qualifiedTableName();
        this.metrics = new OperationMetrics(builder.observationRegistry(), builder.meterRegistry, table);
        this.retry = new RetryPolicy(
                options.maxRetryAttempts(), options.retryBaseDelay(), options.retryMaxDelay(), metrics::retried);
        this.provisioner = new TableProvisioner(
                client, retry, options.createTablesIfMissing(), options.streamViewType(), options.ttlAttribute());
        this.items = new Items(options, codec);
        this.batch = new TransactionBatch(options, items);
        this.bulk = new BulkLoader(client, retry, items, options);
        this.calls = new Calls(client, table, this::initialize, retry, metrics);
        this.queries = new DocumentQueries(calls, options, codec, items, this::initialize);
        this.keyNames = Map.of("#pk", options.partitionKeyAttribute());
        this.keyAndEtagNames = Map.of("#pk", options.partitionKeyAttribute(), "#etag", options.etagAttribute());
    }

    /** A builder; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options in force. */
    public DynamoDbOptions options() {
        return options;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public String documentStoreType() {
        return "DynamoDB";
    }

    @Override
    public CloudProviderType cloudProvider() {
        return CloudProviderType.DYNAMO_DB;
    }

    @Override
    public boolean supportsChangeFeed() {
        return true;
    }

    @Override
    public boolean supportsMultiRegionWrites() {
        return true;
    }

    @Override
    public <S> Optional<S> getService(Class<S> capability) {
        Objects.requireNonNull(capability, "capability must not be null");
        if (capability == CloudNativeProviderInfo.class
                || capability == PersistenceProviderHealth.class
                || capability == CloudNativeQueryOperations.class
                || capability == CloudNativeBatchOperations.class
                || capability == CloudNativeChangeFeedOperations.class) {
            return Optional.of(capability.cast(this));
        }
        return Optional.empty();
    }

    /**
     * Checks the table (creating it when {@link DynamoDbOptions#createTablesIfMissing()} is on) once.
     * Operations call it themselves; call it at start-up to fail fast. A failed initialization is
     * retried by the next call.
     */
    public CompletableFuture<Void> initialize() {
        ensureOpen();
        CompletableFuture<Void> current = initialization.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        if (!initialization.compareAndSet(current, next)) {
            return initialization.get();
        }
        LOG.info("initializing DynamoDB provider '{}' on table '{}'", options.name(), table);
        provisioner
                .ensureTable(table, options.partitionKeyAttribute(), options.sortKeyAttribute())
                .whenComplete((description, error) -> {
                    if (error == null) {
                        queries.plan(description);
                        next.complete(null);
                    } else {
                        next.completeExceptionally(ServiceErrors.provisioning(table, error));
                    }
                });
        return next;
    }

    @Override
    public <T> CompletableFuture<CloudOperationResult<T>> getById(
            String id, PartitionKey partitionKey, @Nullable ConsistencyOptions consistency, Class<T> type) {
        ensureOpen();
        Items.requireId(id);
        Items.requirePartitionKey(partitionKey);
        Objects.requireNonNull(type, "type must not be null");
        boolean consistent = consistentRead(consistency);
        Map<String, AttributeValue> key = items.key(partitionKey.value(), id);
        return calls.call(
                "getById",
                () -> client.getItem(b -> {
                    b.tableName(table).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
                    if (consistent) {
                        b.consistentRead(true); // left out otherwise: DynamoDB reads eventually consistent by default
                    }
                }),
                response -> {
                    double charge = Capacity.units(response.consumedCapacity());
                    if (!response.hasItem() || response.item().isEmpty()) {
                        return CloudOperationResult.failure(
                                CloudOperationResult.NOT_FOUND,
                                charge,
                                "document '" + id + "' not found in partition '" + partitionKey.value() + "'");
                    }
                    AttributeValue etag = response.item().get(options.etagAttribute());
                    T document = codec.fromItem(response.item(), type, items.bookkeepingAttributes());
                    return CloudOperationResult.ok(charge, etag == null ? null : etag.s(), document);
                },
                null);
    }

    @Override
    public <T> CompletableFuture<CloudOperationResult<T>> create(T document, PartitionKey partitionKey) {
        ensureOpen();
        Items.requirePartitionKey(partitionKey);
        String etag = Items.newEtag();
        Map<String, AttributeValue> item = items.item(document, partitionKey.value(), etag);
        String id = items.idOf(item);
        return calls.call(
                "create",
                () -> client.putItem(b -> b.tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(keyNames)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)),
                response -> CloudOperationResult.ok(Capacity.units(response.consumedCapacity()), etag, document),
                failed -> failed instanceof ConditionalCheckFailedException
                        ? CloudOperationResult.failure(
                                CloudOperationResult.CONFLICT,
                                0,
                                "document '" + id + "' already exists in partition '" + partitionKey.value() + "'")
                        : null);
    }

    @Override
    public <T> CompletableFuture<CloudOperationResult<T>> update(
            T document, PartitionKey partitionKey, @Nullable String etag) {
        ensureOpen();
        Items.requirePartitionKey(partitionKey);
        requireEtag(etag);
        String newEtag = Items.newEtag();
        Map<String, AttributeValue> item = items.item(document, partitionKey.value(), newEtag);
        String id = items.idOf(item);
        return calls.call(
                "update",
                () -> client.putItem(b -> conditioned(b.tableName(table).item(item), etag)),
                response -> CloudOperationResult.ok(Capacity.units(response.consumedCapacity()), newEtag, document),
                failed -> missingOrStale(failed, id, partitionKey));
    }

    @Override
    public CompletableFuture<CloudOperationResult<Void>> delete(
            String id, PartitionKey partitionKey, @Nullable String etag) {
        ensureOpen();
        Items.requireId(id);
        Items.requirePartitionKey(partitionKey);
        requireEtag(etag);
        Map<String, AttributeValue> key = items.key(partitionKey.value(), id);
        return calls.call(
                "delete",
                () -> client.deleteItem(b -> {
                    b.tableName(table).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
                    if (etag != null) {
                        b.conditionExpression("attribute_exists(#pk) AND #etag = :etag")
                                .expressionAttributeNames(keyAndEtagNames)
                                .expressionAttributeValues(Map.of(":etag", AttributeValue.fromS(etag)))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                    }
                }),
                response -> CloudOperationResult.<Void>ok(Capacity.units(response.consumedCapacity()), null, null),
                failed -> missingOrStale(failed, id, partitionKey));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The page size is DynamoDB's {@code Limit}: items read before the filter. The token is bound
     * to this query (table, index, partition, key condition, filter, direction); page size and
     * projection may change between pages.
     */
    @Override
    public <T> CompletableFuture<CloudQueryResult<T>> query(CloudQuery query, Class<T> type) {
        ensureOpen();
        Objects.requireNonNull(query, "query must not be null");
        Objects.requireNonNull(type, "type must not be null");
        return queries.query(query, type);
    }

    @Override
    public CompletableFuture<Long> count(CloudQuery query) {
        ensureOpen();
        Objects.requireNonNull(query, "query must not be null");
        return queries.count(query);
    }

    /** STRONG, or the global consistent-reads option (which a call cannot weaken). */
    private boolean consistentRead(@Nullable ConsistencyOptions consistency) {
        return options.useConsistentReads() || (consistency != null && consistency.level() == ConsistencyLevel.STRONG);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code TransactWriteItems} call. Operations may name other partitions and, with
     * {@link CloudBatchOperation#inContainer}, other tables of the same key layout (named without
     * the table prefix, which is added). The token is sent as {@code ClientRequestToken}, so the
     * provider's own retries (and a caller's, with the same token) apply the batch once.
     */
    @Override
    public CompletableFuture<CloudBatchResult> executeBatch(
            @Nullable PartitionKey partitionKey,
            List<CloudBatchOperation> operations,
            @Nullable String idempotencyToken) {
        ensureOpen();
        Objects.requireNonNull(operations, "operations must not be null");
        if (operations.isEmpty()) {
            return CompletableFuture.completedFuture(new CloudBatchResult(true, 0, List.of(), null));
        }
        TransactionBatch.Prepared prepared = batch.prepare(partitionKey, operations, idempotencyToken);
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .transactItems(prepared.actions())
                .clientRequestToken(prepared.token())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();
        return calls.call(
                "executeBatch",
                () -> client.transactWriteItems(request),
                response -> batch.succeeded(prepared, response),
                error -> error instanceof TransactionCanceledException
                        ? batch.cancelled(prepared, (TransactionCanceledException) error)
                        : null);
    }

    /**
     * Writes many documents without a transaction: {@code BatchWriteItem} with 25 writes per
     * request, {@link DynamoDbOptions#bulkConcurrency()} requests in flight, unprocessed items and
     * throttled requests retried with jittered backoff. Each put writes a new ETag and replaces
     * what was there. The writes are validated before any call; what still fails after the
     * retries is reported, not thrown.
     *
     * @throws IllegalArgumentException naming the write's index, for a document without id, over
     *         400 KB, or an item written twice
     */
    public CompletableFuture<BulkWriteResult> bulkWrite(List<BulkWrite> writes) {
        ensureOpen();
        Objects.requireNonNull(writes, "writes must not be null");
        return calls.observe("bulkWrite", () -> bulk.write(writes, this::initialize));
    }

    /**
     * Reads many documents of one partition without a transaction: {@code BatchGetItem} with 100
     * keys per request, requests in flight and retries as for {@link #bulkWrite}.
     *
     * @param consistency null for the provider's default, or STRONG for consistent reads
     */
    public <T> CompletableFuture<BulkGetResult<T>> bulkGet(
            PartitionKey partitionKey,
            Collection<String> ids,
            @Nullable ConsistencyOptions consistency,
            Class<T> type) {
        ensureOpen();
        Items.requirePartitionKey(partitionKey);
        Objects.requireNonNull(ids, "ids must not be null");
        Objects.requireNonNull(type, "type must not be null");
        return calls.observe(
                "bulkGet", () -> bulk.get(partitionKey, ids, consistentRead(consistency), type, this::initialize));
    }

    @Override
    public boolean isAvailable() {
        CompletableFuture<Void> init = initialization.get();
        return !closed.get() && init != null && init.isDone() && !init.isCompletedExceptionally();
    }

    @Override
    public CompletableFuture<Boolean> testConnection() {
        if (closed.get()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> healthy = new CompletableFuture<>();
        initialize().thenCompose(ignored -> describeTables(List.of(table))).whenComplete((statuses, error) -> {
            if (error != null) {
                LOG.warn(
                        "DynamoDB health check of table '{}' failed: {}",
                        table,
                        Futures.unwrap(error).toString());
            }
            healthy.complete(error == null && statuses.get(table) == TableStatus.ACTIVE);
        });
        return healthy;
    }

    /**
     * Describes tables with the provider's client (all at once, with the provider's retries), for
     * health checks of its own and its stores' tables. Completes with each table's status in the
     * given order, {@code null} for a table that does not exist, or exceptionally with a
     * {@link DynamoDbPersistenceException} for any other failure. Creates nothing.
     *
     * @param tableNames full table names (prefix applied), such as {@link DynamoDbOptions#qualifiedTableName()}
     * @throws IllegalArgumentException if a name is null or blank
     */
    public CompletableFuture<Map<String, @Nullable TableStatus>> describeTables(Collection<String> tableNames) {
        Objects.requireNonNull(tableNames, "tableNames must not be null");
        if (tableNames.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw new IllegalArgumentException(
                    "tableNames must not contain a null or blank name but was " + tableNames);
        }
        ensureOpen();
        Map<String, CompletableFuture<TableStatus>> described = new LinkedHashMap<>();
        for (String name : tableNames) {
            described.computeIfAbsent(
                    name,
                    n -> provisioner.describe(n).handle((description, error) -> {
                        if (error != null) {
                            throw ServiceErrors.translate("DescribeTable", n, error);
                        }
                        return description == null ? null : description.tableStatus();
                    }));
        }
        return CompletableFuture.allOf(described.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<String, TableStatus> statuses = new LinkedHashMap<>();
                    described.forEach((name, status) -> statuses.put(name, status.join()));
                    return Collections.unmodifiableMap(statuses);
                });
    }

    /** Closes the clients the provider created; a caller's client is left open. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.debug("closing DynamoDB provider '{}'", options.name());
        if (ownsClient) {
            client.close();
        }
        DynamoDbStreamsAsyncClient streams = ownedStreamsClient.getAndSet(null);
        if (streams != null) {
            streams.close();
        }
    }

    /**
     * A snapshot store on this provider's client, retry policy, metrics, table prefix and table
     * creation rule, with the default options (table {@code Snapshots}, kept forever, consistent reads).
     */
    public DynamoDbSnapshotStore snapshotStore() {
        return snapshotStore(options -> {});
    }

    /**
     * A snapshot store on this provider's client, retry policy, metrics, table prefix and table
     * creation rule, with the options {@code configure} sets (its own table, default {@code Snapshots}).
     *
     * @throws NullPointerException if {@code configure} is null
     * @throws InvalidOptionsException listing every invalid setting
     */
    public DynamoDbSnapshotStore snapshotStore(Consumer<DynamoDbSnapshotStore.Options> configure) {
        Objects.requireNonNull(configure, "configure must not be null (snapshotStore() takes the defaults)");
        ensureOpen();
        return new DynamoDbSnapshotStore(this::storeCalls, codec, configure);
    }

    /**
     * A grant store (with activity-group grants) on this provider's client, retry policy, metrics,
     * table prefix and table creation rule, with the default options (table {@code AuthGrants}).
     */
    public DynamoDbGrantStore grantStore() {
        return grantStore(options -> {});
    }

    /**
     * A grant store (with activity-group grants) on this provider's client, retry policy, metrics,
     * table prefix and table creation rule, with the options {@code configure} sets (its own table,
     * default {@code AuthGrants}).
     *
     * @throws NullPointerException if {@code configure} is null
     * @throws InvalidOptionsException listing every invalid setting
     */
    public DynamoDbGrantStore grantStore(Consumer<DynamoDbGrantStore.Options> configure) {
        Objects.requireNonNull(configure, "configure must not be null (grantStore() takes the defaults)");
        ensureOpen();
        return new DynamoDbGrantStore(this::storeCalls, configure);
    }

    /**
     * The call pipeline on a store's own table (see {@link StoreTables}): made ready on first use by
     * the provider's table rule (no stream, the store's TTL), retries and metrics reported for it.
     */
    private Calls storeCalls(
            String tableName,
            String partitionKey,
            String sortKey,
            @Nullable String ttlAttribute,
            StoreTables.@Nullable Index index) {
        String storeTable = options.qualify(tableName);
        OperationMetrics storeMetrics = metrics.forTable(storeTable);
        RetryPolicy storeRetry = new RetryPolicy(
                options.maxRetryAttempts(), options.retryBaseDelay(), options.retryMaxDelay(), storeMetrics::retried);
        TableProvisioner provisioner =
                new TableProvisioner(client, storeRetry, options.createTablesIfMissing(), null, ttlAttribute);
        TableProvisioner.IndexKeys indexKeys = index == null
                ? null
                : new TableProvisioner.IndexKeys(index.name(), index.partitionKey(), index.sortKey(), index.included());
        LazyTable tableReady =
                new LazyTable(storeTable, () -> provisioner.ensureTable(storeTable, partitionKey, sortKey, indexKeys));
        return new Calls(client, storeTable, tableReady::ready, storeRetry, storeMetrics);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The subscription reads the table's DynamoDB stream. Completes exceptionally with
     * {@link IllegalStateException} if the table has no stream, with {@link TableNotFoundException}
     * if it does not exist, and with {@link dev.excalibur.dynamodb.streams.StalePositionException}
     * if the token belongs to an earlier stream of the table. A position whose records have left
     * the stream's 24 h retention is reported to the subscriber as that exception.
     */
    @Override
    public <T> CompletableFuture<ChangeFeedSubscription<T>> subscribe(
            @Nullable String container, Class<T> type, @Nullable ChangeFeedOptions changeFeedOptions) {
        ensureOpen();
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        ChangeFeedOptions feedOptions = changeFeedOptions == null ? ChangeFeedOptions.defaults() : changeFeedOptions;
        FeedPosition resumeFrom = feedOptions.continuationToken() == null
                ? null
                : FeedPosition.fromToken(feedOptions.continuationToken());
        String target = container == null ? table : options.qualify(container);
        CompletableFuture<Void> ready = container == null ? initialize() : CompletableFuture.completedFuture(null);
        return ready.thenCompose(ignored -> StreamSource.ofTable(client, streamsClient(), target, retry))
                .handle((source, error) -> {
                    if (error != null) {
                        throw ServiceErrors.translate("DescribeTable", target, error);
                    }
                    return (ChangeFeedSubscription<T>)
                            new DynamoDbChangeFeed<>(target, source, type, feedOptions, resumeFrom, items, options);
                });
    }

    /**
     * The codec this provider turns documents into items and back with (the builder's, or
     * {@link DocumentCodec#discover()}). Use it to read items the provider wrote, for example as a CDC
     * runner's document decoder: {@code documentDecoder(provider.documentCodec()::fromItem)}.
     */
    public DocumentCodec documentCodec() {
        return codec;
    }

    /** The DynamoDB client this provider calls (owned by the provider unless it was given one: do not close it). */
    public DynamoDbAsyncClient client() {
        return client;
    }

    /**
     * The DynamoDB Streams client: the one given to the builder; else, for a client of the embedded
     * test kit, that client's streams twin (found through {@link EmbeddedEngine}); else one made from
     * the options, or from a pre-configured client's region, endpoint and credentials (owned by the
     * provider unless given: do not close it). A pre-configured client on a custom HTTP layer of
     * another kind needs its streams client given to the builder.
     */
    public DynamoDbStreamsAsyncClient streamsClient() {
        ensureOpen();
        if (suppliedStreamsClient != null) {
            return suppliedStreamsClient;
        }
        DynamoDbStreamsAsyncClient existing = ownedStreamsClient.get();
        if (existing != null) {
            return existing;
        }
        Optional<DynamoDbStreamsAsyncClient> twin = ownsClient ? Optional.empty() : embeddedTwin(client);
        if (twin.isPresent()) {
            return twin.get();
        }
        DynamoDbStreamsAsyncClient created = ownsClient ? clientFactory.streams() : ClientFactory.streamsLike(client);
        if (ownedStreamsClient.compareAndSet(null, created)) {
            return created;
        }
        created.close();
        return ownedStreamsClient.get();
    }

    /** The streams client of an embedded engine's client (its HTTP layer is in-process: a derived client could not reach it). */
    private static Optional<DynamoDbStreamsAsyncClient> embeddedTwin(DynamoDbAsyncClient client) {
        for (EmbeddedEngine engine : ServiceLoader.load(EmbeddedEngine.class)) {
            Optional<DynamoDbStreamsAsyncClient> twin = engine.twin(client, DynamoDbStreamsAsyncClient.class);
            if (twin.isPresent()) {
                return twin;
            }
        }
        return Optional.empty();
    }

    private void conditioned(
            software.amazon.awssdk.services.dynamodb.model.PutItemRequest.Builder b, @Nullable String etag) {
        b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (etag == null) {
            b.conditionExpression("attribute_exists(#pk)").expressionAttributeNames(keyNames);
        } else {
            b.conditionExpression("attribute_exists(#pk) AND #etag = :etag")
                    .expressionAttributeNames(keyAndEtagNames)
                    .expressionAttributeValues(Map.of(":etag", AttributeValue.fromS(etag)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
    }

    /** 404 or 412 for a failed condition (null for any other failure), told apart by the item returned. */
    private static <T> @Nullable CloudOperationResult<T> missingOrStale(
            Throwable error, String id, PartitionKey partitionKey) {
        if (!(error instanceof ConditionalCheckFailedException)) {
            return null;
        }
        ConditionalCheckFailedException failed = (ConditionalCheckFailedException) error;
        if (failed.hasItem() && !failed.item().isEmpty()) {
            return CloudOperationResult.failure(
                    CloudOperationResult.PRECONDITION_FAILED,
                    0,
                    "document '" + id + "' in partition '" + partitionKey.value()
                            + "' has changed: the ETag does not match");
        }
        return CloudOperationResult.failure(
                CloudOperationResult.NOT_FOUND,
                0,
                "document '" + id + "' not found in partition '" + partitionKey.value() + "'");
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("DynamoDB provider '" + options.name() + "' is closed");
        }
    }

    private static void requireEtag(@Nullable String etag) {
        if (etag != null && etag.isBlank()) {
            throw new IllegalArgumentException("etag must be null (no check) or not blank");
        }
    }

    /**
     * Builds a provider in one of three ways: an options callback, a configuration
     * section, or a pre-configured client (which the provider never closes). They combine: the
     * configuration is bound first, then callbacks apply in order.
     */
    public static final class Builder {
        private DynamoDbOptions.Builder options = DynamoDbOptions.builder();
        private @Nullable DynamoDbAsyncClient client;
        private @Nullable DynamoDbStreamsAsyncClient streamsClient;
        private @Nullable DocumentCodec documentCodec;
        private @Nullable ObservationRegistry observationRegistry;
        private @Nullable MeterRegistry meterRegistry;

        private Builder() {}

        /**
         * For development and tests only: runs the embedded engine in this JVM (shared by every caller,
         * in memory, no Docker, no AWS account) and uses its clients. The engine is found through
         * {@link java.util.ServiceLoader} ({@link EmbeddedEngine}); {@code dev.excalibur:excalibur-dynamodb-test}
         * on the class path provides it.
         *
         * @throws IllegalStateException if the embedded engine is not on the class path
         */
        public Builder embedded() {
            EmbeddedEngine engine = ServiceLoader.load(EmbeddedEngine.class)
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException(
                                    "embedded DynamoDB needs an embedded engine on the class path: add the"
                                            + " dependency dev.excalibur:excalibur-dynamodb-test (for development and tests only)"));
            this.client = engine.client(DynamoDbAsyncClient.class)
                    .orElseThrow(() -> new IllegalStateException(
                            "the embedded engine " + engine.getClass().getName() + " has no DynamoDB client"));
            this.streamsClient = engine.client(DynamoDbStreamsAsyncClient.class)
                    .orElseThrow(() -> new IllegalStateException(
                            "the embedded engine " + engine.getClass().getName() + " has no DynamoDB Streams client"));
            return this;
        }

        /**
         * Observes every operation of the provider and of its snapshot and grant stores (name
         * {@code excalibur.dynamodb.operation}; keys operation, table, outcome) in this registry, for
         * metrics and traces as its handlers make of them.
         */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry =
                    Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
            return this;
        }

        /**
         * Records consumed capacity and retries in this registry; without an
         * {@link #observationRegistry}, operations are timed in it too.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry must not be null");
            return this;
        }

        private @Nullable ObservationRegistry observationRegistry() {
            if (observationRegistry != null || meterRegistry == null) {
                return observationRegistry;
            }
            ObservationRegistry timed = ObservationRegistry.create();
            timed.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
            return timed;
        }

        /** Adjusts the options, for example {@code o -> o.region("us-east-1").tableName("Orders")}. */
        public Builder options(Consumer<DynamoDbOptions.Builder> configure) {
            configure.accept(options);
            return this;
        }

        /** Starts from complete options, replacing what was configured before. */
        public Builder options(DynamoDbOptions complete) {
            this.options = complete.toBuilder();
            return this;
        }

        /** Binds the {@value DynamoDbOptions#DEFAULT_SECTION} section of a configuration map or {@link java.util.Properties}. */
        public Builder configuration(Map<?, ?> configuration) {
            return configuration(configuration, DynamoDbOptions.DEFAULT_SECTION);
        }

        /** Binds the given section of a configuration map or {@link java.util.Properties}. */
        public Builder configuration(Map<?, ?> configuration, String section) {
            Map<String, Object> copy = new HashMap<>();
            configuration.forEach((k, v) -> copy.put(String.valueOf(k), v));
            options.configuration(copy, section);
            return this;
        }

        /** Uses the caller's client (also a DAX client); the provider never closes it. */
        public Builder client(DynamoDbAsyncClient client) {
            this.client = Objects.requireNonNull(client, "client must not be null");
            return this;
        }

        /** Uses the caller's DynamoDB Streams client; the provider never closes it. */
        public Builder streamsClient(DynamoDbStreamsAsyncClient streamsClient) {
            this.streamsClient = Objects.requireNonNull(streamsClient, "streamsClient must not be null");
            return this;
        }

        /**
         * Maps documents with this codec instead of {@link DocumentCodec#discover()} (the Jackson 3 codec, which
         * this module brings, unless it is excluded): for example
         * {@code Jackson3DocumentCodec.of(jsonMapper)} over the application's codec, or a
         * {@code Jackson2DocumentCodec} from {@code excalibur-dynamodb-codec-jackson2}.
         */
        public Builder documentCodec(DocumentCodec documentCodec) {
            this.documentCodec = Objects.requireNonNull(documentCodec, "documentCodec must not be null");
            return this;
        }

        /**
         * Validates the options (region or service URL are required unless a client was given)
         * and builds the provider. No network call happens here.
         *
         * @throws InvalidOptionsException listing every problem
         */
        public DynamoDbPersistenceProvider build() {
            return new DynamoDbPersistenceProvider(this, options.build(client == null));
        }
    }
}
