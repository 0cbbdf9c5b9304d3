package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.PersistenceProviderHealth;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class LifecycleTest {

    private static final PartitionKey PK = PartitionKey.of("life");

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAClearError(EmbeddedDynamoDb db, @TestTableName String table) {
        var fixture = TestProviders.open(db, table);
        var provider = fixture.provider();
        provider.close();
        provider.close();

        assertThatThrownBy(() -> provider.getById("a", PK, null, TestDocument.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'DynamoDb' is closed");
        assertThatThrownBy(() -> provider.create(new TestDocument("a", "n", 1), PK))
                .isInstanceOf(IllegalStateException.class);
        assertThat(provider.getService(PersistenceProviderHealth.class)
                        .orElseThrow()
                        .isAvailable())
                .isFalse();
        assertThat(await(provider.testConnection())).isFalse();
        fixture.client().close();
    }

    /** The engine over HTTP, for clients whose closing shows. */
    @RegisterExtension
    static final EngineServerExtension SERVER = new EngineServerExtension();

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS(PK.value()), "sk", AttributeValue.fromS(id));
    }

    /**
     * A caller's client on the server, with a call timeout as most configurations have. Its close
     * shows: a closed SDK client with timeouts refuses every call at once (its timer is shut down),
     * whereas the in-process clients ignore close and an HTTP client without timeouts winds down
     * asynchronously and may still answer right after.
     */
    private static <B extends AwsClientBuilder<B, ?>> B callersClient(B builder) {
        return builder.endpointOverride(SERVER.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)));
    }

    @Test
    void aClosedClientOfThisKindRefusesCalls() {
        DynamoDbAsyncClient client =
                callersClient(DynamoDbAsyncClient.builder()).build();
        assertThat(client.listTables().join().tableNames()).isNotNull();
        client.close();
        assertThat(catchThrowable(() -> client.listTables().join()))
                .as("a call on the closed client")
                .isNotNull();
    }

    @Test
    void closingTheProviderLeavesTheCallersClientsUsable() {
        String table = "caller_clients";
        try (DynamoDbAsyncClient client =
                        callersClient(DynamoDbAsyncClient.builder()).build();
                DynamoDbStreamsAsyncClient streams =
                        callersClient(DynamoDbStreamsAsyncClient.builder()).build()) {
            DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                    .client(client)
                    .streamsClient(streams)
                    .options(o -> o.tableName(table).createTablesIfMissing(true))
                    .build();
            await(provider.create(new TestDocument("kept", "n", 1), PK));
            assertThat(provider.client()).isSameAs(client);
            assertThat(provider.streamsClient()).isSameAs(streams);

            provider.close();

            assertThat(client.getItem(b -> b.tableName(table).key(key("kept")))
                            .join()
                            .item())
                    .as("the caller's DynamoDB client still answers")
                    .containsKey("name");
            assertThat(streams.listStreams(b -> b.tableName(table)).join().streams())
                    .as("the caller's Streams client still answers")
                    .hasSize(1);
        }
    }

    @Test
    void closingTheProviderThatDerivedAStreamsClientLeavesTheCallersClientUsable() {
        String table = "derived_streams";
        try (DynamoDbAsyncClient client =
                callersClient(DynamoDbAsyncClient.builder()).build()) {
            DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                    .client(client)
                    .options(o -> o.tableName(table).createTablesIfMissing(true))
                    .build();
            await(provider.create(new TestDocument("kept", "n", 1), PK));
            DynamoDbStreamsAsyncClient derived = provider.streamsClient();
            assertThat(derived).isNotSameAs(client);
            assertThat(derived.listStreams(b -> b.tableName(table)).join().streams())
                    .hasSize(1);

            provider.close();

            assertThat(client.getItem(b -> b.tableName(table).key(key("kept")))
                            .join()
                            .hasItem())
                    .as("the caller's DynamoDB client still answers")
                    .isTrue();
        }
    }

    @Test
    void closingTheProviderClosesTheClientsItBuiltFromOptions() {
        String table = "owned_clients";
        DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .options(o -> o.serviceUrl(SERVER.endpoint())
                        .credentials("local", "local")
                        .tableName(table)
                        .createTablesIfMissing(true))
                .build();
        await(provider.create(new TestDocument("a", "n", 1), PK));
        DynamoDbAsyncClient client = provider.client();
        DynamoDbStreamsAsyncClient streams = provider.streamsClient();
        assertThat(client.describeTable(b -> b.tableName(table)).join().table().tableName())
                .isEqualTo(table);
        assertThat(streams.listStreams(b -> b.tableName(table)).join().streams())
                .hasSize(1);

        provider.close();

        assertThat(catchThrowable(
                        () -> client.describeTable(b -> b.tableName(table)).join()))
                .as("the DynamoDB client the provider built is closed")
                .isNotNull();
        assertThat(catchThrowable(
                        () -> streams.listStreams(b -> b.tableName(table)).join()))
                .as("the Streams client the provider built is closed")
                .isNotNull();
    }

    @Test
    void preConfiguredClientWithoutStreamsClientGetsOneWithTheSameRegionAndEndpoint() {
        DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://localhost:8000"))
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .build();
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client)
                .options(o -> o.tableName("Orders"))
                .build()) {
            DynamoDbStreamsAsyncClient streams = provider.streamsClient();
            assertThat(streams.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(streams.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://localhost:8000"));
            assertThat(provider.streamsClient()).isSameAs(streams);
        } finally {
            client.close();
        }
    }

    @Test
    void providerBuiltFromOptionsTalksToTheEndpointItWasGiven() {
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .options(o -> o.serviceUrl("http://127.0.0.1:9")
                        .tableName("Orders")
                        .credentials("local", "local")
                        .maxRetryAttempts(0)
                        .requestTimeout(Duration.ofSeconds(5)))
                .build()) {
            assertThatThrownBy(() -> await(provider.initialize()))
                    .isInstanceOf(DynamoDbPersistenceException.class)
                    .hasMessageContaining("Orders");
            assertThat(await(provider.testConnection())).isFalse();
            assertThat(provider.streamsClient().serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:9"));
        }
    }

    @Test
    void theEmbeddedFlagRunsTheProviderOnTheInProcessEngineWithoutRegionOrEndpoint() {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        String table = db.newTableName("embedded_flag");
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .embedded()
                .options(o -> o.tableName(table).createTablesIfMissing(true))
                .build()) {
            assertThat(await(provider.create(new TestDocument("e", "x", 1), PartitionKey.of("p")))
                            .success())
                    .isTrue();
            assertThat(db.client()
                            .getItem(b -> b.tableName(table)
                                    .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("e"))))
                            .hasItem())
                    .isTrue();
        }
        assertThat(db.client().describeTable(b -> b.tableName(table)).table().tableName())
                .as("the shared engine and its clients outlive the provider")
                .isEqualTo(table);
    }
}
