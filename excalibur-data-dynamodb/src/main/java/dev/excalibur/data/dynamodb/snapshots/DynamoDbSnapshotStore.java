package dev.excalibur.data.dynamodb.snapshots;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.internal.Calls;
import dev.excalibur.data.dynamodb.internal.ItemSize;
import dev.excalibur.data.dynamodb.internal.StoreKeys;
import dev.excalibur.data.dynamodb.internal.StoreOptionChecks;
import dev.excalibur.data.dynamodb.internal.StoreTables;
import dev.excalibur.data.snapshots.Snapshot;
import dev.excalibur.data.snapshots.SnapshotStore;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Snapshots in a DynamoDB table (default {@code Snapshots}, the provider's prefix applied, created
 * if missing when the provider may create tables). One item per tenant, aggregate id and type
 * holds the latest snapshot: reading it is one {@code GetItem}, saving it one conditional
 * {@code PutItem} ("absent, expired, or an older version"), so concurrent savers end with the
 * highest version. Keys are unambiguous: the tenant is length-prefixed in the partition key, the
 * type is the sort key. Metadata is a DynamoDB map with typed values. With a retention, each item
 * carries an expiry in the TTL attribute and expired items are never returned, whether or not
 * DynamoDB has deleted them yet. Every call is retried, timed and its failures reported as the
 * provider's are. Obtain one with {@link DynamoDbPersistenceProvider#snapshotStore}.
 */
public final class DynamoDbSnapshotStore implements SnapshotStore {

    /** The table name used when none is given (before the prefix). */
    public static final String DEFAULT_TABLE_NAME = "Snapshots";

    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final Map<String, String> CONDITION_NAMES = Map.of("#pk", PK, "#version", "version");

    private final DocumentCodec codec;
    private final Calls calls;
    private final @Nullable Duration retention;
    private final String ttlAttribute;
    private final boolean consistentReads;
    private final Clock clock;

    /**
     * Used by {@link DynamoDbPersistenceProvider#snapshotStore(Consumer)}.
     *
     * @throws InvalidOptionsException listing every invalid setting
     */
    @InternalApi
    public DynamoDbSnapshotStore(StoreTables tables, DocumentCodec codec, Consumer<Options> configure) {
        Options store = new Options();
        configure.accept(store);
        store.validate();
        this.codec = codec;
        this.retention = store.retention;
        this.ttlAttribute = store.ttlAttribute;
        this.consistentReads = store.consistentReads;
        this.clock = store.clock;
        this.calls = tables.open(store.tableName, PK, SK, retention == null ? null : ttlAttribute, null);
    }

    /** The table (prefix applied). */
    public String tableName() {
        return calls.table();
    }

    @Override
    public CompletableFuture<Optional<Snapshot>> getLatestSnapshot(
            String aggregateId, String aggregateType, @Nullable String tenantId) {
        Map<String, AttributeValue> key = key(aggregateId, aggregateType, tenantId);
        return calls.call(
                "getLatestSnapshot",
                () -> calls.client()
                        .getItem(b -> b.tableName(calls.table()).key(key).consistentRead(consistentReads)),
                response -> {
                    Map<String, AttributeValue> item = response.item();
                    return item == null || item.isEmpty() || expired(item)
                            ? Optional.<Snapshot>empty()
                            : Optional.of(snapshot(item));
                },
                null);
    }

