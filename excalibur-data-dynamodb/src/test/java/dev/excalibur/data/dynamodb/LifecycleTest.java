package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.PersistenceProviderHealth;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.TestTableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'DynamoDb' is closed");
        assertThatThrownBy(() -> provider.create(new TestDocument("a", "n", 1), PK))
                .isInstanceOf(IllegalStateException.class);
        assertThat(provider.getService(PersistenceProviderHealth.class).orElseThrow().isAvailable()).isFalse();
        assertThat(await(provider.testConnection())).isFalse();
        fixture.client().close();
    }

    @Test
    void callerOwnedClientIsNeverClosed(EmbeddedDynamoDb db, @TestTableName String table) {
        DynamoDbAsyncClient client = db.asyncClient();
        DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client).streamsClient(db.streamsAsyncClient())
                .options(o -> o.tableName(table).createTablesIfMissing(true))
                .build();
        await(provider.create(new TestDocument("kept", "n", 1), PK));
        provider.close();

        assertThat(client.describeTable(b -> b.tableName(table)).join().table().tableName()).isEqualTo(table);
        assertThat(db.streamsAsyncClient().listStreams(b -> b.tableName(table)).join().streams()).hasSize(1);
    }

    @Test
    void preConfiguredClientWithoutStreamsClientGetsOneWithTheSameRegionAndEndpoint() {
        DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://localhost:8000"))
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .build();
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client).options(o -> o.tableName("Orders")).build()) {
            DynamoDbStreamsAsyncClient streams = provider.streamsClient();
            assertThat(streams.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(streams.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://localhost:8000"));
            assertThat(provider.streamsClient()).isSameAs(streams);
        } finally {
            client.close();
        }
    }

    @Test
    void providerBuiltFromOptionsTalksToTheEndpointItWasGiven() {
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .options(o -> o.serviceUrl("http://127.0.0.1:9").tableName("Orders")
                        .credentials("local", "local").maxRetryAttempts(0).requestTimeout(Duration.ofSeconds(5)))
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
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder().embedded()
                .options(o -> o.tableName(table).createTablesIfMissing(true)).build()) {
            assertThat(await(provider.create(new TestDocument("e", "x", 1), PartitionKey.of("p"))).success()).isTrue();
            assertThat(db.client().getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromS("e")))).hasItem()).isTrue();
        }
        assertThat(db.client().describeTable(b -> b.tableName(table)).table().tableName())
                .as("the shared engine and its clients outlive the provider").isEqualTo(table);
    }
}
