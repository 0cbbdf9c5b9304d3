package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The codec bean on each Boot line (a subclass per starter names its Jackson auto-configuration and
 * customizer): the context's Jackson customisation reaches the stored items, with the storage format
 * pinned; an application's codec bean is used as it is.
 */
abstract class ContextJacksonCodecTests {

    enum Status {
        IN_TRANSIT;

        @Override
        public String toString() {
            return "in transit";
        }
    }

    record Shipment(String id, String trackingNumber, Duration holdFor, Status status) {}

    private static final Shipment SHIPMENT = new Shipment("s-1", "TN-42", Duration.ofHours(1), Status.IN_TRANSIT);
    private static final PartitionKey CUSTOMER = PartitionKey.of("customer-1");

    private final EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();

    /** This line's Jackson auto-configuration, with a customizer that names properties in snake_case. */
    abstract ApplicationContextRunner withSnakeCaseJackson(ApplicationContextRunner runner);

    private ApplicationContextRunner runner(String table) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ExcaliburDocumentCodecAutoConfiguration.class, ExcaliburDynamoDbAutoConfiguration.class))
                .withBean(DynamoDbAsyncClient.class, db::asyncClient)
                .withBean(DynamoDbStreamsAsyncClient.class, db::streamsAsyncClient)
                .withPropertyValues(
                        "excalibur.dynamodb.table-name=" + table, "excalibur.dynamodb.create-tables-if-missing=true");
    }

    /** The one item of the provider's table, as DynamoDB holds it. */
    private Map<String, AttributeValue> storedItem(DynamoDbPersistenceProvider provider) {
        return db.client()
                .scan(scan -> scan.tableName(provider.options().qualifiedTableName()))
                .items()
                .get(0);
    }

    @Test
    void theContextsJacksonCustomisationReachesStoredItemsWithTheStorageFormatPinned() {
        withSnakeCaseJackson(runner(db.newTableName("shipments"))).run(context -> {
            DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
            assertThat(provider.documentCodec()).isSameAs(context.getBean(DocumentCodec.class));
            assertThat(provider.create(SHIPMENT, CUSTOMER).join().success()).isTrue();

            Map<String, AttributeValue> item = storedItem(provider);
            // the application's naming strategy applies ...
            assertThat(item).containsKey("tracking_number").doesNotContainKey("trackingNumber");
            // ... and the storage format stays the codecs' own, whatever Boot's JSON defaults are
            // (Boot writes durations as text): durations as seconds, enums by name
            assertThat(new BigDecimal(item.get("hold_for").n())).isEqualByComparingTo("3600");
            assertThat(item.get("status").s()).isEqualTo("IN_TRANSIT");
            assertThat(provider.getById("s-1", CUSTOMER, null, Shipment.class)
                            .join()
                            .document())
                    .isEqualTo(SHIPMENT);
        });
    }

    @Test
    void withoutAJacksonMapperBeanTheCodecsDefaultMapsDocuments() {
        runner(db.newTableName("shipments")).run(context -> {
            DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
            assertThat(provider.create(SHIPMENT, CUSTOMER).join().success()).isTrue();

            Map<String, AttributeValue> item = storedItem(provider);
            assertThat(item).containsKey("trackingNumber");
            assertThat(new BigDecimal(item.get("holdFor").n())).isEqualByComparingTo("3600");
        });
    }

    @Test
    void anApplicationsCodecBeanReplacesOursAndIsUsedAsItIs() {
        DocumentCodec applications = DocumentCodec.discover();
        withSnakeCaseJackson(runner(db.newTableName("shipments")))
                .withBean(DocumentCodec.class, () -> applications)
                .run(context -> {
                    assertThat(context).getBeans(DocumentCodec.class).hasSize(1);
                    DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
                    assertThat(provider.documentCodec()).isSameAs(applications);
                    assertThat(provider.create(SHIPMENT, CUSTOMER).join().success())
                            .isTrue();
                    assertThat(storedItem(provider)).containsKey("trackingNumber");
                });
    }
}
