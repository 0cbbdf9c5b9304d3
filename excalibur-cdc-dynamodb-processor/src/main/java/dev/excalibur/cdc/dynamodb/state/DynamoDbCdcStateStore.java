package dev.excalibur.cdc.dynamodb.state;

import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.internal.Futures;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.internal.TableProvisioner;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A {@link CdcStateStore} in a DynamoDB table (default {@code CdcState}, created on first use if
 * missing unless turned off, on demand billing): one item per processor ({@code processor}, partition key) and shard
 * ({@code shard}, sort key) with the checkpoint, {@code updatedAt}, {@code recordsProcessed} and
 * the lease ({@code owner}, {@code leaseExpiresAt} in epoch milliseconds, {@code leaseCounter}).
 * Lease expiry compares the writers' clocks: keep instances' clocks in sync (NTP), well within
 * the lease duration. The client is the caller's and is never closed here.
 */
public final class DynamoDbCdcStateStore implements CdcStateStore {

    /** The table name used when none is given. */
    public static final String DEFAULT_TABLE_NAME = "CdcState";

    private static final String PROCESSOR = "processor";
    private static final String SHARD = "shard";
    private static final String STREAM = "streamArn";
    private static final String SEQUENCE = "sequenceNumber";
    private static final String FINISHED = "finished";
    private static final String SKIP_BEFORE = "skipBefore";
    private static final String UPDATED_AT = "updatedAt";
    private static final String RECORDS = "recordsProcessed";
    private static final String OWNER = "owner";
    private static final String EXPIRES = "leaseExpiresAt";
    private static final String COUNTER = "leaseCounter";
    private static final String HELD_BY_LEASE = "#owner = :owner AND #counter = :counter";
    private static final Map<String, String> NAMES =
            Map.of("#processor", PROCESSOR, "#shard", SHARD, "#owner", OWNER, "#counter", COUNTER, "#expires", EXPIRES);

    private final DynamoDbAsyncClient client;
    private final String tableName;
    private final TableProvisioner provisioner;
    private final Clock clock;
    private volatile @Nullable CompletableFuture<?> ready;

    private DynamoDbCdcStateStore(Builder builder) {
        this.client = builder.client;
        this.tableName = builder.tableName;
        this.provisioner = new TableProvisioner(client, RetryPolicy.STANDARD, builder.createTableIfMissing, null, null);
        this.clock = builder.clock;
    }

    /** A store in table {@code CdcState} on this client, created on first use if missing. */
    public static DynamoDbCdcStateStore of(DynamoDbAsyncClient client) {
        return builder().client(client).build();
    }

    /** A builder; {@link Builder#client} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The table this store uses. */
    public String tableName() {
        return tableName;
    }

