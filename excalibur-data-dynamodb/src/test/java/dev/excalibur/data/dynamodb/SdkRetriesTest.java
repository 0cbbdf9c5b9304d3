package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Clients the provider builds from options have the SDK's retries off, so a failing call is tried
 * exactly as often as the provider's own {@link RetryPolicy} says, not that times the SDK's
 * attempts; a caller's client keeps its own retry settings.
 */
class SdkRetriesTest {

    @RegisterExtension
    static final EngineServerExtension SERVER = new EngineServerExtension();

    private static int maxAttempts(ClientOverrideConfiguration configuration) {
        return configuration
                .retryStrategy()
                .map(RetryStrategy::maxAttempts)
                .orElseThrow(() -> new AssertionError("no retry strategy configured: the SDK's default applies"));
    }

    @Test
    void clientsBuiltFromOptionsMakeOneAttemptPerCallAndWork() {
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .options(o -> o.serviceUrl(SERVER.endpoint())
                        .credentials("local", "local")
                        .tableName("built_from_options")
                        .createTablesIfMissing(true))
                .build()) {
            PartitionKey pk = PartitionKey.of("p");
            assertThat(await(provider.create(new TestDocument("a", "n", 1), pk)).success())
                    .isTrue();
            assertThat(await(provider.getById("a", pk, null, TestDocument.class))
                            .document()
                            .name())
                    .isEqualTo("n");

            assertThat(maxAttempts(
                            provider.client().serviceClientConfiguration().overrideConfiguration()))
                    .as("SDK attempts per call of the DynamoDB client")
                    .isEqualTo(1);
            assertThat(maxAttempts(provider.streamsClient()
                            .serviceClientConfiguration()
                            .overrideConfiguration()))
                    .as("SDK attempts per call of the Streams client")
                    .isEqualTo(1);
        }
    }

    @Test
    void aCallersClientKeepsItsOwnRetrySettings() {
        // a caller's client as most are built: the SDK's defaults, retries included
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                        .endpointOverride(SERVER.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .build();
                DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                        .client(client)
                        .options(o -> o.tableName("callers_client"))
                        .build()) {
            assertThat(provider.client()).isSameAs(client);
            assertThat(client.serviceClientConfiguration()
                            .overrideConfiguration()
                            .retryStrategy())
                    .as("the SDK's default retry strategy, untouched")
                    .hasValueSatisfying(
                            strategy -> assertThat(strategy.maxAttempts()).isGreaterThan(1));
        }
    }

    /**
     * An endpoint that drops every connection once a request arrives on it: each attempt of a call
     * is one request and ends in an I/O error, which both the SDK and the provider would retry. With
     * the SDK's retries on, the requests would be the provider's attempts times the SDK's.
     */
    @Test
    void aDroppedConnectionIsTriedExactlyAsOftenAsTheProvidersRetryPolicySays() throws Exception {
        try (DroppingEndpoint endpoint = new DroppingEndpoint();
                DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                        .options(o -> o.serviceUrl(endpoint.uri())
                                .credentials("local", "local")
                                .tableName("dropped")
                                .maxRetryAttempts(2)
                                .retryBaseDelay(Duration.ofMillis(1))
                                .retryMaxDelay(Duration.ofMillis(5))
                                .requestTimeout(Duration.ofSeconds(20)))
                        .build()) {
            assertThatThrownBy(() -> await(provider.initialize())).isInstanceOf(DynamoDbPersistenceException.class);

            assertThat(endpoint.requests())
                    .as("requests received: 1 attempt + 2 provider retries")
                    .isEqualTo(3);
        }
    }

    /**
     * A loopback socket that resets every connection once the first bytes of a request arrived,
     * counting those requests. (Resetting at once instead would make the SDK's connection pool
     * discard the dead connection and open another for the same attempt.)
     */
    private static final class DroppingEndpoint implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger requests = new AtomicInteger();
        private final Thread acceptor;

        DroppingEndpoint() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(
                    () -> {
                        while (true) {
                            Socket connection;
                            try {
                                connection = socket.accept();
                            } catch (IOException closed) {
                                return;
                            }
                            try (connection) {
                                connection.setSoLinger(true, 0);
                                if (connection.getInputStream().read() >= 0) {
                                    requests.incrementAndGet();
                                }
                            } catch (IOException e) {
                                // the client gave up on this connection: no request to count
                            }
                        }
                    },
                    "dropping-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String uri() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
