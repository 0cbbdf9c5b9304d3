package dev.excalibur.dynamodb.engine.internal.values;

import static dev.excalibur.dynamodb.engine.internal.values.TestValues.b;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.bool;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.l;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.m;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ns;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.nul;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's order of S, N and B and its equality of all types. */
class OrderAndEqualityTest {

    @Test
    void ordersNumbersNumericallyIncludingNegativesAndDecimals() {
        List<AttributeValue> numbers =
                new ArrayList<>(List.of(n("10"), n("-2.5"), n("9.99"), n("-10"), n("0"), n("1E2")));
        numbers.sort(AttributeValues::compare);
        assertThat(numbers).extracting(AttributeValue::n).containsExactly("-10", "-2.5", "0", "9.99", "10", "1E2");
    }

    @Test
    void ordersStringsByUtf8BytesNotUtf16Units() {
        // U+FF61 is one UTF-16 unit above the surrogates of U+1F600, but its UTF-8 bytes are smaller.
        assertThat(AttributeValues.compare(s("\uFF61"), s("😀"))).isNegative();
        assertThat(AttributeValues.compare(s("B"), s("a"))).isNegative();
        assertThat(AttributeValues.compare(s("ab"), s("abc"))).isNegative();
    }

    @Test
    void ordersBinariesAsUnsignedBytes() {
        assertThat(AttributeValues.compare(b(0x7f), b(0x80))).isNegative();
        assertThat(AttributeValues.compare(b(0xff), b(0x00, 0x01))).isPositive();
    }

    @Test
    void refusesToOrderValuesOfDifferentTypes() {
        assertThatThrownBy(() -> AttributeValues.compare(s("6"), n("6"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesNumbersAndNumberSetsNumerically() {
        assertThat(AttributeValues.sameValue(n("1.50"), n("1.5"))).isTrue();
        assertThat(AttributeValues.sameValue(ns("1", "2.0"), ns("2", "1.00"))).isTrue();
    }

    @Test
    void treatsSetsAsUnorderedAndListsAsOrdered() {
        assertThat(AttributeValues.sameValue(ss("a", "b"), ss("b", "a"))).isTrue();
        assertThat(AttributeValues.sameValue(l(s("a"), s("b")), l(s("b"), s("a"))))
                .isFalse();
    }

    @Test
    void comparesMapsDeeply() {
        assertThat(AttributeValues.sameValue(m("a", l(n("1.0"), m("b", nul()))), m("a", l(n("1"), m("b", nul())))))
                .isTrue();
        assertThat(AttributeValues.sameValue(m("a", bool(true)), m("a", bool(false))))
                .isFalse();
        assertThat(AttributeValues.sameValue(m("a", s("x")), m("a", s("x"), "b", s("y"))))
                .isFalse();
    }

    @Test
    void neverEquatesValuesOfDifferentTypes() {
        assertThat(AttributeValues.sameValue(s("6"), n("6"))).isFalse();
        assertThat(AttributeValues.sameValue(ss("6"), ns("6"))).isFalse();
        assertThat(AttributeValues.sameValue(nul(), bool(false))).isFalse();
    }
}