    @Override
    public List<ShardState> shards(String processor) {
        StateArguments.requireProcessor(processor);
        ensureTable();
        List<ShardState> shards = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = Futures.join(client.query(b -> b.tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("#processor = :processor")
                    .expressionAttributeNames(Map.of("#processor", PROCESSOR))
                    .expressionAttributeValues(Map.of(":processor", AttributeValue.fromS(processor)))
                    .exclusiveStartKey(exclusiveStart)));
            page.items().forEach(item -> shards.add(state(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return shards;
    }

    @Override
    public Optional<ShardLease> acquire(
            String processor, String streamArn, String shardId, String owner, Duration duration) {
        StateArguments.require(processor, shardId, owner, duration);
        ensureTable();
        Instant now = clock.instant();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":owner", AttributeValue.fromS(owner));
        values.put(":expires", millis(now.plus(duration)));
        values.put(":now", millis(now));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":stream", AttributeValue.fromS(streamArn));
        values.put(":updated", AttributeValue.fromS(now.toString()));
        try {
            Map<String, AttributeValue> item = Futures.join(client.updateItem(b -> b.tableName(tableName)
                            .key(key(processor, shardId))
                            .updateExpression(
                                    "SET #owner = :owner, #expires = :expires, #counter = if_not_exists(#counter, :zero) + :one,"
                                            + " #stream = if_not_exists(#stream, :stream), #updated = if_not_exists(#updated, :updated),"
                                            + " #records = if_not_exists(#records, :zero)")
                            .conditionExpression(
                                    "attribute_not_exists(#shard) OR attribute_not_exists(#owner) OR #expires < :now"
                                            + " OR #owner = :owner")
                            .expressionAttributeNames(
                                    names(Map.of("#stream", STREAM, "#updated", UPDATED_AT, "#records", RECORDS)))
                            .expressionAttributeValues(values)
                            .returnValues(ReturnValue.ALL_NEW)))
                    .attributes();
            ShardState state = state(item);
            return Optional.of(new ShardLease(processor, shardId, owner, state.leaseCounter(), state.checkpoint()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean renew(ShardLease lease, Duration duration) {
        try {
            leased(
                    lease,
                    "SET #expires = :expires",
                    Map.of(),
                    Map.of(":expires", millis(clock.instant().plus(duration))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void checkpoint(ShardLease lease, ShardCheckpoint checkpoint, long recordsHandled) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":finished", AttributeValue.fromBool(checkpoint.finished()));
        values.put(":updated", AttributeValue.fromS(clock.instant().toString()));
        values.put(":handled", AttributeValue.fromN(Long.toString(recordsHandled)));
        StringBuilder set =
                new StringBuilder("SET #finished = :finished, #updated = :updated, #records = #records + :handled");
        List<String> remove = new ArrayList<>();
        if (checkpoint.sequenceNumber() != null) {
            set.append(", #sequence = :sequence");
            values.put(":sequence", AttributeValue.fromS(checkpoint.sequenceNumber()));
        } else {
            remove.add("#sequence");
        }
        if (checkpoint.skipBefore() != null) {
            set.append(", #skip = :skip");
            values.put(":skip", millis(checkpoint.skipBefore()));
        } else {
            remove.add("#skip");
        }
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            leased(
                    lease,
                    update,
                    Map.of(
                            "#finished",
                            FINISHED,
                            "#updated",
                            UPDATED_AT,
                            "#records",
                            RECORDS,
                            "#sequence",
                            SEQUENCE,
                            "#skip",
                            SKIP_BEFORE),
                    values);
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLostException(lease);
        }
    }

    @Override
    public void release(ShardLease lease) {
        try {
            leased(lease, "REMOVE #owner, #expires", Map.of(), Map.of());
        } catch (ConditionalCheckFailedException e) {
            // lost already: nothing to give up
        }
    }

    @Override
    public void removeFinished(String processor, String shardId) {
        StateArguments.requireProcessor(processor);
        ensureTable();
        try {
            Futures.join(client.deleteItem(b -> b.tableName(tableName)
                    .key(key(processor, shardId))
                    .conditionExpression("#finished = :true AND (attribute_not_exists(#owner) OR #expires < :now)")
                    .expressionAttributeNames(Map.of("#finished", FINISHED, "#owner", OWNER, "#expires", EXPIRES))
                    .expressionAttributeValues(
                            Map.of(":true", AttributeValue.fromBool(true), ":now", millis(clock.instant())))));
        } catch (ConditionalCheckFailedException e) {
            // leased again or not finished: keep it
        }
    }

    @Override
    public boolean delete(String processor) {
        List<ShardState> shards = shards(processor);
        for (ShardState shard : shards) {
            Futures.join(client.deleteItem(b -> b.tableName(tableName).key(key(processor, shard.shardId()))));
        }
        return !shards.isEmpty();
    }

    private void leased(
            ShardLease lease, String update, Map<String, String> names, Map<String, AttributeValue> values) {
        ensureTable();
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":owner", AttributeValue.fromS(lease.owner()));
        all.put(":counter", AttributeValue.fromN(Long.toString(lease.counter())));
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#owner", OWNER);
        allNames.put("#counter", COUNTER);
        if (update.contains("#expires")) {
            allNames.put("#expires", EXPIRES);
        }
        Futures.join(client.updateItem(b -> b.tableName(tableName)
                .key(key(lease.processor(), lease.shardId()))
                .updateExpression(update)
                .conditionExpression(HELD_BY_LEASE)
                .expressionAttributeNames(allNames)
                .expressionAttributeValues(all)));
    }

    private void ensureTable() {
        CompletableFuture<?> current = ready;
        if (current == null) {
            synchronized (this) {
                if (ready == null) {
                    ready = provisioner.ensureTable(tableName, PROCESSOR, SHARD);
                }
                current = ready;
            }
        }
        try {
            Futures.join(current);
        } catch (RuntimeException e) {
            synchronized (this) {
                if (ready == current) {
                    ready = null;
                }
            }
            throw e;
        }
    }

    private static ShardState state(Map<String, AttributeValue> item) {
        String sequence = text(item.get(SEQUENCE));
        boolean finished = item.containsKey(FINISHED)
                && Boolean.TRUE.equals(item.get(FINISHED).bool());
        Instant skip = instant(item.get(SKIP_BEFORE));
        String updated = text(item.get(UPDATED_AT));
        return new ShardState(
                item.get(PROCESSOR).s(),
                item.get(SHARD).s(),
                text(item.get(STREAM)),
                new ShardCheckpoint(sequence, finished, sequence == null ? skip : null),
                updated == null ? null : Instant.parse(updated),
                number(item.get(RECORDS)),
                text(item.get(OWNER)),
                instant(item.get(EXPIRES)),
                number(item.get(COUNTER)));
    }

    private static Map<String, AttributeValue> key(String processor, String shardId) {
        return Map.of(PROCESSOR, AttributeValue.fromS(processor), SHARD, AttributeValue.fromS(shardId));
    }

    private static Map<String, String> names(Map<String, String> extra) {
        Map<String, String> names = new HashMap<>(NAMES);
        names.putAll(extra);
        names.remove("#processor");
        return names;
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    private static @Nullable String text(@Nullable AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static long number(@Nullable AttributeValue value) {
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static @Nullable Instant instant(@Nullable AttributeValue value) {
        return value == null || value.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    /** Settings of a {@link DynamoDbCdcStateStore}. */
    public static final class Builder {
        private @Nullable DynamoDbAsyncClient client;
        private String tableName = DEFAULT_TABLE_NAME;
        private boolean createTableIfMissing = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The caller's client (required; never closed by the store). */
        public Builder client(DynamoDbAsyncClient client) {
            this.client = client;
            return this;
        }

        /** The table, any prefix already applied; default {@value DynamoDbCdcStateStore#DEFAULT_TABLE_NAME}. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /**
         * Create the table (string keys {@code processor} HASH, {@code shard} RANGE) on first use if
         * it does not exist; default true. Without it, a missing table fails the first call with the
         * service's {@code ResourceNotFoundException}.
         */
        public Builder createTableIfMissing(boolean createTableIfMissing) {
            this.createTableIfMissing = createTableIfMissing;
            return this;
        }

        /** The clock lease expiry is measured with; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Validates and builds the store. No network call happens here.
         *
         * @throws InvalidOptionsException listing every problem
         */
        public DynamoDbCdcStateStore build() {
            List<String> problems = new ArrayList<>();
            if (client == null) {
                problems.add("client (DynamoDbAsyncClient) is required");
            }
            if (tableName == null || tableName.length() < 3 || tableName.length() > 255) {
                problems.add("tableName must have 3 to 255 characters but was " + tableName);
            }
            if (clock == null) {
                problems.add("clock is required");
            }
            InvalidOptionsException.throwIfAny("DynamoDB CDC state store", problems);
            return new DynamoDbCdcStateStore(this);
        }
    }
}