    @Override
    public CompletableFuture<Boolean> saveSnapshot(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot must not be null");
        Map<String, AttributeValue> item = item(snapshot);
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException(ItemSize.overLimit(
                            "snapshot of " + snapshot.aggregateType() + " '" + snapshot.aggregateId() + "' v"
                                    + snapshot.version(),
                            size)
                    + " (data is " + snapshot.data().length
                    + " bytes): store the state elsewhere (for example S3) and snapshot a reference to it");
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":version", item.get("version"));
        String condition = "attribute_not_exists(#pk) OR #version < :version";
        Map<String, String> names = new HashMap<>(CONDITION_NAMES);
        if (retention != null) {
            condition += " OR #expires <= :now";
            names.put("#expires", ttlAttribute);
            values.put(
                    ":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())));
        }
        String expression = condition;
        return calls.call(
                "saveSnapshot",
                () -> calls.client()
                        .putItem(b -> b.tableName(calls.table())
                                .item(item)
                                .conditionExpression(expression)
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values)),
                response -> true,
                error -> error instanceof ConditionalCheckFailedException ? false : null);
    }

    @Override
    public CompletableFuture<Void> deleteSnapshots(
            String aggregateId, String aggregateType, @Nullable String tenantId) {
        Map<String, AttributeValue> key = key(aggregateId, aggregateType, tenantId);
        return calls.call(
                "deleteSnapshots",
                () -> calls.client().deleteItem(b -> b.tableName(calls.table()).key(key)),
                response -> null,
                null);
    }

    @Override
    public CompletableFuture<Void> deleteSnapshotsOlderThan(
            String aggregateId, String aggregateType, @Nullable String tenantId, long version) {
        Map<String, AttributeValue> key = key(aggregateId, aggregateType, tenantId);
        if (version < 0) {
            throw new IllegalArgumentException("version must be at least 0 but was " + version);
        }
        return calls.call(
                        "deleteSnapshotsOlderThan",
                        () -> calls.client()
                                .deleteItem(b -> b.tableName(calls.table())
                                        .key(key)
                                        .conditionExpression("#version < :version")
                                        .expressionAttributeNames(Map.of("#version", "version"))
                                        .expressionAttributeValues(
                                                Map.of(":version", AttributeValue.fromN(Long.toString(version))))),
                        response -> true,
                        error -> error instanceof ConditionalCheckFailedException ? false : null)
                .thenApply(deletedOrNewer -> null);
    }

    private Map<String, AttributeValue> item(Snapshot snapshot) {
        Map<String, AttributeValue> item =
                new HashMap<>(key(snapshot.aggregateId(), snapshot.aggregateType(), snapshot.tenantId()));
        item.put("snapshotId", AttributeValue.fromS(snapshot.snapshotId()));
        item.put("aggregateId", AttributeValue.fromS(snapshot.aggregateId()));
        item.put("aggregateType", AttributeValue.fromS(snapshot.aggregateType()));
        item.put("version", AttributeValue.fromN(Long.toString(snapshot.version())));
        item.put("createdAt", AttributeValue.fromS(snapshot.createdAt().toString()));
        item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(snapshot.data())));
        item.put("metadata", codec.toAttributeValue(snapshot.metadata()));
        if (snapshot.tenantId() != null) {
            item.put("tenantId", AttributeValue.fromS(snapshot.tenantId()));
        }
        if (retention != null) {
            item.put(
                    ttlAttribute,
                    AttributeValue.fromN(
                            Long.toString(clock.instant().plus(retention).getEpochSecond())));
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    private Snapshot snapshot(Map<String, AttributeValue> item) {
        AttributeValue metadata = item.get("metadata");
        Map<String, Object> values =
                metadata == null || !metadata.hasM() ? Map.of() : codec.fromItem(metadata.m(), LinkedHashMap.class);
        AttributeValue tenant = item.get("tenantId");
        return new Snapshot(
                item.get("snapshotId").s(),
                item.get("aggregateId").s(),
                item.get("aggregateType").s(),
                Long.parseLong(item.get("version").n()),
                Instant.parse(item.get("createdAt").s()),
                item.get("data").b().asByteArray(),
                values,
                tenant == null ? null : tenant.s());
    }

    private boolean expired(Map<String, AttributeValue> item) {
        AttributeValue expires = retention == null ? null : item.get(ttlAttribute);
        return expires != null && Long.parseLong(expires.n()) <= clock.instant().getEpochSecond();
    }

    /**
     * The key: partition {@code SNAPSHOT#<tenant length>:<tenant>#<aggregate id>} ({@code SNAPSHOT#-#<id>}
     * without a tenant), sort key the aggregate type. The length prefix makes every key parse one way.
     */
    static Map<String, AttributeValue> key(String aggregateId, String aggregateType, @Nullable String tenantId) {
        StoreKeys.require(aggregateId, "aggregateId");
        StoreKeys.require(aggregateType, "aggregateType");
        StoreKeys.requireTenant(tenantId);
        String tenant = tenantId == null ? "-" : StoreKeys.lengthPrefixed(tenantId);
        return Map.of(
                PK,
                AttributeValue.fromS("SNAPSHOT#" + tenant + "#" + aggregateId),
                SK,
                AttributeValue.fromS(aggregateType));
    }

    /** Settings of a snapshot store; see {@link DynamoDbPersistenceProvider#snapshotStore}. */
    public static final class Options {
        private String tableName = DEFAULT_TABLE_NAME;
        private @Nullable Duration retention;
        private String ttlAttribute = "ttl";
        private boolean consistentReads = true;
        private Clock clock = Clock.systemUTC();

        private Options() {}

        /** The table name before the provider's prefix; default {@code Snapshots}. */
        public Options tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** How long a snapshot is kept after it is saved; default forever (null). */
        public Options retention(@Nullable Duration retention) {
            this.retention = retention;
            return this;
        }

        /** The TTL attribute (epoch seconds) used with a retention; default {@code ttl}. */
        public Options ttlAttribute(String ttlAttribute) {
            this.ttlAttribute = ttlAttribute;
            return this;
        }

        /** Strongly consistent reads of the latest snapshot; default true. */
        public Options consistentReads(boolean consistentReads) {
            this.consistentReads = consistentReads;
            return this;
        }

        /** The clock retention is measured with; default the system clock. */
        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        private void validate() {
            List<String> problems = StoreOptionChecks.tableAndClock(tableName, clock);
            if (retention != null && retention.toSeconds() < 1) {
                problems.add("retention must be at least 1 s (or null for none) but was " + retention);
            }
            if (ttlAttribute == null || ttlAttribute.isBlank()) {
                problems.add("ttlAttribute must not be blank");
            }
            InvalidOptionsException.throwIfAny("snapshot store options", problems);
        }
    }
}
