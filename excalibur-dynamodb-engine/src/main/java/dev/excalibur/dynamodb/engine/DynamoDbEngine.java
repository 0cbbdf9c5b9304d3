package dev.excalibur.dynamodb.engine;

import dev.excalibur.dynamodb.engine.internal.faults.Controls;
import dev.excalibur.dynamodb.engine.internal.service.EngineService;
import dev.excalibur.dynamodb.engine.internal.transport.EngineBridge;
import dev.excalibur.dynamodb.engine.internal.transport.InProcessHttpClient;
import dev.excalibur.dynamodb.engine.internal.transport.SdkClients;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

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

    private DynamoDbEngine(Builder builder) {
        this.region = builder.region;
        this.accountId = builder.accountId;
        this.service = new EngineService(builder.clock, region.id(), accountId);
        this.controls = new Controls(builder.clock, builder.requestLogSize);
        this.faults = new Faults(controls);
        this.bridge = new EngineBridge(service, UnimplementedStreams.INSTANCE, controls);
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
        this.streamsAsyncClient = configure(DynamoDbStreamsAsyncClient.builder()).build();
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
            throw new IllegalArgumentException("not a sync or async SDK client builder: " + builder.getClass().getName());
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
     * flight is not in it yet.
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
     * and indexes), the transactions' idempotency tokens, every fault rule and the request log. Requests in
     * flight during a reset may see the old state or the new.
     */
    public void reset() {
        controls.clearRules();
        service.reset();
        controls.clearRequests();
    }

    /** The region in the engine's ARNs and the one its clients use. */
    public Region region() {
        return region;
    }

    /** The 12-digit account id in the engine's ARNs. */
    public String accountId() {
        return accountId;
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

        private Builder() {
        }

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

        /** The clock behind every time the engine reads or writes; default the system UTC clock. */
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

    /** The DynamoDB Streams API until the engine implements it: every call answers {@code UnknownOperationException}. */
    private static final class UnimplementedStreams implements DynamoDbStreamsClient {

        static final UnimplementedStreams INSTANCE = new UnimplementedStreams();

        @Override
        public String serviceName() {
            return DynamoDbStreamsClient.SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
