package dev.excalibur.dynamodb.codec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Documents every codec must write and read back alike: records, {@code java.time}, {@code Optional}, nested
 * maps and lists, {@code byte[]}, big and exact numbers, enums and polymorphic types. Jackson 3 keeps Jackson
 * 2's annotations ({@code com.fasterxml.jackson.annotation}), so one set of annotations serves both.
 */
public final class DocumentCorpus {

    private DocumentCorpus() {}

    /** An enum whose {@code toString()} is not its name: both codecs write the name. */
    public enum Status {
        OPEN,
        SHIPPED {
            @Override
            public String toString() {
                return "shipped!";
            }
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Card.class, name = "card"),
        @JsonSubTypes.Type(value = Transfer.class, name = "transfer")
    })
    public interface Payment {}

    public record Card(String last4, BigDecimal amount) implements Payment {}

    public record Transfer(String iban, long cents) implements Payment {}

    public record Line(String sku, int quantity, double price, float weight) {}

    /** Components deliberately not in alphabetical order: the item keeps this order. */
    public record Order(
            String id,
            Status status,
            Instant placedAt,
            LocalDate due,
            OffsetDateTime confirmedAt,
            Duration holdFor,
            Optional<String> note,
            Optional<String> coupon,
            Map<String, Object> attributes,
            List<Line> lines,
            byte[] signature,
            BigDecimal total,
            BigDecimal precise,
            BigInteger huge,
            long max,
            double ratio,
            float factor,
            Payment payment,
            List<Payment> history,
            Map<String, List<Integer>> buckets,
            boolean gift,
            @Nullable String missing) {}

    /** The corpus: each document a different mix of the cases above. */
    public static List<Order> documents() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("zeta", "last first");
        attributes.put("alpha", 1);
        attributes.put("big", 9_000_000_000L);
        attributes.put("exact", new BigDecimal("1.50"));
        attributes.put("nested", Map.of("list", List.of("a", 2, true), "empty", Map.of()));
        attributes.put("nothing", null);
        Map<String, List<Integer>> buckets = new LinkedHashMap<>();
        buckets.put("b", List.of(3, 1, 2));
        buckets.put("a", List.of());
        return List.of(
                new Order(
                        "order-1",
                        Status.SHIPPED,
                        Instant.parse("2024-05-01T10:15:30.123456789Z"),
                        LocalDate.of(2024, 2, 29),
                        OffsetDateTime.of(2024, 5, 1, 12, 15, 30, 0, ZoneOffset.ofHours(2)),
                        Duration.ofHours(1).plusMillis(250),
                        Optional.of("leave at the door"),
                        Optional.empty(),
                        attributes,
                        List.of(new Line("sku-1", 2, 19.99, 1.1f), new Line("sku-2", 1, 0.1 + 0.2, 1e-7f)),
                        new byte[] {0, 1, 2, (byte) 0xff},
                        new BigDecimal("1.10"),
                        new BigDecimal("12345678901234567890.123456789012345000"),
                        BigInteger.TWO.pow(100),
                        Long.MAX_VALUE,
                        1e-7,
                        3.4028235e38f,
                        new Card("4242", new BigDecimal("99.90")),
                        List.of(new Transfer("DE00", 1250), new Card("1111", new BigDecimal("0.01"))),
                        buckets,
                        true,
                        null),
                new Order(
                        "order-2",
                        Status.OPEN,
                        Instant.EPOCH,
                        LocalDate.of(1999, 12, 31),
                        OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1, ZoneOffset.UTC),
                        Duration.ZERO,
                        Optional.empty(),
                        Optional.of(""),
                        Map.of(),
                        List.of(),
                        new byte[0],
                        BigDecimal.ZERO,
                        new BigDecimal("-0.000000000000000000000000000000000001"),
                        BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
                        Long.MIN_VALUE,
                        -2.5e125,
                        -0.0f,
                        new Transfer("FR76", -1),
                        List.of(),
                        Map.of(),
                        false,
                        "present"));
    }
}
