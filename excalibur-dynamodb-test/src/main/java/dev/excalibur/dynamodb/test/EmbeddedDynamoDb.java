package dev.excalibur.dynamodb.test;

import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB for tests: the project's open-source engine ({@link DynamoDbEngine}) inside this JVM,
 * with real AWS SDK v2 clients on it, and the engine's controls (stream shards, time) for tests.
 *
 * <p>The clients returned by {@link #client()}, {@link #asyncClient()}, {@link #streamsClient()} and
 * {@link #streamsAsyncClient()} are ordinary SDK clients whose HTTP layer hands each request to the
 * engine in-process: marshalling, interceptors and error unmarshalling run exactly as against AWS.
 * They have SDK retries turned off so that faults injected with a {@link FaultInjector} reach the code
 * under test exactly as configured.
 *
 * <p><b>Another endpoint.</b> With the system property {@value #ENDPOINT_PROPERTY} (or the environment
 * variable {@value #ENDPOINT_VARIABLE}) set, the clients talk to that endpoint instead (AWS, or another
 * engine), with the region and credentials of the SDK's default chains; a test that calls one of the
 * engine's controls ({@link #engine()}, {@link #triggerShardRollovers()}, {@link #dilateEventTimes})
 * is then skipped with an assumption message saying why.
 *
 * <pre>{@code
 * EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
 * db.client().createTable(...);
 * }</pre>
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** System property naming an endpoint to run against instead of the in-process engine. */
    public static final String ENDPOINT_PROPERTY = "excalibur.dynamodb.endpoint";
    /** Environment variable naming an endpoint to run against instead of the in-process engine. */
    public static final String ENDPOINT_VARIABLE = "EXCALIBUR_DYNAMODB_ENDPOINT";

    private static final Object SHARED_LOCK = new Object();
    private static final AtomicLong TABLE_COUNTER = new AtomicLong();
    /** A run's own table-name suffix, so runs against a shared endpoint never meet. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Every client made here, to its owner: how a provider given one client finds its streams twin. */
    private static final Map<Object, EmbeddedDynamoDb> CLIENTS = Collections.synchronizedMap(new WeakHashMap<>());

    private static @Nullable EmbeddedDynamoDb shared;

    private final @Nullable DynamoDbEngine engine;
    private final @Nullable URI endpoint;
    private final boolean isShared;
    private final DynamoDbClient client;
    private final DynamoDbAsyncClient asyncClient;
    private final DynamoDbStreamsClient streamsClient;
    private final DynamoDbStreamsAsyncClient streamsAsyncClient;

    private EmbeddedDynamoDb(boolean isShared, Consumer<DynamoDbEngine.Builder> settings) {
        this.isShared = isShared;
        this.endpoint = configuredEndpoint().orElse(null);
        if (endpoint == null) {
            DynamoDbEngine.Builder builder = DynamoDbEngine.builder();
            settings.accept(builder);
            this.engine = builder.build();
        } else {
            this.engine = null;
        }
        this.client = client(new ExecutionInterceptor[0]);
        this.asyncClient = asyncClient(new ExecutionInterceptor[0]);
        this.streamsClient = streamsClient(new ExecutionInterceptor[0]);
        this.streamsAsyncClient = streamsAsyncClient(new ExecutionInterceptor[0]);
    }

    /**
     * The engine shared by everything in this JVM, started on first use (milliseconds), in memory,
     * living as long as the JVM: it is not stopped by a shutdown hook, so an application's own
     * shutdown (a CDC processor writing its last checkpoint) can still use it while the JVM exits.
     * Tests isolate themselves by table name ({@link #newTableName}).
     */
    public static EmbeddedDynamoDb shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = new EmbeddedDynamoDb(true, settings -> {});
            }
            return shared;
        }
    }

    /** A new engine of its own, with empty tables (against another endpoint: new clients on it); {@link #close()} stops it. */
    public static EmbeddedDynamoDb start() {
        return new EmbeddedDynamoDb(false, settings -> {});
    }

    /**
     * As {@link #start()}, with an engine built with the given settings (shards per stream, clock, time-to-live
     * sweeper...): {@code EmbeddedDynamoDb.start(engine -> engine.shardsPerStream(4))}. Against another endpoint
     * the settings are not applied (that endpoint has its own); a test relying on them should call {@link #engine()},
     * which skips it there.
     */
    public static EmbeddedDynamoDb start(Consumer<DynamoDbEngine.Builder> settings) {
        return new EmbeddedDynamoDb(false, Objects.requireNonNull(settings, "settings"));
    }

    /** The endpoint the tests are pointed at instead of the in-process engine, if one is configured. */
    public static Optional<URI> configuredEndpoint() {
        String value = System.getProperty(ENDPOINT_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENDPOINT_VARIABLE);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
    }

    /** The engine that made {@code client} (any client of {@link #client()} and its kin), if one did. */
    static Optional<EmbeddedDynamoDb> engineOf(Object client) {
        return Optional.ofNullable(CLIENTS.get(client));
    }

    /**
     * The in-process engine, for its controls (time, shards, faults).
     *
     * <p>Against another endpoint the calling test is skipped (a JUnit assumption), since no other
     * endpoint offers these controls.
     */
    public DynamoDbEngine engine() {
        Assumptions.assumeTrue(
                engine != null, () -> "needs the embedded engine's controls; skipped against " + endpoint);
        return engine;
    }

    /** The shared synchronous client; do not close it. */
    public DynamoDbClient client() {
        return client;
    }

    /** The shared asynchronous client; do not close it. */
    public DynamoDbAsyncClient asyncClient() {
        return asyncClient;
    }

    /** The shared synchronous DynamoDB Streams client; do not close it. */
    public DynamoDbStreamsClient streamsClient() {
        return streamsClient;
    }

    /** The shared asynchronous DynamoDB Streams client; do not close it. */
    public DynamoDbStreamsAsyncClient streamsAsyncClient() {
        return streamsAsyncClient;
    }

    /** A new synchronous client with the given interceptors (a {@link FaultInjector}, say); the caller closes it. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return registered(target(DynamoDbClient.builder(), interceptors).build());
    }

    /** A new asynchronous client with the given interceptors; the caller closes it. */
    public DynamoDbAsyncClient asyncClient(ExecutionInterceptor... interceptors) {
        return registered(target(DynamoDbAsyncClient.builder(), interceptors).build());
    }

    /** A new synchronous DynamoDB Streams client with the given interceptors; the caller closes it. */
    public DynamoDbStreamsClient streamsClient(ExecutionInterceptor... interceptors) {
        return registered(target(DynamoDbStreamsClient.builder(), interceptors).build());
    }

    /** A new asynchronous DynamoDB Streams client with the given interceptors; the caller closes it. */
    public DynamoDbStreamsAsyncClient streamsAsyncClient(ExecutionInterceptor... interceptors) {
        return registered(
                target(DynamoDbStreamsAsyncClient.builder(), interceptors).build());
    }

    /** Closes every open stream shard of every table; each continues in a child shard whose {@code parentShardId} names it. */
    public void triggerShardRollovers() {
        engine().rolloverShards();
    }

    /**
     * Ages every stored stream timestamp by {@code offset} and expires the iterators issued before,
     * so records older than the 24 h retention are trimmed as they would be after that long.
     */
    public void dilateEventTimes(Duration offset) {
        Objects.requireNonNull(offset, "offset");
        engine().dilateEventTimes(offset);
    }

    /**
     * Creates a new table (named from {@code hint} as {@link #newTableName}) keyed by string
     * {@code pk}, on demand billing, with a {@code NEW_AND_OLD_IMAGES} stream; returns its name.
     */
    @SuppressWarnings("unchecked")
    public String createStreamTable(String hint) {
        String table = newTableName(hint);
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
        return table;
    }

    /**
     * A table name no other caller gets: {@code hint} (letters, digits, {@code _-.}) followed by a
     * counter (and, against another endpoint, this run's own suffix), within DynamoDB's 3-255 characters.
     */
    public String newTableName(String hint) {
        Objects.requireNonNull(hint, "hint");
        String clean = hint.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.length() > 200) {
            clean = clean.substring(0, 200);
        }
        return (clean.isEmpty() ? "table" : clean) + "_" + TABLE_COUNTER.incrementAndGet()
                + (engine == null ? "_" + RUN : "");
    }

    /**
     * Stops an engine made by {@link #start()}.
     *
     * @throws IllegalStateException on the {@link #shared()} engine, which stops when the JVM exits
     */
    @Override
    public void close() {
        if (isShared) {
            throw new IllegalStateException("the shared embedded DynamoDB stops when the JVM exits; do not close it");
        }
        client.close();
        asyncClient.close();
        streamsClient.close();
        streamsAsyncClient.close();
        if (engine != null) {
            engine.close();
        }
    }

    private <C> C registered(C client) {
        CLIENTS.put(client, this);
        return client;
    }

    private <B extends AwsClientBuilder<B, ?>> B target(B builder, ExecutionInterceptor... interceptors) {
        if (engine != null) {
            engine.configure(builder);
        } else {
            builder.endpointOverride(endpoint);
        }
        return builder.overrideConfiguration(o -> {
            o.retryStrategy(AwsRetryStrategy.doNotRetry());
            for (ExecutionInterceptor interceptor : interceptors) {
                o.addExecutionInterceptor(Objects.requireNonNull(interceptor, "interceptor"));
            }
        });
    }

    @Override
    public String toString() {
        return "EmbeddedDynamoDb[" + (isShared ? "shared" : "owned") + ", "
                + (engine != null ? "in-process engine " + engine : "endpoint " + endpoint) + "]";
    }
}
