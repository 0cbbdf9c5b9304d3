package dev.excalibur.bench;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.DynamoDbLocalExtension;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.TestTableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark measures real work: every contender leaves the order created and then updated. */
@ExtendWith(DynamoDbLocalExtension.class)
class ContendersTest {

    @Test
    void rawSdkContenderCreatesReadsAndUpdates(EmbeddedDynamoDb db, @TestTableName String table) {
        assertShipped(db, table, RawSdkContender::new);
    }

    @Test
    void enhancedClientContenderCreatesReadsAndUpdates(EmbeddedDynamoDb db, @TestTableName String table) {
        assertShipped(db, table, EnhancedClientContender::new);
    }

    @Test
    void providerContenderCreatesReadsAndUpdates(EmbeddedDynamoDb db, @TestTableName String table) {
        assertShipped(db, table, (client, name) -> new ProviderContender(DynamoDbPersistenceProvider.builder()
                .client(client).options(o -> o.tableName(name)).build()));
    }

    @Test
    void aRepeatedCreateIsRefusedSoEveryRoundWritesNewOrders(EmbeddedDynamoDb db, @TestTableName String table) {
        CrudThroughputBenchmark.createTable(db, table);
        Contender raw = new RawSdkContender(db.asyncClient(), table);
        raw.createReadUpdate(3).join();

        assertThatThrownBy(() -> raw.createReadUpdate(3).join())
                .hasCauseInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void recordedResponsesServeEveryContender() {
        try (DynamoDbAsyncClient canned = DynamoDbAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .endpointOverride(URI.create("http://canned.local"))
                .httpClient(new CannedResponseHttpClient())
                .build()) {
            DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                    .client(canned).options(o -> o.tableName("Orders")).build();
            for (Contender contender : new Contender[] {new RawSdkContender(canned, "Orders"),
                    new EnhancedClientContender(canned, "Orders"), new ProviderContender(provider)}) {
                assertThat(contender.createReadUpdate(1)).succeedsWithin(Duration.ofSeconds(10));
            }
        }
    }

    private static void assertShipped(EmbeddedDynamoDb db, String table, BiFunction<DynamoDbAsyncClient, String, Contender> make) {
        CrudThroughputBenchmark.createTable(db, table);
        Contender contender = make.apply(db.asyncClient(), table);

        contender.createReadUpdate(7).join();

        Order order = Order.number(7);
        Map<String, AttributeValue> stored = db.client().getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(order.customer()), "sk", AttributeValue.fromS(order.id())))).item();
        assertThat(stored.get("status").s()).isEqualTo("SHIPPED");
        assertThat(stored.get("customer").s()).isEqualTo(order.customer());
        assertThat(stored.get("tags").l()).extracting(AttributeValue::s).containsExactlyElementsOf(order.tags());
    }
}
