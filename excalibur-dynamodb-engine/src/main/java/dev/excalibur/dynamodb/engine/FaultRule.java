package dev.excalibur.dynamodb.engine;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A server-side fault the engine answers instead of (or after) doing what a request asks: which
 * requests it matches, how often it fires, and what the caller then sees. Rules act on every client
 * of the engine, in-process and over HTTP ({@link DynamoDbEngineServer}), so code that only talks
 * HTTP (KCL) can be tested under faults too. Add them with {@link DynamoDbEngine#faults()}.
 *
 * <pre>{@code
 * engine.faults().add(FaultRule.on("PutItem").table("Orders").times(3).throttle());
 * engine.faults().add(FaultRule.onAnyOperation().probability(0.1, 42).serviceUnavailable());
 * }</pre>
 *
 * <p>A request matches when its operation is the rule's (or the rule is for any operation) and it
 * names every table, stream, shard and key the rule names (see the {@link Builder} methods), and the
 * fault applies to it (an {@link Kind#UNPROCESSED} rule only to batches of two entries or more, a
 * {@link Kind#TRANSACTION_CONFLICT} rule only to writes and transactions). A matching rule fires
 * {@link Builder#times(int) a number of times}, {@link Builder#probability(double, long) with a
 * probability}, or both (a match fires when its draw succeeds, and only firings count); by default it
 * fires on every match until removed. A rule that has fired its times is removed. Each registration
 * keeps its own count and random sequence. The first rule (in the order added) that
 * fires on a request decides its fault; {@link Kind#LATENCY} rules are the exception: every one that
 * fires adds its delay, and the request then goes on to the others.
 *
 * <p>A refused request changes nothing; an {@link Kind#APPLY_THEN_FAIL} request is applied once and
 * answered with a 500. Immutable and thread-safe; equality is identity, so the same rule added twice
 * is two registrations and {@link Faults#remove(FaultRule)} removes both.
 */
public final class FaultRule {

    /** What a rule does to the requests it fires on, with the error the caller sees. */
    public enum Kind {
        /**
         * 400 {@code ProvisionedThroughputExceededException}; nothing applied. A read or write names each table in
         * {@code ThrottlingReasons} ({@code TableReadProvisionedThroughputExceeded}, {@code TableWrite...}).
         */
        PROVISIONED_THROUGHPUT_EXCEEDED,
        /** 400 {@code ThrottlingException}; nothing applied. */
        THROTTLING,
        /**
         * 400 {@code RequestLimitExceeded}; nothing applied. A read or write names each table in
         * {@code ThrottlingReasons} ({@code TableReadAccountLimitExceeded}, {@code TableWriteAccountLimitExceeded}).
         */
        REQUEST_LIMIT_EXCEEDED,
        /** 500 {@code InternalServerError}; nothing applied. */
        INTERNAL_SERVER_ERROR,
        /** 503 {@code ServiceUnavailable}; nothing applied. */
        SERVICE_UNAVAILABLE,
        /** The request is applied as usual, then answered with a 500 {@code InternalServerError}: a lost answer. */
        APPLY_THEN_FAIL,
        /**
         * Transactions: 400 {@code TransactionCanceledException}, reason {@code TransactionConflict} for each
         * action naming the rule's table and key ({@code None} for the others). Single-item and batch writes:
         * 400 {@code TransactionConflictException}. Nothing applied.
         */
        TRANSACTION_CONFLICT,
        /**
         * {@code BatchWriteItem} / {@code BatchGetItem}: the last N entries naming the rule's table and key
         * (in request order, at most all but one of the batch) are left out and returned as
         * {@code UnprocessedItems} / {@code UnprocessedKeys} with the request's read settings; the rest is applied.
         */
        UNPROCESSED,
        /** 400 {@code ExpiredIteratorException}; nothing applied. */
        EXPIRED_ITERATOR,
        /** 400 {@code TrimmedDataAccessException}; nothing applied. */
        TRIMMED_DATA_ACCESS,
        /** 400 {@code LimitExceededException}; nothing applied. */
        LIMIT_EXCEEDED,
        /** A delay (real time, not the engine clock) before the request is dispatched; then it is served as usual. */
        LATENCY
    }

    private static final Set<String> CONFLICTING =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems");
    private static final Set<String> BATCHES = Set.of("BatchWriteItem", "BatchGetItem");
    /** The operations of both APIs: the request types the SDK's client interfaces take, without "Request". */
    private static final Set<String> OPERATIONS = Stream.of(DynamoDbClient.class, DynamoDbStreamsClient.class)
            .flatMap(api -> Arrays.stream(api.getMethods()))
            .map(Method::getParameterTypes)
            .filter(parameters -> parameters.length == 1 && AwsRequest.class.isAssignableFrom(parameters[0]))
            .map(parameters -> parameters[0].getSimpleName().replaceFirst("Request$", ""))
            .collect(Collectors.toUnmodifiableSet());

    private final @Nullable String operation;
    private final @Nullable String table;
    private final @Nullable String streamArn;
    private final @Nullable String shardId;
    private final @Nullable String keyAttribute;
    private final @Nullable AttributeValue keyValue;
    private final @Nullable Integer times;
    private final @Nullable Double probability;
    private final long seed;
    private final Kind kind;
    private final int unprocessed;
    private final Duration latency;

    private FaultRule(Builder builder, Kind kind, int unprocessed, Duration latency) {
        this.operation = builder.operation;
        this.table = builder.table;
        this.streamArn = builder.streamArn;
        this.shardId = builder.shardId;
        this.keyAttribute = builder.keyAttribute;
        this.keyValue = builder.keyValue;
        this.times = builder.times;
        this.probability = builder.probability;
        this.seed = builder.seed;
        this.kind = kind;
        this.unprocessed = unprocessed;
        this.latency = latency;
    }

    /**
     * A rule for the requests of one operation: its name as in {@code X-Amz-Target} without the API prefix,
     * of DynamoDB ({@code "PutItem"}) or DynamoDB Streams ({@code "GetRecords"}).
     *
     * @throws IllegalArgumentException if it names no operation of either API (a typo would never match)
     */
    public static Builder on(String operation) {
        if (!OPERATIONS.contains(Objects.requireNonNull(operation, "operation"))) {
            throw new IllegalArgumentException("not an operation of DynamoDB or DynamoDB Streams: '" + operation + "'");
        }
        return new Builder(operation);
    }

    /** A rule for requests of every operation. */
    public static Builder onAnyOperation() {
        return new Builder(null);
    }

    /** The operation matched, or null for every operation. */
    public @Nullable String operation() {
        return operation;
    }

    /** The table a matching request must name (by name, or in a table or stream ARN), or null. */
    public @Nullable String table() {
        return table;
    }

    /** The stream a matching request must read (its {@code StreamArn}, or its shard iterator's stream), or null. */
    public @Nullable String streamArn() {
        return streamArn;
    }

    /** The shard a matching request must read (its {@code ShardId}, or its shard iterator's shard), or null. */
    public @Nullable String shardId() {
        return shardId;
    }

    /** The attribute of {@link #keyValue()}, or null when the rule names no key. */
    public @Nullable String keyAttribute() {
        return keyAttribute;
    }

    /** The value {@link #keyAttribute()} has in an item or key a matching request names, or null. */
    public @Nullable AttributeValue keyValue() {
        return keyValue;
    }

    /** How many times the rule fires before it is removed; empty: until removed. */
    public OptionalInt times() {
        return times == null ? OptionalInt.empty() : OptionalInt.of(times);
    }

    /** The probability with which a match fires, 1 unless set. */
    public double probability() {
        return probability == null ? 1.0 : probability;
    }

    /** The seed of the random draws behind {@link #probability()}. */
    public long seed() {
        return seed;
    }

    /** What the rule does. */
    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#UNPROCESSED}: how many entries are left unprocessed; 0 otherwise. */
    public int unprocessedEntries() {
        return unprocessed;
    }

    /** For {@link Kind#LATENCY}: the delay; {@link Duration#ZERO} otherwise. */
    public Duration latency() {
        return latency;
    }

    /**
     * Whether the rule can fire on a request of {@code requestOperation}, before its table, stream, shard
     * and key filters: its operation is the rule's, and its kind applies to it.
     */
    public boolean appliesTo(String requestOperation) {
        if (operation != null && !operation.equals(requestOperation)) {
            return false;
        }
        return switch (kind) {
            case UNPROCESSED -> BATCHES.contains(requestOperation);
            case TRANSACTION_CONFLICT -> CONFLICTING.contains(requestOperation);
            default -> true;
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FaultRule[").append(kind);
        if (kind == Kind.UNPROCESSED) {
            text.append(' ').append(unprocessed);
        } else if (kind == Kind.LATENCY) {
            text.append(' ').append(latency);
        }
        text.append(" on ").append(operation == null ? "any operation" : operation);
        append(text, "table", table);
        append(text, "stream", streamArn);
        append(text, "shard", shardId);
        if (keyAttribute != null) {
            text.append(", key ").append(keyAttribute).append('=').append(keyValue);
        }
        if (times != null) {
            text.append(", ").append(times).append(" times");
        }
        if (probability != null) {
            text.append(", probability ")
                    .append(probability)
                    .append(" (seed ")
                    .append(seed)
                    .append(')');
        }
        return text.append(']').toString();
    }

    private static void append(StringBuilder text, String name, @Nullable String value) {
        if (value != null) {
            text.append(", ").append(name).append(' ').append(value);
        }
    }

    /**
     * Which requests a rule matches and how often it fires; a method naming the fault ends it and returns the
     * rule. Each filter narrows the rule; setting one twice keeps the last. Not thread-safe.
     */
    public static final class Builder {

        private final @Nullable String operation;
        private @Nullable String table;
        private @Nullable String streamArn;
        private @Nullable String shardId;
        private @Nullable String keyAttribute;
        private @Nullable AttributeValue keyValue;
        private @Nullable Integer times;
        private @Nullable Double probability;
        private long seed;

        private Builder(@Nullable String operation) {
            this.operation = operation;
        }

        /**
         * Only requests naming this table: in {@code TableName} (a name or the table's ARN), as a key of a
         * batch's {@code RequestItems}, in an action of a transaction, or in a stream ARN.
         */
        public Builder table(String tableName) {
            this.table = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        /**
         * Only DynamoDB Streams requests reading this stream: by {@code StreamArn} ({@code DescribeStream},
         * {@code GetShardIterator}) or by a {@code ShardIterator} the engine issued for it ({@code GetRecords}).
         */
        public Builder stream(String streamArn) {
            this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
            return this;
        }

        /** Only DynamoDB Streams requests reading this shard: by {@code ShardId} or by a {@code ShardIterator} the engine issued for it. */
        public Builder shard(String shardId) {
            this.shardId = Objects.requireNonNull(shardId, "shardId");
            return this;
        }

        /**
         * Only requests naming an item whose {@code attribute} (its partition key, typically) is {@code value}:
         * in a {@code Key} or {@code Item}, an entry of a batch or an action of a transaction. Query, Scan and
         * requests that name no item never match such a rule.
         */
        public Builder key(String attribute, AttributeValue value) {
            this.keyAttribute = Objects.requireNonNull(attribute, "attribute");
            this.keyValue = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Fires {@code times} times, then the rule is removed.
         *
         * @throws IllegalArgumentException if {@code times} is below 1
         */
        public Builder times(int times) {
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1, was " + times);
            }
            this.times = times;
            return this;
        }

        /** As {@code times(1)}. */
        public Builder once() {
            return times(1);
        }

        /**
         * Fires on a match with probability {@code probability}, drawn from a random sequence seeded with
         * {@code seed}, so that a run with the same requests in the same order fires on the same ones.
         *
         * @throws IllegalArgumentException unless {@code 0 < probability <= 1}
         */
        public Builder probability(double probability, long seed) {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be in (0, 1], was " + probability);
            }
            this.probability = probability;
            this.seed = seed;
            return this;
        }

        /** 400 {@code ProvisionedThroughputExceededException}, as a table over its provisioned throughput answers. */
        public FaultRule throttle() {
            return build(Kind.PROVISIONED_THROUGHPUT_EXCEEDED);
        }

        /** 400 {@code ThrottlingException}, as the service answers requests (control plane, on-demand) arriving too fast. */
        public FaultRule throttlingException() {
            return build(Kind.THROTTLING);
        }

        /** 400 {@code RequestLimitExceeded}, as the service answers when the account's throughput limit is reached. */
        public FaultRule requestLimitExceeded() {
            return build(Kind.REQUEST_LIMIT_EXCEEDED);
        }

        /** 500 {@code InternalServerError}, nothing applied. */
        public FaultRule internalServerError() {
            return build(Kind.INTERNAL_SERVER_ERROR);
        }

        /** 503 {@code ServiceUnavailable}, nothing applied. */
        public FaultRule serviceUnavailable() {
            return build(Kind.SERVICE_UNAVAILABLE);
        }

        /**
         * The request is applied, then answered with a 500 {@code InternalServerError}, as when the service's
         * answer to a committed write is lost: for testing that retries are idempotent. If the engine refuses
         * the request itself, its own error is answered (and the firing still counts).
         */
        public FaultRule applyThenFail() {
            return build(Kind.APPLY_THEN_FAIL);
        }

        /**
         * As when another transaction holds the item: {@code TransactionCanceledException} with
         * {@code TransactionConflict} reasons for transactions, {@code TransactionConflictException} for
         * {@code PutItem}, {@code UpdateItem}, {@code DeleteItem} and {@code BatchWriteItem}.
         *
         * @throws IllegalArgumentException if the rule's operation is none of those or the two transactions
         */
        public FaultRule transactionConflict() {
            if (operation != null && !CONFLICTING.contains(operation)) {
                throw new IllegalArgumentException(
                        "a transaction conflict applies to writes and transactions, not to " + operation);
            }
            return build(Kind.TRANSACTION_CONFLICT);
        }

        /**
         * {@code BatchWriteItem} / {@code BatchGetItem} leave the last {@code entries} entries unprocessed
         * (see {@link Kind#UNPROCESSED}).
         *
         * @throws IllegalArgumentException if {@code entries} is below 1, or the rule's operation is not a batch
         */
        public FaultRule unprocessed(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("entries must be at least 1, was " + entries);
            }
            if (operation != null && !BATCHES.contains(operation)) {
                throw new IllegalArgumentException(
                        "unprocessed entries apply to BatchWriteItem and BatchGetItem, not to " + operation);
            }
            return new FaultRule(this, Kind.UNPROCESSED, entries, Duration.ZERO);
        }

        /** 400 {@code ExpiredIteratorException}, as {@code GetRecords} answers an iterator older than 15 minutes. */
        public FaultRule expiredIterator() {
            return build(Kind.EXPIRED_ITERATOR);
        }

        /** 400 {@code TrimmedDataAccessException}, as DynamoDB Streams answers a position past the trim horizon. */
        public FaultRule trimmedDataAccess() {
            return build(Kind.TRIMMED_DATA_ACCESS);
        }

        /** 400 {@code LimitExceededException}, as DynamoDB Streams answers calls arriving too fast. */
        public FaultRule limitExceeded() {
            return build(Kind.LIMIT_EXCEEDED);
        }

        /**
         * Waits {@code delay} (real time) before the request is served; other rules still apply to it.
         *
         * @throws IllegalArgumentException if the delay is negative
         */
        public FaultRule latency(Duration delay) {
            if (Objects.requireNonNull(delay, "delay").isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
            return new FaultRule(this, Kind.LATENCY, 0, delay);
        }

        private FaultRule build(Kind kind) {
            return new FaultRule(this, kind, 0, Duration.ZERO);
        }
    }
}
