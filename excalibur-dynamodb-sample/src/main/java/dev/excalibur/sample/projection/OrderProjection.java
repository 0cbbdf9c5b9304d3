package dev.excalibur.sample.projection;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.sample.accounts.AccountEvent;
import dev.excalibur.sample.orders.Order;
import dev.excalibur.sample.orders.OrderLine;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The CDC handler of the sample: receives every change of the orders table from the CDC processor
 * (the starter calls this bean, with changes that read as the documents the service wrote), prints
 * it, and keeps a read model of the orders by status. Being
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

    private record OrderState(String status, BigDecimal total) {}

    /** What the projection knows: changes received, orders by status and their value, the newest change's time. */
    public record View(
            long changesReceived,
            int orders,
            Map<String, Integer> ordersByStatus,
            Map<String, BigDecimal> valueByStatus,
            Instant newestChange) {}

    @Override
    public void handle(CdcChange change) {
        changes.incrementAndGet();
        newestChange = change.approximateCreationTime();
        String partition = change.keys().get(partitionKeyAttribute).s();
        String id = change.keys().get(sortKeyAttribute).s();
        boolean deleted = change.type() == ChangeFeedEventType.DELETED;
        if (printing) {
            Class<?> type = id.startsWith("ORDER#")
                    ? Order.class
                    : id.startsWith("LINE#") ? OrderLine.class : id.startsWith("EVENT#") ? AccountEvent.class : null;
            Object document = type == null ? null : deleted ? change.oldDocument(type) : change.newDocument(type);
            out.printf("  cdc> %-7s %-16s %-28s %s%n", change.type(), partition, id, describe(document));
        }
        if (!id.startsWith("ORDER#")) {
            return;
        }
        String key = partition + "/" + id;
        Order order = change.newDocument(Order.class);
        if (deleted) {
            orders.remove(key);
        } else if (order != null) {
            orders.put(key, new OrderState(order.status(), order.total()));
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

    private static String describe(Object document) {
        if (document instanceof Order order) {
            return order.status() + " " + order.total();
        }
        if (document instanceof OrderLine line) {
            return line.quantity() + " x " + line.sku();
        }
        if (document instanceof AccountEvent event) {
            return event.type() + " v" + event.version();
        }
        return "";
    }
}
