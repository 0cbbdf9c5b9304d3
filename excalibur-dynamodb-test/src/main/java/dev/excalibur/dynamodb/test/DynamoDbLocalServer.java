package dev.excalibur.dynamodb.test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * DynamoDB Local in server mode, in this JVM, listening over HTTP on a free loopback port, for code
 * that needs a real endpoint (the Kinesis Client Library, or a benchmark that should pay for HTTP).
 * Its clients use region {@code us-east-1}, fixed credentials and the SDK's default retries.
 * Prefer {@link EmbeddedDynamoDb} where an in-process engine will do: it starts faster and can
 * inject faults.
 *
 * <pre>{@code
 * try (DynamoDbLocalServer server = DynamoDbLocalServer.start(); DynamoDbClient client = server.client()) {
 *     client.createTable(...);
 * }
 * }</pre>
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts an in-memory server on a free port. */
    public static DynamoDbLocalServer start() {
        int port = freePort();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
            server.start();
            return new DynamoDbLocalServer(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    /** Where the server listens, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A new synchronous DynamoDB client on the server; the caller closes it. */
    public DynamoDbClient client() {
        return local(DynamoDbClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** A new asynchronous DynamoDB client on the server; the caller closes it. */
    public DynamoDbAsyncClient asyncClient() {
        return local(DynamoDbAsyncClient.builder()).build();
    }

    /** A new synchronous DynamoDB Streams client on the server; the caller closes it. */
    public DynamoDbStreamsClient streamsClient() {
        return local(DynamoDbStreamsClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** A new asynchronous DynamoDB Streams client on the server; the caller closes it. */
    public DynamoDbStreamsAsyncClient streamsAsyncClient() {
        return local(DynamoDbStreamsAsyncClient.builder()).build();
    }

    /** Stops the server; its data is gone. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    @Override
    public String toString() {
        return "DynamoDbLocalServer[" + endpoint + "]";
    }

    private <B extends AwsClientBuilder<B, ?>> B local(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
