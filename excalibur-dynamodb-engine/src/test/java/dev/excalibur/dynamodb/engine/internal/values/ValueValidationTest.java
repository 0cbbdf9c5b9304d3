package dev.excalibur.dynamodb.engine.internal.values;

import static dev.excalibur.dynamodb.engine.internal.values.TestValues.b;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.l;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.m;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ns;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The service's checks on each value a request carries (engine-surface.md §2.2, M2). */
class ValueValidationTest {

    @Test
    void canonicalisesNumbersInsideSetsListsAndMaps() {
        AttributeValue value = m("a", n("1.0E-4"), "b", l(n("129.90"), ns("1.50", "2")), "c", s("x"));

        AttributeValue checked = AttributeValues.validate(value, "attr");

        assertThat(checked).isEqualTo(m("a", n("0.0001"), "b", l(n("129.9"), ns("1.5", "2")), "c", s("x")));
    }

    @Test
    void returnsTheSameValueWhenNothingNeedsCanonicalising() {
        AttributeValue value = m("a", l(n("1"), s("x")), "b", ns("2", "3"));

        assertThat(AttributeValues.validate(value, "attr")).isSameAs(value);
    }

    @Test
    void acceptsEmptyStringsBinariesListsAndMapsOutsideKeys() {
        AttributeValue value = m("s", s(""), "b", b(), "l", l(), "m", m(), "set", ss(""));

        assertThat(AttributeValues.validate(value, "attr")).isEqualTo(value);
    }

    @Test
    void refusesAValueWithoutAType() {
        refuses(
                () -> AttributeValues.validate(AttributeValue.builder().build(), "a"),
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }

    @Test
    void refusesAValueWithTwoTypes() {
        refuses(
                () -> AttributeValues.validate(
                        AttributeValue.builder().s("x").n("1").build(), "a"),
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }

    @Test
    void refusesNullSetToFalse() {
        refuses(
                () -> AttributeValues.validate(AttributeValue.fromNul(false), "a"),
                "One or more parameter values were invalid: Null attribute value types must have the value of true");
    }

    @Test
    void refusesEmptySetsWithTheServiceWordingOfEachType() {
        refuses(
                () -> AttributeValues.validate(AttributeValue.fromSs(List.of()), "a"),
                "One or more parameter values were invalid: An string set  may not be empty");
        refuses(
                () -> AttributeValues.validate(AttributeValue.fromNs(List.of()), "a"),
                "One or more parameter values were invalid: An number set  may not be empty");
        refuses(
                () -> AttributeValues.validate(AttributeValue.fromBs(List.of()), "a"),
                "One or more parameter values were invalid: Binary sets should not be empty");
    }

    @Test
    void refusesDuplicateSetMembers() {
        refuses(
                () -> AttributeValues.validate(ss("a", "a"), "x"),
                "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        refuses(() -> AttributeValues.validate(ns("1", "1.0"), "x"), "Input collection contains duplicates");
        SdkBytes bytes = SdkBytes.fromUtf8String("q");
        refuses(
                () -> AttributeValues.validate(AttributeValue.fromBs(List.of(bytes, bytes)), "x"),
                "One or more parameter values were invalid: Input collection [q, q]of type BS contains duplicates.");
    }

    @Test
    void refusesAnInvalidNumberDeepInsideAValue() {
        refuses(
                () -> AttributeValues.validate(m("a", l(n("1E200"))), "x"),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void framesErrorsOfExpressionAttributeValuesWithTheirPlaceholder() {
        refuses(
                () -> AttributeValues.validate(AttributeValue.builder().build(), ":v"),
                "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, "
                        + "must contain exactly one of the supported datatypes for key :v");
    }

    @Test
    void acceptsThirtyTwoLevelsOfNestingAndRefusesThirtyThree() {
        assertThat(AttributeValues.validate(nested(32), "a")).isEqualTo(nested(32));
        refuses(() -> AttributeValues.validate(nested(33), "a"), "Nesting Levels have exceeded supported limits");
    }

    @Test
    void refusesAnItemAboveFourHundredKilobytes() {
        String name = "a";
        Map<String, AttributeValue> largest = item(name, s("x".repeat(409_600 - 1)));
        assertThat(AttributeValues.validateItem(largest)).isEqualTo(largest);
        refuses(
                () -> AttributeValues.validateItem(item(name, s("x".repeat(409_600)))),
                "Item size has exceeded the maximum allowed size");
    }

    @Test
    void validatesEveryAttributeOfAnItem() {
        assertThat(AttributeValues.validateItem(item("pk", s("k"), "n", n("007"))))
                .isEqualTo(item("pk", s("k"), "n", n("7")));
        refuses(
                () -> AttributeValues.validateItem(item("pk", s("k"), "set", ss())),
                "One or more parameter values were invalid: An string set  may not be empty");
    }

    /** {@code levels} maps nested in each other around a string. */
    private static AttributeValue nested(int levels) {
        AttributeValue value = s("leaf");
        for (int i = 0; i < levels; i++) {
            value = i % 2 == 0 ? m("x", value) : l(value);
        }
        return value;
    }
}
