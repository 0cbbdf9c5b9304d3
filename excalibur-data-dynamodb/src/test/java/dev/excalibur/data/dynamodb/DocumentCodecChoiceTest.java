package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.dynamodb.codec.jackson2.Jackson2DocumentCodec;
import dev.excalibur.dynamodb.codec.jackson3.Jackson3DocumentCodec;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/** The provider maps documents with the codec it is given, or with the discovered (Jackson 3) one. */
@ExtendWith(EmbeddedDynamoDbExtension.class)
class DocumentCodecChoiceTest {

    private static final PartitionKey PK = PartitionKey.of("codec");

    record Person(String id, String firstName) {}

    @Test
    void withoutACodecTheProviderUsesTheDiscoveredJackson3Codec(EmbeddedDynamoDb db, @TestTableName String table) {
        try (TestProviders.TestProvider fixture = TestProviders.open(db, table)) {
            assertThat(fixture.provider().documentCodec()).isInstanceOf(Jackson3DocumentCodec.class);
        }
    }

    @Test
    void aGivenCodecMapsWhatTheProviderWritesAndReads(EmbeddedDynamoDb db, @TestTableName String table) {
        Jackson2DocumentCodec snakeCase = Jackson2DocumentCodec.of(JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build());
        DynamoDbAsyncClient client = db.asyncClient();
        DynamoDbStreamsAsyncClient streams = db.streamsAsyncClient();
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client)
                .streamsClient(streams)
                .options(o -> o.tableName(table).createTablesIfMissing(true).retryBaseDelay(Duration.ofMillis(1)))
                .documentCodec(snakeCase)
                .build()) {
            await(provider.initialize());

            await(provider.create(new Person("ada", "Ada"), PK));

            List<Map<String, AttributeValue>> stored =
                    client.scan(scan -> scan.tableName(table)).join().items();
            assertThat(stored)
                    .singleElement()
                    .satisfies(item -> assertThat(item)
                            .containsEntry("first_name", AttributeValue.fromS("Ada"))
                            .doesNotContainKey("firstName"));
            assertThat(await(provider.getById("ada", PK, null, Person.class)).document())
                    .isEqualTo(new Person("ada", "Ada"));
            assertThat(provider.documentCodec()).isSameAs(snakeCase);
        } finally {
            client.close();
            streams.close();
        }
    }

    @Test
    void aNullCodecIsRefusedByName() {
        assertThatThrownBy(() -> DynamoDbPersistenceProvider.builder().documentCodec(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("documentCodec must not be null");
    }
}
