package dev.excalibur.sample.orders;

import java.math.BigDecimal;

/** One line of an order, a document of its own next to the order ({@code LINE#} order number {@code #} line number). */
public record OrderLine(String id, String orderNumber, int lineNumber, String sku, int quantity, BigDecimal unitPrice) {

    static String idPrefixOf(String orderNumber) {
        return "LINE#" + orderNumber + "#";
    }

    static String idOf(String orderNumber, int lineNumber) {
        return idPrefixOf(orderNumber) + String.format("%03d", lineNumber);
    }
}
