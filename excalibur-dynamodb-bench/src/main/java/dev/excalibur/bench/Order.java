package dev.excalibur.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The benchmark document as a Java record (what the provider stores). */
public record Order(
        String id,
        String customer,
        String status,
        BigDecimal total,
        int quantity,
        List<String> tags,
        Instant placedAt) {

    /** The {@code n}-th order of the workload. */
    public static Order number(int n) {
        return new Order(
                "ORDER#" + n,
                "CUSTOMER#" + (n % 100),
                "PLACED",
                new BigDecimal("129.95").add(BigDecimal.valueOf(n % 7)),
                1 + n % 5,
                List.of("express", "gift", "priority"),
                Instant.parse("2026-11-25T09:30:00Z").plusSeconds(n));
    }

    /** The same order with another status. */
    public Order withStatus(String newStatus) {
        return new Order(id, customer, newStatus, total, quantity, tags, placedAt);
    }
}
