package dev.excalibur.sample.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order document in its customer's partition; {@code id} ({@code ORDER#} and the order number)
 * is the sort key, so a customer's orders list in the order they were placed.
 */
public record Order(String id, String customerId, String status, BigDecimal total, int lineCount, Instant placedAt) {

    static final String ID_PREFIX = "ORDER#";

    /** The document id of an order number. */
    static String idOf(String number) {
        return ID_PREFIX + number;
    }

    /** The order number: the id without its prefix. */
    public String number() {
        return id.substring(ID_PREFIX.length());
    }

    Order withStatus(String newStatus) {
        return new Order(id, customerId, newStatus, total, lineCount, placedAt);
    }
}
