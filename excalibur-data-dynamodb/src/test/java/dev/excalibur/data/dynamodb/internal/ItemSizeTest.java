package dev.excalibur.data.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

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
