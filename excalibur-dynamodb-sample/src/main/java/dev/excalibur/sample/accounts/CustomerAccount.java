package dev.excalibur.sample.accounts;

import java.math.BigDecimal;

/**
 * The event-sourced customer account: the fold of its events. Immutable; {@link #apply} returns the
 * next state.
 *
 * @param customerId      the customer
 * @param version         the version of the last event applied (0: none)
 * @param ordersPlaced    orders placed
 * @param ordersShipped   orders shipped
 * @param ordersCancelled orders cancelled
 * @param totalSpent      the value of placed orders minus cancelled ones
 * @param loyaltyPoints   one point per whole currency unit of shipped orders
 */
public record CustomerAccount(
        String customerId,
        long version,
        int ordersPlaced,
        int ordersShipped,
        int ordersCancelled,
        BigDecimal totalSpent,
        long loyaltyPoints) {

    /** The account before its first event. */
    public static CustomerAccount empty(String customerId) {
        return new CustomerAccount(customerId, 0, 0, 0, 0, BigDecimal.ZERO, 0);
    }

    /** The state after the event; the event must be the next version. */
    public CustomerAccount apply(AccountEvent event) {
        if (event.version() != version + 1) {
            throw new IllegalStateException("account " + customerId + " is at version " + version
                    + " and cannot apply the event of version " + event.version());
        }
        return switch (event.type()) {
            case ORDER_PLACED ->
                new CustomerAccount(
                        customerId,
                        event.version(),
                        ordersPlaced + 1,
                        ordersShipped,
                        ordersCancelled,
                        totalSpent.add(event.amount()),
                        loyaltyPoints);
            case ORDER_SHIPPED ->
                new CustomerAccount(
                        customerId,
                        event.version(),
                        ordersPlaced,
                        ordersShipped + 1,
                        ordersCancelled,
                        totalSpent,
                        loyaltyPoints + event.amount().longValue());
            case ORDER_CANCELLED ->
                new CustomerAccount(
                        customerId,
                        event.version(),
                        ordersPlaced,
                        ordersShipped,
                        ordersCancelled + 1,
                        totalSpent.subtract(event.amount()),
                        loyaltyPoints);
        };
    }
}
