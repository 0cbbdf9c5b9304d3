package dev.excalibur.dynamodb.engine;

import dev.excalibur.dynamodb.engine.internal.controls.Controls;
import dev.excalibur.dynamodb.engine.internal.service.EngineClock;
import dev.excalibur.dynamodb.engine.internal.service.EngineService;
import dev.excalibur.dynamodb.engine.internal.streams.StreamsService;
import dev.excalibur.dynamodb.engine.internal.transport.EngineBridge;
import dev.excalibur.dynamodb.engine.internal.transport.InProcessHttpClient;
import dev.excalibur.dynamodb.engine.internal.transport.SdkClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * An in-memory DynamoDB running inside this JVM, reached through real AWS SDK v2 clients.
 *
 * <p>The clients of {@link #client()}, {@link #asyncClient()}, {@link #streamsClient()} and
 * {@link #streamsAsyncClient()} are ordinary SDK clients whose HTTP layer hands each request to the
 * engine in-process: marshalling, interceptors, the CRC32 check and error unmarshalling run exactly as
 * against AWS. They use the engine's region, fixed credentials and no SDK retries. An operation the
 * engine does not implement fails with the service's {@code UnknownOperationException}; an internal
 * failure of the engine with a 500 {@code InternalServerError} naming it.
 *
 * <p>Each engine has its own tables: engines are cheap, one per test class is fine; {@link #reset()}
 * empties one between tests. Test controls that act on every client, in-process and over HTTP:
 * server-side {@link #faults() fault rules} and a {@link #requests() request log}. Thread-safe.
 *
 * <p>Test controls, which the service cannot offer: one clock for everything time-based ({@link #clock()},
 * {@link #advance(Duration)}), DynamoDB Local's {@link #dilateEventTimes(Duration)}, stream topology
 * ({@link #rolloverShards()}, {@link #splitShard(String, String, int)}, {@link #trimNow()}, and the builder's
 * shards per stream and automatic rollover) and time to live ({@link #expireTtl(String)}, the builder's sweeper).
 *
 * <pre>{@code
 * try (DynamoDbEngine engine = DynamoDbEngine.create()) {
 *     engine.client().listTables();
 * }
 * }</pre>
 */
public final class DynamoDbEngine implements AutoCloseable {

    /** How many answered requests the request log keeps unless the builder says otherwise. */
    public static final int DEFAULT_REQUEST_LOG_SIZE = 4096;

    /** The default account id in ARNs: the 12-digit account AWS's own documentation uses in its examples. */
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";

    /** The endpoint the in-process clients name; nothing listens there, requests never leave the JVM. */
    private static final URI IN_PROCESS_ENDPOINT = URI.create("http://dynamodb.engine.local");

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION_ID = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
    private static final AtomicInteger ENGINES = new AtomicInteger();
    /** How often (real time) the time-to-live sweeper looks whether its engine time has come. */
    private static final long SWEEPER_POLL_MILLIS = 50;

    private final Region region;
    private final String accountId;
    private final EngineService service;
    private final Controls controls;
    private final Faults faults;
    private final EngineBridge bridge;
    private final ExecutorService executor;
    private final InProcessHttpClient http;
    private final DynamoDbClient client;
    private final DynamoDbAsyncClient asyncClient;
    private final DynamoDbStreamsClient streamsClient;
    private final DynamoDbStreamsAsyncClient streamsAsyncClient;
    private final EngineClock clock;
    private final @Nullable ScheduledExecutorService sweeper;

    private DynamoDbEngine(Builder builder) {
        this.region = builder.region;
        this.accountId = builder.accountId;
        this.clock = new EngineClock(builder.clock);
        this.service = new EngineService(
                clock,
                region.id(),
                accountId,
                builder.shardsPerStream,
                builder.shardRolloverInterval,
                builder.ttlSweepInterval);
        this.controls = new Controls(clock, builder.requestLogSize, builder.tableCreationDelay, region.id(), accountId);
        this.faults = new Faults(controls);
        this.bridge = new EngineBridge(service, new StreamsService(service.streams()), controls);
        int engine = ENGINES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dynamodb-engine-" + engine + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = new InProcessHttpClient(bridge, executor);
        this.client = configure(DynamoDbClient.builder()).build();
        this.asyncClient = configure(DynamoDbAsyncClient.builder()).build();
        this.streamsClient = configure(DynamoDbStreamsClient.builder()).build();
        this.streamsAsyncClient =
                configure(DynamoDbStreamsAsyncClient.builder()).build();
        if (builder.ttlSweepInterval != null) {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "dynamodb-engine-" + engine + "-ttl");
                thread.setDaemon(true);
                return thread;
            });
            sweeper.scheduleWithFixedDelay(
                    service.timeToLive()::sweepIfDue, SWEEPER_POLL_MILLIS, SWEEPER_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            this.sweeper = null;
        }
    }

    /** A builder for an engine; every setting has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /** An engine with the defaults: system UTC clock, {@code us-east-1}, account {@value DynamoDbEngine#DEFAULT_ACCOUNT_ID}. */
    public static DynamoDbEngine create() {
        return builder().build();
    }

    /** The engine's synchronous DynamoDB client; do not close it, {@link #close()} does. */
    public DynamoDbClient client() {
        return client;
    }

    /** The engine's asynchronous DynamoDB client; do not close it, {@link #close()} does. */
    public DynamoDbAsyncClient asyncClient() {
        return asyncClient;
    }

    /** The engine's synchronous DynamoDB Streams client; do not close it, {@link #close()} does. */
    public DynamoDbStreamsClient streamsClient() {
        return streamsClient;
    }

    /** The engine's asynchronous DynamoDB Streams client; do not close it, {@link #close()} does. */
    public DynamoDbStreamsAsyncClient streamsAsyncClient() {
        return streamsAsyncClient;
    }

    /**
     * Points {@code builder}, a builder of any DynamoDB or DynamoDB Streams client, sync or async, at
     * this engine in-process (region, credentials, endpoint, no retries, the in-process HTTP layer) and
     * returns it, so a caller can add its own settings (interceptors, say) before {@code build()}.
     * The caller closes the client it builds.
     *
     * @throws IllegalArgumentException if the builder is neither a sync nor an async client builder
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        SdkClients.configure(builder, IN_PROCESS_ENDPOINT, region);
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        } else if (builder instanceof SdkAsyncClientBuilder<?, ?> async) {
            async.httpClient(http);
        } else {
            throw new IllegalArgumentException("not a sync or async SDK client builder: "
                    + builder.getClass().getName());
        }
        return builder;
    }

    /**
     * The engine's server-side fault rules: they act on every request to this engine, through its own
     * clients, clients made with {@link #configure}, and a {@link DynamoDbEngineServer} serving it.
     */
    public Faults faults() {
        return faults;
    }

    /**
     * The last requests the engine answered (at most the builder's {@link Builder#requestLogSize(int)},
     * {@value #DEFAULT_REQUEST_LOG_SIZE} by default), oldest first, from every client in-process and over
     * HTTP, each logged once its answer is made (faults included): an immutable snapshot. A request in
     * flight is not in it yet; what the HTTP server answers without the engine (a health {@code GET}, a
     * request that is not AWS JSON) is not in it.
     */
    public List<EngineRequest> requests() {
        return controls.requests();
    }

    /** Empties the request log. */
    public void clearRequests() {
        controls.clearRequests();
    }

    /**
     * Makes the engine as new while its clients and servers keep working: drops every table (and its items
     * and indexes), every stream, the transactions' idempotency tokens, every fault rule and the request log
     * (settings such as the {@link Builder#tableCreationDelay(Duration) creation delay} stay).
     * The clock is left as it is. Requests in flight during a reset may see the old state or the new; a shard
     * iterator issued before it names a stream that no longer exists.
     */
    public void reset() {
        service.reset();
        controls.reset();
    }

    /** The region in the engine's ARNs and the one its clients use. */
    public Region region() {
        return region;
    }

    /** The 12-digit account id in the engine's ARNs. */
    public String accountId() {
        return accountId;
    }

    // ---------------------------------------------------------------- test controls

    /**
     * The engine's clock: the builder's clock plus what {@link #advance(Duration)} added. Every time-based behaviour
     * reads it: record timestamps, stream labels and shard ids, 24 h stream retention, 15 min iterator expiry, the
     * 10 min idempotency window of transactions, time to live, creation times.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Moves the engine's clock forward by {@code duration}, whatever clock the builder was given; everything
     * time-based sees the later time (records pass retention, iterators expire, TTL items become eligible, a
     * configured TTL sweeper runs at once when due).
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void advance(Duration duration) {
        clock.advance(Objects.requireNonNull(duration, "duration"));
        service.timeToLive().sweepIfDue();
    }

    /**
     * DynamoDB Local's {@code dilateEventTimes}: ages every stored stream timestamp (records'
     * {@code ApproximateCreationDateTime}, shards, streams and their retention) and the transactions' idempotency
     * tokens by {@code offset} and expires every shard iterator issued before, without moving the clock: new writes
     * keep the current time.
     *
     * @throws IllegalArgumentException unless {@code offset} is positive
     */
    public void dilateEventTimes(Duration offset) {
        service.streams().dilateEventTimes(Objects.requireNonNull(offset, "offset"));
    }

    /**
     * Closes every open shard of every enabled stream; each continues in one new child whose {@code ParentShardId}
     * names it (DynamoDB Local's {@code triggerShardRollovers}).
     */
    public void rolloverShards() {
        service.streams().rolloverShards();
    }

    /**
     * As {@link #rolloverShards()} for one table's enabled stream.
     *
     * @throws IllegalArgumentException if there is no such table with an enabled stream
     */
    public void rolloverShards(String tableName) {
        service.streams().rolloverShards(Objects.requireNonNull(tableName, "tableName"));
    }

    /**
     * Closes the open shard {@code shardId} of the table's enabled stream and gives it {@code children} (2 or more)
     * children, each naming it as parent and taking records for a part of its partition keys; returns their ids.
     *
     * @throws IllegalArgumentException if there is no such table with an enabled stream, no such open shard, or
     *                                  fewer than 2 children
     */
    public List<String> splitShard(String tableName, String shardId, int children) {
        return service.streams()
                .splitShard(
                        Objects.requireNonNull(tableName, "tableName"),
                        Objects.requireNonNull(shardId, "shardId"),
                        children);
    }

    /**
     * Applies stream retention now: records older than 24 h (engine time) are trimmed, closed shards closed for
     * longer leave their stream, disabled streams (tables deleted, streams turned off) disabled for longer are removed.
     * The Streams API applies the same rules on every call; this applies them to every stream at once.
     */
    public void trimNow() {
        service.streams().trimNow();
    }

    /**
     * Deletes now the items of {@code tableName} whose time-to-live attribute (set by UpdateTimeToLive) holds epoch
     * seconds in the past of the engine clock (and not more than five years back), each with a {@code REMOVE}
     * stream record whose {@code userIdentity} is the service ({@code Service}, {@code dynamodb.amazonaws.com});
     * returns how many. A table without TTL enabled loses nothing.
     *
     * @throws IllegalArgumentException if there is no such table
     */
    public int expireTtl(String tableName) {
        return service.timeToLive().expire(Objects.requireNonNull(tableName, "tableName"));
    }

    /** The transport's entry point for the HTTP server. */
    EngineBridge bridge() {
        return bridge;
    }

    /** Closes the engine's clients and stops its threads; its data is dropped. Closing twice does nothing. */
    @Override
    public void close() {
        client.close();
        asyncClient.close();
        streamsClient.close();
        streamsAsyncClient.close();
        executor.shutdownNow();
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        service.close();
    }

    @Override
    public String toString() {
        return "DynamoDbEngine[" + region.id() + ", account " + accountId + "]";
    }

    /** Settings of a {@link DynamoDbEngine}. Not thread-safe. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Region region = Region.US_EAST_1;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private int requestLogSize = DEFAULT_REQUEST_LOG_SIZE;
        private Duration tableCreationDelay = Duration.ZERO;
        private int shardsPerStream = 1;
        private @Nullable Duration shardRolloverInterval;
        private @Nullable Duration ttlSweepInterval;

        private Builder() {}

        /**
         * How many of the last answered requests {@link DynamoDbEngine#requests()} keeps; default
         * {@value DynamoDbEngine#DEFAULT_REQUEST_LOG_SIZE}.
         *
         * @throws IllegalArgumentException if it is below 1
         */
        public Builder requestLogSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("the request log keeps at least 1 request, was " + size);
            }
            this.requestLogSize = size;
            return this;
        }

        /**
         * How long (engine time) a new table stays {@code CREATING}, for tests of code that polls for
         * {@code ACTIVE}; default zero: tables are ACTIVE at once. Within the delay, {@code CreateTable} and
         * {@code DescribeTable} report the table and its global secondary indexes as {@code CREATING}, its reads
         * and writes answer {@code ResourceNotFoundException} and {@code DeleteTable} / {@code UpdateTable}
         * answer {@code ResourceInUseException}, as the service does early in a table's creation.
         *
         * @throws IllegalArgumentException if the delay is negative
         */
        public Builder tableCreationDelay(Duration delay) {
            if (Objects.requireNonNull(delay, "delay").isNegative()) {
                throw new IllegalArgumentException("a creation delay is not negative: " + delay);
            }
            this.tableCreationDelay = delay;
            return this;
        }

        /**
         * How many open shards a new stream starts with; records are placed by a hash of the item's partition key.
         * Default 1.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder shardsPerStream(int shards) {
            if (shards < 1) {
                throw new IllegalArgumentException("a stream has at least one shard: " + shards);
            }
            this.shardsPerStream = shards;
            return this;
        }

        /**
         * Turns on automatic rollover: an open shard is rolled over (closed, continued in one child) once it is
         * {@code age} old in engine time, ageing by {@link DynamoDbEngine#dilateEventTimes(Duration)} included, checked
         * at every write and every Streams call. Off by default (the rate at which AWS rolls shards over is not
         * documented; DynamoDB Local rolls shards over at 4 hours).
         *
         * @throws IllegalArgumentException unless {@code age} is positive
         */
        public Builder shardRolloverInterval(Duration age) {
            Objects.requireNonNull(age, "age");
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("a rollover interval is positive: " + age);
            }
            this.shardRolloverInterval = age;
            return this;
        }

        /**
         * Turns on the time-to-live sweeper: every {@code interval} of engine time, expired items of every table are
         * deleted as {@link DynamoDbEngine#expireTtl(String)} does. Off by default (nothing is deleted behind a test's
         * back); the sweeper looks every {@value DynamoDbEngine#SWEEPER_POLL_MILLIS} ms and at every
         * {@link DynamoDbEngine#advance(Duration)}.
         *
         * @throws IllegalArgumentException unless {@code interval} is positive
         */
        public Builder ttlSweepInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("a sweep interval is positive: " + interval);
            }
            this.ttlSweepInterval = interval;
            return this;
        }

        /**
         * The clock behind every time the engine reads or writes; default the system UTC clock. The engine adds to it
         * what {@link DynamoDbEngine#advance(Duration)} adds, so a test can pass a fixed clock and move time with either.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The region in ARNs and the one the engine's clients use; default {@code us-east-1}.
         *
         * @throws IllegalArgumentException if it is not shaped like an AWS region id ({@code eu-west-1})
         */
        public Builder region(Region region) {
            Objects.requireNonNull(region, "region");
            if (!REGION_ID.matcher(region.id()).matches()) {
                throw new IllegalArgumentException("not an AWS region id: '" + region.id() + "'");
            }
            this.region = region;
            return this;
        }

        /** As {@link #region(Region)}, by id. */
        public Builder region(String region) {
            return region(Region.of(Objects.requireNonNull(region, "region")));
        }

        /**
         * The account id in ARNs; default {@value DynamoDbEngine#DEFAULT_ACCOUNT_ID}.
         *
         * @throws IllegalArgumentException unless it is exactly 12 digits, as AWS account ids are
         */
        public Builder accountId(String accountId) {
            Objects.requireNonNull(accountId, "accountId");
            if (!ACCOUNT_ID.matcher(accountId).matches()) {
                throw new IllegalArgumentException("an AWS account id is 12 digits: '" + accountId + "'");
            }
            this.accountId = accountId;
            return this;
        }

        /** A new engine with these settings, empty and ready. */
        public DynamoDbEngine build() {
            return new DynamoDbEngine(this);
        }
    }
}
