package dev.excalibur.cdc.dynamodb.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.DocumentDecoder;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The processor hands each image to the decoder it was given and the handler reads documents. The
 * provider's own mapper as the decoder is tested where both meet: the Spring Boot starter.
 */
class TypedChangesTest {

    record Order(String id, String status, BigDecimal total) {}

    /** Reads an {@link Order} from its three attributes; any other type is refused. */
    static final class OrderDecoder implements DocumentDecoder {
        @Override
        public <T> T decode(Map<String, AttributeValue> item, Class<T> type) {
            assertThat(type).isEqualTo(Order.class);
            return type.cast(new Order(
                    item.get("pk").s(),
                    item.get("status").s(),
                    new BigDecimal(item.get("total").n())));
        }
    }

    /** What the handler saw of one change: its type and both images as orders (or the failure to read them). */
    record Seen(ChangeFeedEventType type, Order before, Order after, String failure) {}

    private final EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();

    @Test
    void withADecoderTheHandlerReadsTheImagesBeforeAndAfterEachChangeAsDocuments() throws Exception {
        StreamTable table = StreamTable.create(db, "cdc_typed");
        Order placed = new Order("order-1", "PLACED", new BigDecimal("12.5"));
        Order shipped = new Order("order-1", "SHIPPED", new BigDecimal("12.5"));
        writeCreateUpdateDelete(table, placed, shipped);

        List<Seen> seen = run(table, CdcProcessor.builder().documentDecoder(new OrderDecoder()));

        assertThat(seen)
                .containsExactly(
                        new Seen(ChangeFeedEventType.CREATED, null, placed, null),
                        new Seen(ChangeFeedEventType.UPDATED, placed, shipped, null),
                        new Seen(ChangeFeedEventType.DELETED, shipped, null, null));
    }

    @Test
    void withoutADecoderTheHandlerIsToldHowToConfigureOne() throws Exception {
        StreamTable table = StreamTable.create(db, "cdc_untyped");
        Order placed = new Order("order-1", "PLACED", BigDecimal.ONE);
        writeCreateUpdateDelete(table, placed, new Order("order-1", "SHIPPED", BigDecimal.ONE));

        List<Seen> seen = run(table, CdcProcessor.builder());

        assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s.failure()).contains("documentDecoder("));
    }

    private void writeCreateUpdateDelete(StreamTable table, Order created, Order updated) {
        db.client().putItem(b -> b.tableName(table.name()).item(item(created)));
        db.client().putItem(b -> b.tableName(table.name()).item(item(updated)));
        db.client().deleteItem(b -> b.tableName(table.name()).key(Map.of("pk", AttributeValue.fromS(created.id()))));
    }

    private static Map<String, AttributeValue> item(Order order) {
        return Map.of(
                "pk",
                AttributeValue.fromS(order.id()),
                "status",
                AttributeValue.fromS(order.status()),
                "total",
                AttributeValue.fromN(order.total().toPlainString()));
    }

    /** Runs a processor of {@code builder} on the table until three changes were seen. */
    private List<Seen> run(StreamTable table, CdcProcessor.Builder builder) throws InterruptedException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (CdcProcessor processor = builder.name("typed")
                .tableName(table.name())
                .client(db.asyncClient())
                .streamsClient(db.streamsAsyncClient())
                .stateStore(new InMemoryCdcStateStore())
                .pollInterval(Duration.ofMillis(50))
                .handler(change -> seen.add(seen(change)))
                .build()) {
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
