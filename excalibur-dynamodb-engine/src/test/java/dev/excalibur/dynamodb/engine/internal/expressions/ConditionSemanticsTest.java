package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.context;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The truth table of every comparator and function over an attribute of each type and a missing one
 * (engine-surface.md R7): missing or differently typed operands make comparisons false except
 * {@code <>}; only S, N and B are ordered, and an attribute of another type makes an ordering false.
 */
class ConditionSemanticsTest {

    /** The attribute {@code a} under test, or null for a missing attribute, and a larger value of its type. */
    private record Sample(String type, AttributeValue value, AttributeValue larger) {}

    private static final List<Sample> SAMPLES = List.of(
            new Sample("S", s("abc"), s("abd")),
            new Sample("N", n("5"), n("10")),
            new Sample("B", b(1, 2), b(1, 3)),
            new Sample("BOOL", bool(false), bool(true)),
            new Sample("NULL", nul(), null),
            new Sample("SS", ss("x", "y"), ss("x", "z")),
            new Sample("NS", ns("1", "2"), ns("1", "3")),
            new Sample(
                    "BS",
                    AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("p"))),
                    AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("q")))),
            new Sample("L", l(s("x"), n("1")), l(s("y"))),
            new Sample("M", m("k", s("v")), m("k", s("w"))),
            new Sample("missing", null, null));

    static Stream<Arguments> truthTable() {
        List<Arguments> rows = new ArrayList<>();
        for (Sample sample : SAMPLES) {
            boolean present = sample.value() != null;
            boolean ordered = List.of("S", "N", "B").contains(sample.type());
            AttributeValue same = present ? sample.value() : s("anything");
            AttributeValue other = sample.larger() != null ? sample.larger() : s("other");
            AttributeValue crossType = sample.type().equals("S") ? n("1") : s("1");
            row(rows, sample, "a = :v", same, present);
            row(rows, sample, "a <> :v", same, !present);
            row(rows, sample, "a = :v", other, false);
            row(rows, sample, "a <> :v", other, true);
            row(rows, sample, "a = :v", crossType, false);
            row(rows, sample, "a <> :v", crossType, true);
            // Ordering operators refuse constants of unordered types up front, so an unordered
            // attribute is compared with a number: the comparison is simply false.
            AttributeValue orderedSame = ordered ? same : n("1");
            AttributeValue orderedOther = ordered ? other : n("1");
            row(rows, sample, "a < :v", orderedOther, ordered);
            row(rows, sample, "a <= :v", orderedSame, ordered);
            row(rows, sample, "a > :v", orderedOther, false);
            row(rows, sample, "a >= :v", orderedSame, ordered);
            row(rows, sample, "a < :v", crossType, false);
            row(rows, sample, "a BETWEEN :v AND :v", orderedSame, ordered);
            row(rows, sample, "a IN (:w, :v)", same, present);
            row(rows, sample, "attribute_exists(a)", null, present);
            row(rows, sample, "attribute_not_exists(a)", null, !present);
            row(rows, sample, "attribute_type(a, :v)", s(present ? sample.type() : "S"), present);
            row(rows, sample, "attribute_type(a, :v)", s(sample.type().equals("S") ? "N" : "S"), false);
        }
        return rows.stream();
    }

    private static void row(
            List<Arguments> rows, Sample sample, String expression, AttributeValue value, boolean expected) {
        rows.add(Arguments.of(sample.type(), sample.value(), expression, value, expected));
    }

    @ParameterizedTest(name = "{0}: {2} with :v={3} is {4}")
    @MethodSource("truthTable")
    void evaluatesComparatorsAndFunctionsOverEachType(
            String type, AttributeValue attribute, String expression, AttributeValue value, boolean expected) {
        Map<String, AttributeValue> item = attribute == null ? item("other", s("x")) : item("a", attribute);
        List<Object> placeholders = new ArrayList<>();
        if (value != null) {
            placeholders.addAll(List.of(":v", value));
        }
        if (expression.contains(":w")) {
            placeholders.addAll(List.of(":w", s("unrelated")));
        }

        assertThat(Expressions.condition(expression, context(placeholders.toArray()))
                        .test(item))
                .isEqualTo(expected);
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("begins_with(a, :v)", s("ab"), s("abc"), true),
                Arguments.of("begins_with(a, :v)", s("b"), s("abc"), false),
                Arguments.of("begins_with(a, :v)", b(1), b(1, 2), true),
                Arguments.of("begins_with(a, :v)", b(2), b(1, 2), false),
                Arguments.of("begins_with(a, :v)", s("a"), ss("abc"), false),
                Arguments.of("begins_with(a, :v)", s("a"), null, false),
                Arguments.of("contains(a, :v)", s("bc"), s("abc"), true),
                Arguments.of("contains(a, :v)", s(") OR"), s("x) OR y"), true),
                Arguments.of("contains(a, :v)", s("z"), s("abc"), false),
                Arguments.of("contains(a, :v)", s("x"), ss("x", "y"), true),
                Arguments.of("contains(a, :v)", s("xy"), ss("x", "y"), false),
                Arguments.of("contains(a, :v)", n("2.0"), ns("1", "2"), true),
                Arguments.of("contains(a, :v)", s("2"), ns("1", "2"), false),
                Arguments.of("contains(a, :v)", s("blue"), l(s("red"), s("blue")), true),
                Arguments.of("contains(a, :v)", n("1"), l(s("1")), false),
                Arguments.of("contains(a, :v)", m("k", s("v")), l(m("k", s("v"))), true),
                Arguments.of("contains(a, :v)", s("k"), m("k", s("v")), false),
                Arguments.of("contains(a, :v)", s("5"), n("5"), false),
                Arguments.of("contains(a, :v)", s("x"), null, false),
                Arguments.of("contains(a, :v)", b(2), b(1, 2, 3), true),
                Arguments.of("size(a) = :v", n("3"), s("abc"), true),
                Arguments.of("size(a) = :v", n("4"), s("é€"), false),
                Arguments.of("size(a) = :v", n("5"), s("é€"), true),
                Arguments.of("size(a) = :v", n("2"), b(1, 2), true),
                Arguments.of("size(a) = :v", n("2"), ss("x", "y"), true),
                Arguments.of("size(a) = :v", n("2"), l(s("x"), s("y")), true),
                Arguments.of("size(a) = :v", n("1"), m("k", s("v")), true),
                Arguments.of("size(a) = :v", n("1"), n("5"), false),
                Arguments.of("size(a) <> :v", n("1"), n("5"), true),
                Arguments.of("size(a) = :v", n("1"), bool(true), false),
                Arguments.of("size(a) = :v", n("0"), null, false),
                Arguments.of("size(a) > :v", n("1"), s("abc"), true),
                Arguments.of("a = :v", nul(), nul(), true),
                Arguments.of("a = :v", n("5.0"), n("5"), true),
                Arguments.of("a = :v", ss("y", "x"), ss("x", "y"), true),
                Arguments.of("a < :v", n("-1"), n("-2"), true),
                Arguments.of("a < :v", s("Z"), s("a"), false));
    }

    @ParameterizedTest(name = "{0} with :v={1} on a={2} is {3}")
    @MethodSource("functions")
    void evaluatesFunctionsAsDocumented(
            String expression, AttributeValue value, AttributeValue attribute, boolean expected) {
        Map<String, AttributeValue> item = attribute == null ? item("other", s("x")) : item("a", attribute);

        assertThat(Expressions.condition(expression, context(":v", value)).test(item))
                .isEqualTo(expected);
    }
}
