package dev.excalibur.sample.accounts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event of a customer account, stored as a document in the customer's partition; its id is
 * {@code EVENT#} and the zero-padded version, so the account's events sort in order and a second
 * writer of the same version is refused (409).
 */
public record AccountEvent(
        String id, long version, Type type, String orderNumber, BigDecimal amount, Instant occurredAt) {

    /** What happened to the account. */
    public enum Type {
        ORDER_PLACED,
        ORDER_SHIPPED,
        ORDER_CANCELLED
    }

    static final String ID_PREFIX = "EVENT#";

    /** The document id of the event at this version. */
    static String idOf(long version) {
        return ID_PREFIX + String.format("%012d", version);
    }
}
