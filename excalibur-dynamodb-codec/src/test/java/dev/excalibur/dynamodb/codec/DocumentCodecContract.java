package dev.excalibur.dynamodb.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.excalibur.dynamodb.codec.DocumentCorpus.Order;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What every {@link DocumentCodec} does, run by each codec module's test against its default codec (this class
 * ships in the codec module's test-jar).
 */
public abstract class DocumentCodecContract {

    /** The codec under test, in its default configuration. */
    protected abstract DocumentCodec codec();

    /** The codec under test over a mapper that names properties in snake case. */
    protected abstract DocumentCodec snakeCaseCodec();

    public record Sample(
            String id,
            int count,
            double ratio,
            BigDecimal amount,
            boolean flag,
            String missing,
            byte[] data,
            List<Object> mixed,
            Map<String, Integer> scores,
            Optional<String> maybe) {}

    public record Tags(List<String> names, List<BigDecimal> weights, List<byte[]> blobs) {}

    public record WithPk(String id, String pk) {}

    public record Measure(String id, double value) {}

    public record Count(String id, int count) {}

    public record Flags(String id, int count, boolean on) {}

    public record Named(String firstName) {}

    public record Positive(String id, int value) {
        public Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, not " + value);
            }
        }
    }

    @Test
    void eachJavaTypeMapsToItsDynamoDbType() {
        Sample sample = new Sample(
                "s",
                3,
                2.5,
                new BigDecimal("1.10"),
                true,
                null,
                new byte[] {9},
                List.of("a", 1),
                Map.of("x", 1),
                Optional.of("here"));

        Map<String, AttributeValue> item = codec().toItem(sample);

        assertThat(item.get("id")).isEqualTo(AttributeValue.fromS("s"));
        assertThat(item.get("count")).isEqualTo(AttributeValue.fromN("3"));
        assertThat(item.get("ratio")).isEqualTo(AttributeValue.fromN("2.5"));
        assertThat(item.get("amount")).isEqualTo(AttributeValue.fromN("1.10"));
        assertThat(item.get("flag")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(item.get("missing")).isEqualTo(AttributeValue.fromNul(true));
        assertThat(item.get("data")).isEqualTo(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {9})));
        assertThat(item.get("mixed"))
                .isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"))));
        assertThat(item.get("scores")).isEqualTo(AttributeValue.fromM(Map.of("x", AttributeValue.fromN("1"))));
        assertThat(item.get("maybe")).isEqualTo(AttributeValue.fromS("here"));
        assertThat(item.keySet())
                .containsExactly(
                        "id", "count", "ratio", "amount", "flag", "missing", "data", "mixed", "scores", "maybe");
    }

    @Test
    void readAcceptsSetsAndIgnoresUnknownAttributes() {
        Map<String, AttributeValue> item = Map.of(
                "names", AttributeValue.fromSs(List.of("a", "b")),
                "weights", AttributeValue.fromNs(List.of("1.5", "2")),
                "blobs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("z"))),
                "unknown", AttributeValue.fromS("ignored"));

        Tags tags = codec().fromItem(item, Tags.class);

        assertThat(tags.names()).containsExactlyInAnyOrder("a", "b");
        assertThat(tags.weights())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyInAnyOrder(new BigDecimal("1.5"), new BigDecimal("2"));
        assertThat(tags.blobs()).hasSize(1);
        assertThat(new String(tags.blobs().get(0))).isEqualTo("z");
    }

    @Test
    void largeIntegersKeepEveryDigit() {
        Map<String, AttributeValue> item = Map.of("n", AttributeValue.fromN("123456789012345678901234567890"));
        @SuppressWarnings("unchecked")
        Map<String, Object> read = codec().fromItem(item, Map.class);
        assertThat(read.get("n")).hasToString("123456789012345678901234567890");
    }

    @Test
    void namedAttributesAreLeftOutUnlessTheTypeHasSuchAProperty() {
        Map<String, AttributeValue> item = Map.of(
                "id", AttributeValue.fromS("i"), "pk", AttributeValue.fromS("p"), "_etag", AttributeValue.fromS("e"));
        assertThat(codec().fromItem(item, WithPk.class, Set.of("pk", "_etag")).pk())
                .isEqualTo("p");
        @SuppressWarnings("unchecked")
        Map<String, Object> document = codec().fromItem(item, Map.class, Set.of("pk", "_etag"));
        assertThat(document).containsOnlyKeys("id");
    }

    @Test
    void nonObjectDocumentsAreRefused() {
        assertThatThrownBy(() -> codec().toItem("just a string"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must serialize to a JSON object, not VALUE_STRING");
        assertThatThrownBy(() -> codec().toItem(List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not START_ARRAY");
    }

    @Test
    void untypedNumbersComeBackAsTheSmallestExactJavaType() {
        Map<String, AttributeValue> item = Map.of(
                "small", AttributeValue.fromN("42"),
                "large", AttributeValue.fromN("9000000000"),
                "huge", AttributeValue.fromN("123456789012345678901234567890"),
                "fraction", AttributeValue.fromN("0.1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> read = codec().fromItem(item, Map.class);

        assertThat(read.get("small")).isEqualTo(42);
        assertThat(read.get("large")).isEqualTo(9_000_000_000L);
        assertThat(read.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(read.get("fraction")).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void onlyTopLevelAttributesAreLeftOutAndNestedOnesKeepTheirNames() {
        Map<String, AttributeValue> item = Map.of(
                "pk", AttributeValue.fromS("p"),
                "nested",
                        AttributeValue.fromM(Map.of(
                                "pk",
                                AttributeValue.fromS("inner"),
                                "list",
                                AttributeValue.fromL(
                                        List.of(AttributeValue.fromM(Map.of("pk", AttributeValue.fromN("1"))))))));
        @SuppressWarnings("unchecked")
        Map<String, Object> read = codec().fromItem(item, Map.class, Set.of("pk"));

        assertThat(read).containsOnlyKeys("nested");
        assertThat(read.get("nested")).isEqualTo(Map.of("pk", "inner", "list", List.of(Map.of("pk", 1))));
    }

    @Test
    void numbersDynamoDbCannotStoreNameTheProperty() {
        assertThatThrownBy(() -> codec().toItem(new Measure("m", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("property 'value' is NaN, which DynamoDB cannot store as a number");
        assertThatThrownBy(() -> codec().toItem(Map.of("list", List.of(new BigDecimal("1E+126")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("property 'list' is 1E+126");
        assertThat(codec().toItem(new Measure("m", 1e-7)).get("value")).isEqualTo(AttributeValue.fromN("0.00000010"));
    }

    @Test
    void typeMismatchesFailWithTheTargetTypeNamed() {
        assertThatThrownBy(() -> codec().fromItem(Map.of("count", AttributeValue.fromN("99999999999")), Count.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(Count.class.getName());
    }

    @Test
    void aConstructorRejectingTheValuesFailsTheReadWithItsException() {
        assertThat(codec().fromItem(
                                Map.of("id", AttributeValue.fromS("p"), "value", AttributeValue.fromN("2")),
                                Positive.class))
                .isEqualTo(new Positive("p", 2));
        assertThatThrownBy(() -> codec().fromItem(
                                Map.of("id", AttributeValue.fromS("p"), "value", AttributeValue.fromN("-1")),
                                Positive.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value must be positive, not -1");
    }

    @Test
    void deeplyNestedAndWideDocumentsRoundTrip() {
        Object nested = List.of("bottom");
        for (int level = 0; level < 30; level++) {
            nested = level % 2 == 0 ? Map.of("level" + level, nested) : List.of(level, nested);
        }
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int property = 0; property < 40; property++) {
            wide.put("p" + property, property);
        }
        wide.put("nested", nested);

        for (int write = 0; write < 2; write++) {
            Map<String, AttributeValue> item = codec().toItem(wide);
            assertThat(item).hasSize(41);
            assertThat(item.keySet()).startsWith("p0", "p1", "p2").endsWith("p39", "nested");
            Object read = codec().fromItem(item, Map.class);
            assertThat(read).isEqualTo(wide);
        }
    }

    @Test
    void missingAndNullPrimitivesReadAsTheirDefaults() {
        Flags flags = codec().fromItem(
                        Map.of("id", AttributeValue.fromS("f"), "on", AttributeValue.fromNul(true)), Flags.class);

        assertThat(flags).isEqualTo(new Flags("f", 0, false));
    }

    @Test
    void propertyValuesMapAsInsideADocument() {
        assertThat(codec().toAttributeValue(null)).isEqualTo(AttributeValue.fromNul(true));
        assertThat(codec().toAttributeValue("s")).isEqualTo(AttributeValue.fromS("s"));
        assertThat(codec().toAttributeValue(new BigDecimal("2.50"))).isEqualTo(AttributeValue.fromN("2.50"));
        assertThat(codec().toAttributeValue(DocumentCorpus.Status.SHIPPED)).isEqualTo(AttributeValue.fromS("SHIPPED"));
        assertThat(codec().toAttributeValue(List.of(1)))
                .isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromN("1"))));
    }

    @Test
    void theCorpusReadsBackToEqualDocuments() {
        for (Order order : DocumentCorpus.documents()) {
            Order read = codec().fromItem(codec().toItem(order), Order.class);

            assertThat(read).usingRecursiveComparison().isEqualTo(order);
        }
    }

    @Test
    void aCodecOverAGivenMapperMapsAsThatMapperIsConfigured() {
        assertThat(snakeCaseCodec().toItem(new Named("Ada")))
                .containsExactly(entry("first_name", AttributeValue.fromS("Ada")));
        assertThat(snakeCaseCodec().fromItem(Map.of("first_name", AttributeValue.fromS("Ada")), Named.class))
                .isEqualTo(new Named("Ada"));
    }

    @Test
    void argumentsAreRequired() {
        assertThatThrownBy(() -> codec().toItem(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("document must not be null");
        assertThatThrownBy(() -> codec().fromItem(null, Map.class))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("item must not be null");
        assertThatThrownBy(() -> codec().fromItem(Map.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("type must not be null");
    }

    @Test
    void theDiscoveredCodecIsFoundOnceAndKept() {
        assertThat(DocumentCodec.discover()).isSameAs(DocumentCodec.discover());
    }
}
