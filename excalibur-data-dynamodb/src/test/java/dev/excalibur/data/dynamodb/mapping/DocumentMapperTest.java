package dev.excalibur.data.dynamodb.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.dynamodb.internal.ItemSize;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DocumentMapperTest {

    private final DocumentMapper mapper = new DocumentMapper();

    record Sample(
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

        Map<String, AttributeValue> item = mapper.toItem(sample);

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
    }

    @Test
    void readAcceptsSetsAndIgnoresUnknownAttributes() {
        record Tags(List<String> names, List<BigDecimal> weights, List<byte[]> blobs) {}
        Map<String, AttributeValue> item = Map.of(
                "names", AttributeValue.fromSs(List.of("a", "b")),
                "weights", AttributeValue.fromNs(List.of("1.5", "2")),
                "blobs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("z"))),
                "unknown", AttributeValue.fromS("ignored"));

        Tags tags = mapper.fromItem(item, Tags.class);

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
        Map<String, Object> read = mapper.fromItem(item, Map.class);
        assertThat(read.get("n")).hasToString("123456789012345678901234567890");
    }

    @Test
    void namedAttributesAreLeftOutUnlessTheTypeHasSuchAProperty() {
        record WithPk(String id, String pk) {}
        Map<String, AttributeValue> item = Map.of(
                "id", AttributeValue.fromS("i"), "pk", AttributeValue.fromS("p"), "_etag", AttributeValue.fromS("e"));
        assertThat(mapper.fromItem(item, WithPk.class, Set.of("pk", "_etag")).pk())
                .isEqualTo("p");
        @SuppressWarnings("unchecked")
        Map<String, Object> document = mapper.fromItem(item, Map.class, Set.of("pk", "_etag"));
        assertThat(document).containsOnlyKeys("id");
    }

    @Test
    void nonObjectDocumentsAreRefused() {
        assertThatThrownBy(() -> mapper.toItem("just a string"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must serialize to a JSON object");
        assertThatThrownBy(() -> mapper.toItem(List.of(1, 2)))
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
        Map<String, Object> read = mapper.fromItem(item, Map.class);

        assertThat(read.get("small")).isEqualTo(42);
        assertThat(read.get("large")).isEqualTo(9_000_000_000L);
        assertThat(read.get("huge")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
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
        Map<String, Object> read = mapper.fromItem(item, Map.class, Set.of("pk"));

        assertThat(read).containsOnlyKeys("nested");
        assertThat(read.get("nested")).isEqualTo(Map.of("pk", "inner", "list", List.of(Map.of("pk", 1))));
    }

    @Test
    void numbersDynamoDbCannotStoreNameTheProperty() {
        record Measure(String id, double value) {}
        assertThatThrownBy(() -> mapper.toItem(new Measure("m", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("property 'value' is NaN, which DynamoDB cannot store as a number");
        assertThat(mapper.toItem(new Measure("m", 1e-7)).get("value")).isEqualTo(AttributeValue.fromN("0.00000010"));
    }

    @Test
    void typeMismatchesFailWithTheTargetTypeNamed() {
        record Count(String id, int count) {}
        assertThatThrownBy(() -> mapper.fromItem(Map.of("count", AttributeValue.fromN("99999999999")), Count.class))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining(Count.class.getName());
    }

    @Test
    void itemSizeCountsNamesAndValuesAsDynamoDbDoes() {
        assertThat(ItemSize.of(Map.of("ab", AttributeValue.fromS("cde")))).isEqualTo(5);
        assertThat(ItemSize.of(Map.of("n", AttributeValue.fromN("12345")))).isEqualTo(1 + 4);
        assertThat(ItemSize.of(Map.of("b", AttributeValue.fromBool(true)))).isEqualTo(2);
        assertThat(ItemSize.of(Map.of("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))))))
                .isEqualTo(1 + 3 + 1 + 1 + 1);
        assertThat(ItemSize.of(Map.of("é", AttributeValue.fromS("ü")))).isEqualTo(4);
    }
}
