package dev.excalibur.cdc.dynamodb.kcl;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * DynamoDB Local in server mode on a free loopback port, in this JVM (KCL needs real HTTP
 * endpoints), with SDK v2 clients on it: region us-east-1, fixed dummy credentials.
 */
final class DynamoDbLocalServer implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    static DynamoDbLocalServer start() throws Exception {
        int port = freePort();
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        return new DynamoDbLocalServer(server, port);
    }

    URI endpoint() {
        return endpoint;
    }

    DynamoDbClient client() {
        return local(DynamoDbClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    DynamoDbAsyncClient asyncClient() {
        return local(DynamoDbAsyncClient.builder()).build();
    }

    DynamoDbStreamsClient streamsClient() {
        return local(DynamoDbStreamsClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    CloudWatchAsyncClient cloudWatchClient() {
        return local(CloudWatchAsyncClient.builder()).build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private <B extends AwsClientBuilder<B, ?>> B local(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
