package dev.excalibur.dynamodb.engine;

import com.sun.net.httpserver.HttpServer;
import dev.excalibur.dynamodb.engine.internal.transport.HttpEndpoint;
import dev.excalibur.dynamodb.engine.internal.transport.SdkClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A {@link DynamoDbEngine} served over HTTP on the loopback interface, speaking the service's wire
 * protocol (AWS JSON 1.0: {@code POST /}, {@code X-Amz-Target}, {@code __type} errors,
 * {@code x-amzn-RequestId}, {@code x-amz-crc32}), for the AWS CLI, other languages, KCL or any SDK
 * pointed at {@link #endpoint()}. Requests run on up to {@value #WORKER_THREADS} threads at once;
 * more wait their turn. The engine does not authenticate requests. The server's own SDK clients are
 * made on first use, with the SDK's default HTTP clients. Loading this class sets the JDK server's
 * {@code sun.net.httpserver.nodelay} system property to {@code true} unless it is set (TCP_NODELAY,
 * without which every answer waits about 40 ms); it takes effect if no JDK HttpServer was made before.
 *
 * <pre>{@code
 * try (DynamoDbEngine engine = DynamoDbEngine.create();
 *      DynamoDbEngineServer server = DynamoDbEngineServer.create(engine, 0).start()) {
 *     server.client().listTables();   // over HTTP to server.endpoint()
 * }
 * }</pre>
 */
public final class DynamoDbEngineServer implements AutoCloseable {

    /** How many requests the server works on at once. */
    public static final int WORKER_THREADS = 64;

    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes an answer's headers and body as two packets; with Nagle's algorithm on, the body waits
        // for
        // the caller's delayed ACK (40 ms on Linux) on every request. Turn it off unless the user decided otherwise.
        // The JDK
        // reads the property once, when the JVM's first HttpServer is made.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final DynamoDbEngine engine;
    private final int requestedPort;
    private @Nullable HttpServer http;
    private @Nullable ThreadPoolExecutor workers;
    private @Nullable URI endpoint;
    private @Nullable DynamoDbClient client;
    private @Nullable DynamoDbAsyncClient asyncClient;
    private @Nullable DynamoDbStreamsClient streamsClient;
    private @Nullable DynamoDbStreamsAsyncClient streamsAsyncClient;

    private DynamoDbEngineServer(DynamoDbEngine engine, int port) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        this.requestedPort = port;
    }

    /**
     * A server for {@code engine} on {@code 127.0.0.1:port} ({@code 0}: a free port chosen at
     * {@link #start()}); not started yet. The engine stays the caller's: {@link #close()} leaves it open.
     *
     * @throws IllegalArgumentException if the port is outside 0-65535
     */
    public static DynamoDbEngineServer create(DynamoDbEngine engine, int port) {
        return new DynamoDbEngineServer(engine, port);
    }

    /**
     * Binds the port and starts serving; returns this server.
     *
     * @throws IllegalStateException if it was started before
     * @throws UncheckedIOException if the port cannot be bound (in use, say)
     */
    public synchronized DynamoDbEngineServer start() {
        if (http != null) {
            throw new IllegalStateException("the server was started already");
        }
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
        }
        int server = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        workers = new ThreadPoolExecutor(
                WORKER_THREADS, WORKER_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread =
                            new Thread(task, "dynamodb-engine-server-" + server + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
        http.setExecutor(workers);
        http.createContext(
                "/", new HttpEndpoint(engine.bridge(), engine.region().id()));
        http.start();
        endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        return this;
    }

    /**
     * The port the server listens on.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        return endpoint().getPort();
    }

    /**
     * The server's URL, {@code http://127.0.0.1:<port>}, for an SDK's {@code endpointOverride} or the
     * AWS CLI's {@code --endpoint-url}.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized URI endpoint() {
        requireStarted();
        return endpoint;
    }

    /** The engine this server serves. */
    public DynamoDbEngine engine() {
        return engine;
    }

    /** A synchronous DynamoDB client talking HTTP to this server; do not close it, {@link #close()} does. Made on first use; after {@link #close()} an {@link IllegalStateException}. */
    public synchronized DynamoDbClient client() {
        requireOpen();
        if (client == null) {
            client = configure(DynamoDbClient.builder()).build();
        }
        return client;
    }

    /** An asynchronous DynamoDB client talking HTTP to this server; do not close it, {@link #close()} does. Made on first use; after {@link #close()} an {@link IllegalStateException}. */
    public synchronized DynamoDbAsyncClient asyncClient() {
        requireOpen();
        if (asyncClient == null) {
            asyncClient = configure(DynamoDbAsyncClient.builder()).build();
        }
        return asyncClient;
    }

    /** A synchronous DynamoDB Streams client talking HTTP to this server; do not close it, {@link #close()} does. Made on first use; after {@link #close()} an {@link IllegalStateException}. */
    public synchronized DynamoDbStreamsClient streamsClient() {
        requireOpen();
        if (streamsClient == null) {
            streamsClient = configure(DynamoDbStreamsClient.builder()).build();
        }
        return streamsClient;
    }

    /** An asynchronous DynamoDB Streams client talking HTTP to this server; do not close it, {@link #close()} does. Made on first use; after {@link #close()} an {@link IllegalStateException}. */
    public synchronized DynamoDbStreamsAsyncClient streamsAsyncClient() {
        requireOpen();
        if (streamsAsyncClient == null) {
            streamsAsyncClient = configure(DynamoDbStreamsAsyncClient.builder()).build();
        }
        return streamsAsyncClient;
    }

    /**
     * Points {@code builder}, a builder of any DynamoDB or DynamoDB Streams client, at this server
     * (engine's region, fixed credentials, {@link #endpoint()}, no retries; the SDK's default HTTP
     * client) and returns it for the caller's own settings. The caller closes the client it builds.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return SdkClients.configure(builder, endpoint(), engine.region());
    }

    /** Stops listening, ends the requests in flight and closes this server's clients; the engine stays open. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (http == null || workers.isShutdown()) {
            return;
        }
        for (SdkAutoCloseable sdkClient :
                new SdkAutoCloseable[] {client, asyncClient, streamsClient, streamsAsyncClient}) {
            if (sdkClient != null) {
                sdkClient.close();
            }
        }
        http.stop(0);
        workers.shutdownNow();
    }

    private void requireOpen() {
        if (workers != null && workers.isShutdown()) {
            throw new IllegalStateException("the server is closed");
        }
    }

    private void requireStarted() {
        if (endpoint == null) {
            throw new IllegalStateException("the server is not started; call start() first");
        }
    }

    @Override
    public synchronized String toString() {
        return "DynamoDbEngineServer[" + (endpoint == null ? "not started" : endpoint) + ", " + engine + "]";
    }
}
