package dev.excalibur.dynamodb.engine.internal.values;

import static dev.excalibur.dynamodb.engine.internal.values.TestValues.b;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.bool;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.l;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.m;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ns;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.nul;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes by the Developer Guide's formula (engine-surface.md §2.2, R5). */
class SizesTest {

    @Test
    void countsStringsInUtf8Bytes() {
        assertThat(AttributeValues.size(s("abc"))).isEqualTo(3);
        assertThat(AttributeValues.size(s("é"))).isEqualTo(2);
        assertThat(AttributeValues.size(s("€"))).isEqualTo(3);
        assertThat(AttributeValues.size(s("😀"))).isEqualTo(4);
        assertThat(AttributeValues.size(s(""))).isZero();
    }

    @ParameterizedTest(name = "{0} takes {1} bytes")
    @CsvSource({
        "0, 1",
        "1, 2",
        "12, 2",
        "123, 3",
        "1.2, 3",
        "-1, 3",
        "100, 2",
        "0.01, 2",
        "12345678901234567890123456789012345678, 20",
        "-12345678901234567890123456789012345678, 21",
    })
    void countsNumbersByPairsOfSignificantDigits(String number, long size) {
        assertThat(AttributeValues.size(n(number))).isEqualTo(size);
    }

    @Test
    void countsBinariesBooleansNullsAndSets() {
        assertThat(AttributeValues.size(b(1, 2, 3))).isEqualTo(3);
        assertThat(AttributeValues.size(bool(true))).isEqualTo(1);
        assertThat(AttributeValues.size(nul())).isEqualTo(1);
        assertThat(AttributeValues.size(ss("ab", "cde"))).isEqualTo(5);
        assertThat(AttributeValues.size(ns("1", "123"))).isEqualTo(5);
    }

    @Test
    void countsThreeBytesPerContainerAndOnePerElement() {
        assertThat(AttributeValues.size(l())).isEqualTo(3);
        assertThat(AttributeValues.size(m())).isEqualTo(3);
        assertThat(AttributeValues.size(l(s("ab"), bool(false)))).isEqualTo(3 + 1 + 2 + 1 + 1);
        assertThat(AttributeValues.size(m("key", s("ab")))).isEqualTo(3 + 1 + 3 + 2);
    }

    @Test
    void countsAttributeNamesInTheItemSize() {
        assertThat(AttributeValues.itemSize(item("pk", s("abc"), "ñ", n("1")))).isEqualTo(2 + 3 + 2 + 2);
    }
}
