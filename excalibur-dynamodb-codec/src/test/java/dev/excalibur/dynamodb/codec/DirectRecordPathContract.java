package dev.excalibur.dynamodb.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.excalibur.dynamodb.codec.DocumentCorpus.Order;
import dev.excalibur.dynamodb.codec.internal.JacksonCodecBase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The direct record path of a Jackson codec maps exactly as its Jackson path: equal items in the same order,
 * equal documents read back (from items of either path), and the same outcome, value or exception, for items
 * holding what the direct path does not expect. Run by each codec module against its default codec (this class
 * ships in the codec module's test-jar).
 */
public abstract class DirectRecordPathContract {

    /** The codec under test, in its default configuration. */
    protected abstract DocumentCodec codec();

    /** An enum whose {@code toString()} is not its name. */
    public enum Color {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green!";
            }
        }
    }

    public record Address(
            String street,
            @Nullable Integer number,
            @Nullable LocalDate since) {}

    public record Everything(
            @Nullable String text,
            boolean flag,
            @Nullable Boolean boxedFlag,
            int count,
            @Nullable Integer boxedCount,
            long big,
            @Nullable Long boxedBig,
            @Nullable BigDecimal amount,
            @Nullable BigInteger huge,
            @Nullable Instant at,
            @Nullable LocalDate on,
            @Nullable Color color,
            @Nullable List<@Nullable String> names,
            @Nullable List<BigDecimal> amounts,
            @Nullable List<Instant> instants,
            @Nullable List<Color> colors,
            @Nullable Address address,
            @Nullable List<Address> addresses) {}

    /** The benchmark's document: what the direct path is for. */
    public record Purchase(
            String id,
            String customer,
            String status,
            BigDecimal total,
            int quantity,
            List<String> tags,
            Instant placedAt) {}

    public record Renamed(@JsonProperty("name") String id) {}

    public record WithDouble(String id, double ratio) {}

    public record WithMap(String id, Map<String, String> values) {}

    public record WithGetter(String id) {
        public String getExtra() {
            return id + "!";
        }
    }

    public record Node(String id, @Nullable Node next) {}

    public record Failing(String id) {
        @Override
        public String id() {
            throw new IllegalStateException("no id");
        }
    }

    public record Positive(int value) {
        public Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, not " + value);
            }
        }
    }

    private JacksonCodecBase direct() {
        return (JacksonCodecBase) codec();
    }

    private DocumentCodec jackson() {
        return direct().jacksonOnly();
    }

    static List<Object> documents() {
        Address home = new Address("Main St", 7, LocalDate.of(2020, 1, 31));
        List<Object> documents = new ArrayList<>();
        documents.add(new Everything(
                "text",
                true,
                Boolean.FALSE,
                -42,
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                new BigDecimal("12345678901234567890.123456789012345000"),
                BigInteger.TWO.pow(100).negate(),
                Instant.parse("2024-05-01T10:15:30.123456789Z"),
                LocalDate.of(2024, 2, 29),
                Color.GREEN,
                List.of("a", "", "c"),
                List.of(new BigDecimal("1.10"), BigDecimal.ZERO, new BigDecimal("-1E-100")),
                List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z")),
                List.of(Color.RED, Color.GREEN),
                home,
                List.of(home, new Address("", null, null))));
        documents.add(new Everything(
                null, false, null, 0, null, 0, null, null, null, null, null, null, null, null, null, null, null, null));
        documents.add(new Everything(
                "",
                false,
                true,
                Integer.MAX_VALUE,
                0,
                -1,
                9_000_000_000L,
                new BigDecimal("-99999999999999999999999999999999999999"),
                BigInteger.ZERO,
                Instant.parse("+10000-01-01T00:00:00Z"),
                LocalDate.of(-5, 1, 1),
                Color.RED,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new Address("x", -1, LocalDate.of(10000, 12, 31)),
                List.of()));
        documents.add(new Everything(
                "nulls in lists",
                true,
                null,
                1,
                null,
                1,
                null,
                new BigDecimal("0.000"),
                BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                null,
                null,
                null,
                Arrays.asList("a", null),
                null,
                null,
                null,
                null,
                null));
        documents.add(new Purchase(
                "ORDER#1",
                "CUSTOMER#1",
                "PLACED",
                new BigDecimal("129.95"),
                3,
                List.of("express", "gift", "priority"),
                Instant.parse("2026-11-25T09:30:00Z")));
        documents.add(new Node("a", null));
        documents.add(new WithGetter("g"));
        documents.add(new Renamed("r"));
        documents.add(new WithDouble("d", 0.1 + 0.2));
        documents.add(new WithMap("m", Map.of("k", "v")));
        documents.addAll(DocumentCorpus.documents());
        return documents;
    }

    @Test
    void plainRecordsOfSupportedTypesMapDirectlyAndOthersThroughJackson() {
        assertThat(direct().mapsDirectly(Everything.class)).isTrue();
        assertThat(direct().mapsDirectly(Purchase.class)).isTrue();
        assertThat(direct().mapsDirectly(Address.class)).isTrue();

        // a Jackson annotation, an unsupported type, a property that is no component, a cycle
        assertThat(direct().mapsDirectly(Renamed.class)).isFalse();
        assertThat(direct().mapsDirectly(WithDouble.class)).isFalse();
        assertThat(direct().mapsDirectly(WithMap.class)).isFalse();
        assertThat(direct().mapsDirectly(WithGetter.class)).isFalse();
        assertThat(direct().mapsDirectly(Node.class)).isFalse();
        // an annotated interface (@JsonTypeInfo) applies to the records implementing it
        assertThat(direct().mapsDirectly(DocumentCorpus.Card.class)).isFalse();
        assertThat(direct().mapsDirectly(Order.class)).isFalse();
        assertThat(direct().mapsDirectly(Map.class)).isFalse();

        assertThat(((JacksonCodecBase) jackson()).mapsDirectly(Everything.class))
                .isFalse();
    }

    @Test
    void bothPathsWriteEqualItemsInTheSameOrder() {
        for (Object document : documents()) {
            Map<String, AttributeValue> direct = codec().toItem(document);
            Map<String, AttributeValue> jackson = jackson().toItem(document);

            assertThat(direct).isEqualTo(jackson);
            // nested maps included: the SDK keeps each map's order, and toString shows it
            assertThat(direct).hasToString(jackson.toString());
        }
    }

    @Test
    void bothPathsReadTheirOwnAndEachOthersItemsBackToEqualDocuments() {
        for (Object document : documents()) {
            Class<?> type = document.getClass();
            Map<String, AttributeValue> direct = codec().toItem(document);
            Map<String, AttributeValue> jackson = jackson().toItem(document);

            for (Map<String, AttributeValue> item : List.of(direct, jackson)) {
                assertThat(codec().fromItem(item, type))
                        .usingRecursiveComparison()
                        .isEqualTo(document);
                assertThat(jackson().fromItem(item, type))
                        .usingRecursiveComparison()
                        .isEqualTo(document);
            }
        }
    }

    @Test
    void attributesOfUnexpectedTypesReadExactlyAsJacksonReadsThem() {
        Everything full = (Everything) documents().get(0);
        Map<String, AttributeValue> item = jackson().toItem(full);
        List<AttributeValue> surprises = List.of(
                AttributeValue.fromS("12"),
                AttributeValue.fromS(" 2024-05-01T10:15:30Z"),
                AttributeValue.fromS("2024-05-01T12:15:30+02:00"),
                AttributeValue.fromS("2024-05-01"),
                AttributeValue.fromS("1714558530"),
                AttributeValue.fromS("RED"),
                AttributeValue.fromS("green"),
                AttributeValue.fromS("true"),
                AttributeValue.fromS(""),
                AttributeValue.fromN("1.5"),
                AttributeValue.fromN("1e3"),
                AttributeValue.fromN("99999999999"),
                AttributeValue.fromN("99999999999999999999"),
                AttributeValue.fromN("1"),
                AttributeValue.fromN("0"),
                AttributeValue.fromBool(true),
                AttributeValue.fromNul(true),
                AttributeValue.fromSs(List.of("a")),
                AttributeValue.fromNs(List.of("1")),
                AttributeValue.fromL(List.of(AttributeValue.fromN("1"))),
                AttributeValue.fromL(List.of(AttributeValue.fromS("RED"), AttributeValue.fromNul(true))),
                AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of()))),
                AttributeValue.fromM(Map.of()),
                AttributeValue.fromM(Map.of("street", AttributeValue.fromN("5"))));
        for (String name : item.keySet()) {
            for (AttributeValue surprise : surprises) {
                Map<String, AttributeValue> changed = new LinkedHashMap<>(item);
                changed.put(name, surprise);
                assertThat(outcome(() -> codec().fromItem(changed, Everything.class)))
                        .as("%s = %s", name, surprise)
                        .isEqualTo(outcome(() -> jackson().fromItem(changed, Everything.class)));
            }
            Map<String, AttributeValue> without = new LinkedHashMap<>(item);
            without.remove(name);
            assertThat(outcome(() -> codec().fromItem(without, Everything.class)))
                    .as("without %s", name)
                    .isEqualTo(outcome(() -> jackson().fromItem(without, Everything.class)));
        }
    }

    @Test
    void namedAttributesAreLeftOutAsJacksonLeavesThemOut() {
        Purchase purchase = (Purchase) documents().get(4);
        Map<String, AttributeValue> item = new LinkedHashMap<>(jackson().toItem(purchase));
        item.put("pk", AttributeValue.fromS("ORDER#1"));
        item.put("_version", AttributeValue.fromN("3"));
        Set<String> unless = Set.of("pk", "_version", "status");

        assertThat(codec().fromItem(item, Purchase.class, unless))
                .isEqualTo(jackson().fromItem(item, Purchase.class, unless))
                .isEqualTo(purchase);
    }

    @Test
    void failuresAreJacksonsOwn() {
        Everything unstorable = new Everything(
                "x",
                false,
                null,
                0,
                null,
                0,
                null,
                new BigDecimal("1E+126"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(outcome(() -> codec().toItem(unstorable)))
                .startsWith("java.lang.IllegalArgumentException: property 'amount' is 1E+126")
                .isEqualTo(outcome(() -> jackson().toItem(unstorable)));
        assertThat(outcome(() -> codec().toItem(new Failing("f"))))
                .startsWith("java.io.UncheckedIOException")
                .isEqualTo(outcome(() -> jackson().toItem(new Failing("f"))));
        Map<String, AttributeValue> negative = Map.of("value", AttributeValue.fromN("-1"));
        assertThat(outcome(() -> codec().fromItem(negative, Positive.class)))
                .isEqualTo("java.lang.IllegalArgumentException: value must be positive, not -1")
                .isEqualTo(outcome(() -> jackson().fromItem(negative, Positive.class)));
    }

    /** The value, or the exception's type and message. */
    private static String outcome(Supplier<?> call) {
        try {
            Object value = call.get();
            return value instanceof Map ? value.toString() : String.valueOf(value);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
