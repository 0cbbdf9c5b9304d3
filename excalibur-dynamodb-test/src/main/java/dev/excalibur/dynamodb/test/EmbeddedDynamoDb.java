package dev.excalibur.dynamodb.test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One in-memory DynamoDB Local engine running inside this JVM, with real AWS SDK v2 clients on it.
 *
 * <p>The clients returned by {@link #client()}, {@link #asyncClient()}, {@link #streamsClient()} and
 * {@link #streamsAsyncClient()} are ordinary SDK clients whose HTTP layer hands each request to the
 * engine in-process: marshalling, interceptors and error unmarshalling run exactly as against AWS.
 * They use region {@code us-east-1}, fixed credentials, and have SDK retries turned off so that
 * faults injected with a {@link FaultInjector} reach the code under test exactly as configured.
 *
 * <pre>{@code
 * EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
 * db.client().createTable(...);
 * }</pre>
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** The endpoint the in-process clients pretend to call; nothing listens there. */
    public static final URI ENDPOINT = URI.create("http://dynamodb.embedded.local");

    private static final Object SHARED_LOCK = new Object();
    private static final AtomicLong TABLE_COUNTER = new AtomicLong();
    /** Every client an engine made, to the engine: how a provider given one client finds its streams twin. */
    private static final Map<Object, EmbeddedDynamoDb> CLIENTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static EmbeddedDynamoDb shared;

    private final AmazonDynamoDBLocal engine;
    private final boolean isShared;
    private final ExecutorService executor;
    private final InProcessHttpClient http;
    private final DynamoDbClient client;
    private final DynamoDbAsyncClient asyncClient;
    private final DynamoDbStreamsClient streamsClient;
    private final DynamoDbStreamsAsyncClient streamsAsyncClient;

    private EmbeddedDynamoDb(boolean isShared) {
        this.isShared = isShared;
        this.engine = DynamoDBEmbedded.create();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "embedded-dynamodb-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = new InProcessHttpClient(new EngineBridge(engine.dynamoDbClient(), engine.dynamoDbStreamsClient()), executor);
        this.client = client(new ExecutionInterceptor[0]);
        this.asyncClient = asyncClient(new ExecutionInterceptor[0]);
        this.streamsClient = streamsClient(new ExecutionInterceptor[0]);
        this.streamsAsyncClient = streamsAsyncClient(new ExecutionInterceptor[0]);
    }

    /** The engine that made {@code client} (any client of {@link #client()} and its kin), if one did. */
    static Optional<EmbeddedDynamoDb> engineOf(Object client) {
        return Optional.ofNullable(CLIENTS.get(client));
    }

    private <C> C registered(C client) {
        CLIENTS.put(client, this);
        return client;
    }

    /**
     * The engine shared by everything in this JVM, started on first use (about two seconds), in
     * memory, living as long as the JVM: it is not stopped by a shutdown hook, so an application's
     * own shutdown (a CDC processor writing its last checkpoint) can still use it while the JVM exits.
     * Tests isolate themselves by table name ({@link #newTableName}).
     */
    public static EmbeddedDynamoDb shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = new EmbeddedDynamoDb(true);
            }
            return shared;
        }
    }

    /** A new engine of its own, with empty tables; {@link #close()} stops it. */
    public static EmbeddedDynamoDb start() {
        return new EmbeddedDynamoDb(false);
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
        return registered(inProcess(DynamoDbClient.builder(), interceptors).httpClient(http).build());
    }

    /** A new asynchronous client with the given interceptors; the caller closes it. */
    public DynamoDbAsyncClient asyncClient(ExecutionInterceptor... interceptors) {
        return registered(inProcess(DynamoDbAsyncClient.builder(), interceptors).httpClient(http).build());
    }

    /** A new synchronous DynamoDB Streams client with the given interceptors; the caller closes it. */
    public DynamoDbStreamsClient streamsClient(ExecutionInterceptor... interceptors) {
        return registered(inProcess(DynamoDbStreamsClient.builder(), interceptors).httpClient(http).build());
    }

    /** A new asynchronous DynamoDB Streams client with the given interceptors; the caller closes it. */
    public DynamoDbStreamsAsyncClient streamsAsyncClient(ExecutionInterceptor... interceptors) {
        return registered(inProcess(DynamoDbStreamsAsyncClient.builder(), interceptors).httpClient(http).build());
    }

    /**
     * The engine's own synchronous client: calls go straight into DynamoDB Local without the SDK
     * pipeline (no interceptors, no marshalling). Fastest; for set-up and benchmarks.
     */
    public DynamoDbClient engineClient() {
        return engine.dynamoDbClient();
    }

    /** The engine's own asynchronous client, without the SDK pipeline. */
    public DynamoDbAsyncClient engineAsyncClient() {
        return engine.dynamoDbAsyncClient();
    }

    /** The engine's own DynamoDB Streams client, without the SDK pipeline. */
    public DynamoDbStreamsClient engineStreamsClient() {
        return engine.dynamoDbStreamsClient();
    }

    /** Closes every open stream shard; each continues in a child shard whose {@code parentShardId} names it. */
    public void triggerShardRollovers() {
        engine.triggerShardRollovers();
    }

    /**
     * Moves the engine's stream clock forward by {@code offset}, so records and shards older than
     * the 24 h retention expire and iterators time out as they would after that long.
     */
    public void dilateEventTimes(Duration offset) {
        Objects.requireNonNull(offset, "offset");
        engine.dilateEventTimes(offset.toMillis());
    }

    /**
     * Creates a new table (named from {@code hint} as {@link #newTableName}) keyed by string
     * {@code pk}, on demand billing, with a {@code NEW_AND_OLD_IMAGES} stream; returns its name.
     */
    public String createStreamTable(String hint) {
        String table = newTableName(hint);
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        return table;
    }

    /**
     * A table name no other caller in this JVM gets: {@code hint} (letters, digits, {@code _-.})
     * followed by a counter, within DynamoDB's 3-255 characters.
     */
    public String newTableName(String hint) {
        Objects.requireNonNull(hint, "hint");
        String clean = hint.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.length() > 200) {
            clean = clean.substring(0, 200);
        }
        return (clean.isEmpty() ? "table" : clean) + "_" + TABLE_COUNTER.incrementAndGet();
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
        shutdown();
    }

    private void shutdown() {
        client.close();
        asyncClient.close();
        streamsClient.close();
        streamsAsyncClient.close();
        executor.shutdownNow();
        engine.shutdown();
    }

    private static <B extends AwsClientBuilder<B, ?>> B inProcess(B builder, ExecutionInterceptor... interceptors) {
        return builder.region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("embedded", "embedded")))
                .endpointOverride(ENDPOINT)
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    for (ExecutionInterceptor interceptor : interceptors) {
                        o.addExecutionInterceptor(Objects.requireNonNull(interceptor, "interceptor"));
                    }
                });
    }

    @Override
    public String toString() {
        return "EmbeddedDynamoDb[" + (isShared ? "shared" : "owned") + ", DynamoDB Local in-process, " + ENDPOINT + "]";
    }
}
