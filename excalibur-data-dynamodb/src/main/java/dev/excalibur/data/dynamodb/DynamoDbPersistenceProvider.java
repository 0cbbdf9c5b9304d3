package dev.excalibur.data.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.excalibur.data.cloudnative.CloudNativePersistenceProvider;
import dev.excalibur.data.cloudnative.CloudNativeProviderInfo;
import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.CloudProviderType;
import dev.excalibur.data.cloudnative.ConsistencyLevel;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.PersistenceProviderHealth;
import dev.excalibur.data.dynamodb.mapping.DocumentMapper;
import dev.excalibur.data.dynamodb.mapping.ItemSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
        implements CloudNativePersistenceProvider, CloudNativeProviderInfo, PersistenceProviderHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbPersistenceProvider.class);

    private final DynamoDbOptions options;
    private final DynamoDbAsyncClient client;
    private final boolean ownsClient;
    private final ClientFactory clientFactory;
    private final DocumentMapper mapper;
    private final RetryPolicy retry;
    private final String table;
    private final Set<String> bookkeepingAttributes;
    private final Map<String, String> keyNames;
    private final Map<String, String> keyAndEtagNames;
    private final AtomicReference<CompletableFuture<Void>> initialization = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<DynamoDbStreamsAsyncClient> ownedStreamsClient = new AtomicReference<>();
    private final DynamoDbStreamsAsyncClient suppliedStreamsClient;

    private DynamoDbPersistenceProvider(Builder builder, DynamoDbOptions options) {
        this.options = options;
        this.clientFactory = new ClientFactory(options);
        this.ownsClient = builder.client == null;
        this.client = ownsClient ? clientFactory.dynamoDb() : builder.client;
        this.suppliedStreamsClient = builder.streamsClient;
        this.mapper = new DocumentMapper(builder.objectMapper == null ? DocumentMapper.defaultObjectMapper() : builder.objectMapper);
        this.retry = new RetryPolicy(options.maxRetryAttempts(), options.retryBaseDelay(), options.retryMaxDelay());
        this.table = options.qualifiedTableName();
        this.bookkeepingAttributes = Set.of(options.partitionKeyAttribute(), options.sortKeyAttribute(), options.etagAttribute());
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
        if (capability == CloudNativeProviderInfo.class || capability == PersistenceProviderHealth.class) {
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
        new TableProvisioner(client, options, retry)
                .ensureTable(table, options.partitionKeyAttribute(), options.sortKeyAttribute())
                .whenComplete((ignored, error) -> {
                    if (error == null) {
                        next.complete(null);
                    } else {
                        next.completeExceptionally(ServiceErrors.translate("initialize", table, error));
                    }
                });
        return next;
    }

    @Override
    public <T> CompletableFuture<CloudOperationResult<T>> getById(
            String id, PartitionKey partitionKey, ConsistencyOptions consistency, Class<T> type) {
        ensureOpen();
        requireId(id);
        requirePartitionKey(partitionKey);
        Objects.requireNonNull(type, "type must not be null");
        boolean consistent = options.useConsistentReads()
                || (consistency != null && consistency.level() == ConsistencyLevel.STRONG);
        Map<String, AttributeValue> key = key(partitionKey.value(), id);
        return call("getById",
                () -> client.getItem(b -> b.tableName(table).key(key).consistentRead(consistent)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)),
                response -> {
                    double charge = charge(response.consumedCapacity());
                    if (!response.hasItem() || response.item().isEmpty()) {
                        return CloudOperationResult.failure(CloudOperationResult.NOT_FOUND, charge,
                                "document '" + id + "' not found in partition '" + partitionKey.value() + "'");
                    }
                    AttributeValue etag = response.item().get(options.etagAttribute());
                    T document = mapper.fromItem(response.item(), type, bookkeepingAttributes);
                    return CloudOperationResult.ok(charge, etag == null ? null : etag.s(), document);
                },
                null);
    }

    @Override
    public <T> CompletableFuture<CloudOperationResult<T>> create(T document, PartitionKey partitionKey) {
        ensureOpen();
        requirePartitionKey(partitionKey);
        String etag = newEtag();
        Map<String, AttributeValue> item = item(document, partitionKey, etag);
        String id = item.get(options.sortKeyAttribute()).s();
        return call("create",
                () -> client.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(keyNames)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)),
                response -> CloudOperationResult.ok(charge(response.consumedCapacity()), etag, document),
                failed -> CloudOperationResult.failure(CloudOperationResult.CONFLICT, 0,
                        "document '" + id + "' already exists in partition '" + partitionKey.value() + "'"));
    }

    @Override
    public <T> CompletableFuture<CloudOperationResult<T>> update(T document, PartitionKey partitionKey, String etag) {
        ensureOpen();
        requirePartitionKey(partitionKey);
        requireEtag(etag);
        String newEtag = newEtag();
        Map<String, AttributeValue> item = item(document, partitionKey, newEtag);
        String id = item.get(options.sortKeyAttribute()).s();
        return call("update",
                () -> client.putItem(b -> conditioned(b.tableName(table).item(item), etag)),
                response -> CloudOperationResult.ok(charge(response.consumedCapacity()), newEtag, document),
                failed -> missingOrStale(failed, id, partitionKey));
    }

    @Override
    public CompletableFuture<CloudOperationResult<Void>> delete(String id, PartitionKey partitionKey, String etag) {
        ensureOpen();
        requireId(id);
        requirePartitionKey(partitionKey);
        requireEtag(etag);
        Map<String, AttributeValue> key = key(partitionKey.value(), id);
        return call("delete",
                () -> client.deleteItem(b -> {
                    b.tableName(table).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
                    if (etag != null) {
                        b.conditionExpression("attribute_exists(#pk) AND #etag = :etag")
                                .expressionAttributeNames(keyAndEtagNames)
                                .expressionAttributeValues(Map.of(":etag", AttributeValue.fromS(etag)))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                    }
                }),
                response -> CloudOperationResult.<Void>ok(charge(response.consumedCapacity()), null, null),
                failed -> missingOrStale(failed, id, partitionKey));
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
        initialize()
                .thenCompose(ignored -> client.describeTable(b -> b.tableName(table)))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        LOG.warn("DynamoDB health check of table '{}' failed: {}", table, RetryPolicy.unwrap(error).toString());
                    }
                    healthy.complete(error == null && response.table().tableStatus() == TableStatus.ACTIVE);
                });
        return healthy;
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
     * The DynamoDB Streams client: the one given to the builder, else one made from the options,
     * or from a pre-configured client's region, endpoint and credentials.
     */
    DynamoDbStreamsAsyncClient streamsClient() {
        ensureOpen();
        if (suppliedStreamsClient != null) {
            return suppliedStreamsClient;
        }
        DynamoDbStreamsAsyncClient existing = ownedStreamsClient.get();
        if (existing != null) {
            return existing;
        }
        DynamoDbStreamsAsyncClient created = ownsClient ? clientFactory.streams() : ClientFactory.streamsLike(client);
        if (ownedStreamsClient.compareAndSet(null, created)) {
            return created;
        }
        created.close();
        return ownedStreamsClient.get();
    }

    private void conditioned(software.amazon.awssdk.services.dynamodb.model.PutItemRequest.Builder b, String etag) {
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

    private static <T> CloudOperationResult<T> missingOrStale(
            ConditionalCheckFailedException failed, String id, PartitionKey partitionKey) {
        if (failed.hasItem() && !failed.item().isEmpty()) {
            return CloudOperationResult.failure(CloudOperationResult.PRECONDITION_FAILED, 0,
                    "document '" + id + "' in partition '" + partitionKey.value() + "' has changed: the ETag does not match");
        }
        return CloudOperationResult.failure(CloudOperationResult.NOT_FOUND, 0,
                "document '" + id + "' not found in partition '" + partitionKey.value() + "'");
    }

    /**
     * Runs one DynamoDB call after initialization, with retries; maps a condition failure through
     * {@code onConditionFailed} and any other failure to the provider's exception, unwrapped.
     */
    private <R, T> CompletableFuture<CloudOperationResult<T>> call(
            String operation,
            Supplier<CompletableFuture<R>> request,
            Function<R, CloudOperationResult<T>> onSuccess,
            Function<ConditionalCheckFailedException, CloudOperationResult<T>> onConditionFailed) {
        CompletableFuture<CloudOperationResult<T>> result = new CompletableFuture<>();
        initialize()
                .thenCompose(ignored -> retry.execute(request))
                .whenComplete((response, error) -> {
                    try {
                        if (error == null) {
                            CloudOperationResult<T> outcome = onSuccess.apply(response);
                            LOG.debug("operation '{}' completed, capacity {}", operation, outcome.requestCharge());
                            result.complete(outcome);
                            return;
                        }
                        Throwable cause = RetryPolicy.unwrap(error);
                        if (cause instanceof ConditionalCheckFailedException && onConditionFailed != null) {
                            result.complete(onConditionFailed.apply((ConditionalCheckFailedException) cause));
                        } else {
                            RuntimeException failure = ServiceErrors.translate(operation, table, cause);
                            LOG.error("operation '{}' failed: {}", operation, failure.getMessage());
                            result.completeExceptionally(failure);
                        }
                    } catch (RuntimeException mappingFailure) {
                        result.completeExceptionally(mappingFailure);
                    }
                });
        return result;
    }

    private Map<String, AttributeValue> item(Object document, PartitionKey partitionKey, String etag) {
        Objects.requireNonNull(document, "document must not be null");
        Map<String, AttributeValue> item = mapper.toItem(document);
        String id = documentId(item, document);
        requireSame(item, options.partitionKeyAttribute(), partitionKey.value(), "partition key");
        requireSame(item, options.sortKeyAttribute(), id, "document id");
        if (item.containsKey(options.etagAttribute())) {
            throw new IllegalArgumentException("document must not have a property named '" + options.etagAttribute()
                    + "': the provider keeps the ETag in that attribute");
        }
        item.put(options.partitionKeyAttribute(), AttributeValue.fromS(partitionKey.value()));
        item.put(options.sortKeyAttribute(), AttributeValue.fromS(id));
        item.put(options.etagAttribute(), AttributeValue.fromS(etag));
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("document '" + id + "' is " + size
                    + " bytes as a DynamoDB item; the limit is " + ItemSize.MAX_ITEM_BYTES + " bytes (400 KB)");
        }
        return item;
    }

    private static String documentId(Map<String, AttributeValue> item, Object document) {
        AttributeValue id = item.get("id");
        if (id == null) {
            id = item.get("Id");
        }
        String value = id == null ? null : id.s() != null ? id.s() : id.n();
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("document of type " + document.getClass().getName()
                    + " needs a non-blank 'id' (or 'Id') property: it is the document's sort key");
        }
        return value;
    }

    private static void requireSame(Map<String, AttributeValue> item, String attribute, String expected, String what) {
        AttributeValue present = item.get(attribute);
        if (present != null && !expected.equals(present.s())) {
            throw new IllegalArgumentException("document property '" + attribute + "' is " + present
                    + " but it is the table's " + what + " attribute, which must be '" + expected + "'");
        }
    }

    private Map<String, AttributeValue> key(String partitionKey, String id) {
        Map<String, AttributeValue> key = new HashMap<>(4);
        key.put(options.partitionKeyAttribute(), AttributeValue.fromS(partitionKey));
        key.put(options.sortKeyAttribute(), AttributeValue.fromS(id));
        return key;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("DynamoDB provider '" + options.name() + "' is closed");
        }
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be null or blank");
        }
        if (id.length() > 1024) {
            throw new IllegalArgumentException("id is " + id.length() + " characters; a DynamoDB sort key holds at most 1024 bytes");
        }
    }

    private static void requirePartitionKey(PartitionKey partitionKey) {
        Objects.requireNonNull(partitionKey, "partitionKey must not be null");
        String value = partitionKey.value();
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("partitionKey value must not be empty");
        }
        if (value.length() > 2048) {
            throw new IllegalArgumentException("partitionKey value is " + value.length()
                    + " characters; a DynamoDB partition key holds at most 2048 bytes");
        }
    }

    private static void requireEtag(String etag) {
        if (etag != null && etag.isBlank()) {
            throw new IllegalArgumentException("etag must be null (no check) or not blank");
        }
    }

    private static double charge(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    private static String newEtag() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Builds a provider in one of the seed's three ways: an options callback, a configuration
     * section, or a pre-configured client (which the provider never closes). They combine: the
     * configuration is bound first, then callbacks apply in order.
     */
    public static final class Builder {
        private DynamoDbOptions.Builder options = DynamoDbOptions.builder();
        private DynamoDbAsyncClient client;
        private DynamoDbStreamsAsyncClient streamsClient;
        private ObjectMapper objectMapper;

        private Builder() {
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

        /** Uses this Jackson mapper for documents instead of {@link DocumentMapper#defaultObjectMapper()}. */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper must not be null");
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
