package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor hands out changes that read as the documents the provider wrote. */
class TypedChangesTest {

    record Order(String id, String status, BigDecimal total, Instant placedAt) {
    }

    /** What the handler saw of one change: its type and both images as orders (or the failure to read them). */
    record Seen(ChangeFeedEventType type, Order before, Order after, String failure) {
    }

    private static final PartitionKey CUSTOMER = PartitionKey.of("customer-1");
    private static final Instant PLACED = Instant.parse("2026-12-01T10:15:30.123Z");

    private final EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();

    @Test
    void withTheProvidersMapperAsDecoderTheHandlerReadsTheWrittenDocumentsBeforeAndAfterEachChange() throws Exception {
        try (DynamoDbPersistenceProvider provider = provider("cdc_typed")) {
            Order placed = new Order("order-1", "PLACED", new BigDecimal("12.5"), PLACED);
            Order shipped = new Order("order-1", "SHIPPED", new BigDecimal("12.5"), PLACED);
            writeCreateUpdateDelete(provider, placed, shipped);

            List<Seen> seen = run(provider, CdcProcessor.builder().documentDecoder(provider.documentMapper()::fromItem));

            assertThat(seen).containsExactly(
                    new Seen(ChangeFeedEventType.CREATED, null, placed, null),
                    new Seen(ChangeFeedEventType.UPDATED, placed, shipped, null),
                    new Seen(ChangeFeedEventType.DELETED, shipped, null, null));
        }
    }

    @Test
    void withoutADecoderTheHandlerIsToldHowToConfigureOne() throws Exception {
        try (DynamoDbPersistenceProvider provider = provider("cdc_untyped")) {
            Order placed = new Order("order-1", "PLACED", BigDecimal.ONE, PLACED);
            writeCreateUpdateDelete(provider, placed, placed);

            List<Seen> seen = run(provider, CdcProcessor.builder());

            assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s.failure()).contains("documentDecoder("));
        }
    }

    private DynamoDbPersistenceProvider provider(String hint) {
        DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder().client(db.asyncClient())
                .options(o -> o.tableName(db.newTableName(hint)).createTablesIfMissing(true)).build();
        provider.initialize().join();
        return provider;
    }

    private static void writeCreateUpdateDelete(DynamoDbPersistenceProvider provider, Order created, Order updated) {
        String etag = provider.create(created, CUSTOMER).join().etag();
        String next = provider.update(updated, CUSTOMER, etag).join().etag();
        provider.delete(created.id(), CUSTOMER, next).join();
    }

    /** Runs a processor of {@code builder} on the provider's table until three changes were seen. */
    private List<Seen> run(DynamoDbPersistenceProvider provider, CdcProcessor.Builder builder) throws InterruptedException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (CdcProcessor processor = builder.name("typed").tableName(provider.options().qualifiedTableName())
                .client(db.asyncClient()).streamsClient(db.streamsAsyncClient()).stateStore(new InMemoryCdcStateStore())
                .pollInterval(Duration.ofMillis(50)).handler(change -> seen.add(seen(change))).build()) {
            processor.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        return List.copyOf(seen);
    }

    private static Seen seen(CdcChange change) {
        try {
            return new Seen(change.type(), change.oldDocument(Order.class), change.newDocument(Order.class), null);
        } catch (IllegalStateException e) {
            return new Seen(change.type(), null, null, e.getMessage());
        }
    }
}
