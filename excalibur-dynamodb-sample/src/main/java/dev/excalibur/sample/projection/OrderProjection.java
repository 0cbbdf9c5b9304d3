package dev.excalibur.sample.projection;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CDC handler of the sample: receives every change of the orders table from the CDC processor
 * (the starter calls this bean), prints it, and keeps a read model of the orders by status. Being
 * idempotent per change (it sets the state an image describes), a redelivered change does no harm.
 */
@Component
public class OrderProjection implements CdcHandler {

    private final Map<String, OrderState> orders = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final PrintStream out = System.out;
    private volatile boolean printing = true;
    private final String partitionKeyAttribute;
    private final String sortKeyAttribute;
    private volatile Instant newestChange;

    public OrderProjection(DynamoDbPersistenceProvider provider) {
        this.partitionKeyAttribute = provider.options().partitionKeyAttribute();
        this.sortKeyAttribute = provider.options().sortKeyAttribute();
    }

    private record OrderState(String status, BigDecimal total) {
    }

    /** What the projection knows: changes received, orders by status and their value, the newest change's time. */
    public record View(long changesReceived, int orders, Map<String, Integer> ordersByStatus,
                       Map<String, BigDecimal> valueByStatus, Instant newestChange) {
    }

    @Override
    public void handle(CdcChange change) {
        changes.incrementAndGet();
        newestChange = change.approximateCreationTime();
        String partition = text(change.keys(), partitionKeyAttribute);
        String id = text(change.keys(), sortKeyAttribute);
        Map<String, AttributeValue> image = change.type() == ChangeFeedEventType.DELETED ? change.oldImage() : change.newImage();
        if (printing) {
            out.printf("  cdc> %-7s %-16s %-28s %s%n", change.type(), partition, id, describe(image));
        }
        if (id == null || !id.startsWith("ORDER#")) {
            return;
        }
        String key = partition + "/" + id;
        if (change.type() == ChangeFeedEventType.DELETED) {
            orders.remove(key);
        } else if (image != null) {
            orders.put(key, new OrderState(text(image, "status"), new BigDecimal(image.get("total").n())));
        }
    }

    /** Prints each change when true (the demo mutes it while it seeds hundreds of orders). */
    public void printChanges(boolean print) {
        this.printing = print;
    }

    /** The read model now. */
    public View view() {
        Map<String, Integer> count = new TreeMap<>();
        Map<String, BigDecimal> value = new TreeMap<>();
        for (OrderState order : orders.values()) {
            count.merge(order.status(), 1, Integer::sum);
            value.merge(order.status(), order.total(), BigDecimal::add);
        }
        return new View(changes.get(), orders.size(), count, value, newestChange);
    }

    private static String describe(Map<String, AttributeValue> image) {
        if (image == null) {
            return "";
        }
        if (image.containsKey("status")) {
            return text(image, "status") + " " + image.get("total").n();
        }
        if (image.containsKey("sku")) {
            return image.get("quantity").n() + " x " + text(image, "sku");
        }
        return text(image, "type") == null ? "" : text(image, "type") + " v" + image.get("version").n();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null ? null : value.s();
    }
}
