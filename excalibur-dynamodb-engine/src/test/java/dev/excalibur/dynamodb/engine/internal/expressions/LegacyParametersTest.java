package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.l;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.m;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/** The legacy Expected and AttributeUpdates parameters, as KCL uses them (engine-surface.md §1.5, M4). */
class LegacyParametersTest {

    private static final Map<String, AttributeValue> LEASE =
            item("leaseKey", s("shard-1"), "leaseOwner", s("w1"), "leaseCounter", n("4"));

    private static ExpectedAttributeValue value(AttributeValue value) {
        return ExpectedAttributeValue.builder().value(value).build();
    }

    private static ExpectedAttributeValue absent() {
        return ExpectedAttributeValue.builder().exists(false).build();
    }

    private static ExpectedAttributeValue compared(ComparisonOperator operator, AttributeValue... values) {
        return ExpectedAttributeValue.builder()
                .comparisonOperator(operator)
                .attributeValueList(values)
                .build();
    }

    /** The AttributeUpdates parameter with one entry: {@code action} of {@code value} on {@code name}. */
    private static Update attributeUpdate(String name, AttributeValue value, AttributeAction action) {
        return Expressions.attributeUpdates(Map.of(
                name, AttributeValueUpdate.builder().value(value).action(action).build()));
    }

    @Test
    void expectsEqualValuesAndAbsentAttributes() {
        Condition owned = Expressions.expected(
                Map.of(
                        "leaseOwner",
                        value(s("w1")),
                        "leaseCounter",
                        ExpectedAttributeValue.builder()
                                .exists(true)
                                .value(n("4.0"))
                                .build()),
                null);
        Condition unowned = Expressions.expected(Map.of("leaseOwner", absent()), null);

        assertThat(owned.test(LEASE)).isTrue();
        assertThat(owned.test(item("leaseKey", s("shard-1"), "leaseOwner", s("w2"), "leaseCounter", n("4"))))
                .isFalse();
        assertThat(owned.test(item())).isFalse();
        assertThat(unowned.test(LEASE)).isFalse();
        assertThat(unowned.test(item("leaseKey", s("shard-1")))).isTrue();
    }

    @Test
    void combinesExpectationsWithTheConditionalOperator() {
        Map<String, ExpectedAttributeValue> expected = new LinkedHashMap<>();
        expected.put("leaseOwner", value(s("nobody")));
        expected.put("leaseCounter", value(n("4")));

        assertThat(Expressions.expected(expected, ConditionalOperator.AND).test(LEASE))
                .isFalse();
        assertThat(Expressions.expected(expected, ConditionalOperator.OR).test(LEASE))
                .isTrue();
        assertThat(Expressions.expected(Map.of(), null).test(item())).isTrue();
    }

    @Test
    void evaluatesComparisonOperators() {
        assertThat(Expressions.expected(Map.of("leaseCounter", compared(ComparisonOperator.GT, n("3"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Expressions.expected(
                                Map.of("leaseCounter", compared(ComparisonOperator.BETWEEN, n("5"), n("9"))), null)
                        .test(LEASE))
                .isFalse();
        assertThat(Expressions.expected(Map.of("leaseOwner", compared(ComparisonOperator.IN, s("w0"), s("w1"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Expressions.expected(Map.of("leaseOwner", compared(ComparisonOperator.BEGINS_WITH, s("w"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Expressions.expected(Map.of("leaseOwner", compared(ComparisonOperator.NOT_NULL)), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Expressions.expected(Map.of("checkpoint", compared(ComparisonOperator.NULL)), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Expressions.expected(Map.of("leaseOwner", compared(ComparisonOperator.NE, s("w1"))), null)
                        .test(LEASE))
                .isFalse();
        assertThat(Expressions.expected(Map.of("leaseOwner", compared(ComparisonOperator.EQ, ss("w1"))), null)
                        .test(LEASE))
                .isFalse();
        assertThat(Expressions.expected(Map.of("leaseOwner", compared(ComparisonOperator.NOT_CONTAINS, s("x"))), null)
                        .test(LEASE))
                .isTrue();
    }

    @Test
    void refusesContradictoryExpectations() {
        refuses(
                () -> Expressions.expected(
                        Map.of(
                                "a",
                                ExpectedAttributeValue.builder().exists(true).build()),
                        null),
                "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a");
        refuses(
                () -> Expressions.expected(
                        Map.of("a", ExpectedAttributeValue.builder().build()), null),
                "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a");
        refuses(
                () -> Expressions.expected(
                        Map.of(
                                "a",
                                ExpectedAttributeValue.builder()
                                        .exists(false)
                                        .value(s("x"))
                                        .build()),
                        null),
                "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a");
        refuses(
                () -> Expressions.expected(Map.of("a", compared(ComparisonOperator.EQ)), null),
                "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
        refuses(
                () -> Expressions.expected(Map.of("a", compared(ComparisonOperator.LT, ss("x"))), null),
                "One or more parameter values were invalid: ComparisonOperator LT is not valid for SS AttributeValue type");
        refuses(
                () -> Expressions.expected(
                        Map.of("a", compared(ComparisonOperator.EQ, AttributeValue.fromBool(true))), null),
                "One or more parameter values were invalid: ComparisonOperator EQ is not valid for BOOL AttributeValue type");
        refuses(
                () -> Expressions.expected(Map.of("a", compared(ComparisonOperator.BETWEEN, n("2"), n("1"))), null),
                "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }

    @Test
    void appliesPutDeleteAndAdd() {
        Map<String, AttributeValueUpdate> updates = new LinkedHashMap<>();
        updates.put(
                "leaseOwner",
                AttributeValueUpdate.builder()
                        .value(s("w2"))
                        .action(AttributeAction.PUT)
                        .build());
        updates.put(
                "leaseCounter",
                AttributeValueUpdate.builder()
                        .value(n("1"))
                        .action(AttributeAction.ADD)
                        .build());
        updates.put(
                "checkpoint",
                AttributeValueUpdate.builder().value(s("TRIM_HORIZON")).build());
        updates.put(
                "pendingCheckpoint",
                AttributeValueUpdate.builder().action(AttributeAction.DELETE).build());
        updates.put(
                "parents",
                AttributeValueUpdate.builder()
                        .value(ss("p1"))
                        .action(AttributeAction.ADD)
                        .build());
        Update update = Expressions.attributeUpdates(updates);

        Map<String, AttributeValue> after = update.apply(item(
                "leaseKey",
                s("shard-1"),
                "leaseOwner",
                s("w1"),
                "leaseCounter",
                n("4"),
                "pendingCheckpoint",
                s("x"),
                "parents",
                ss("p0")));

        assertThat(after)
                .isEqualTo(item(
                        "leaseKey",
                        s("shard-1"),
                        "leaseOwner",
                        s("w2"),
                        "leaseCounter",
                        n("5"),
                        "parents",
                        ss("p0", "p1"),
                        "checkpoint",
                        s("TRIM_HORIZON")));
        assertThat(update.topLevelNames())
                .containsExactly("leaseOwner", "leaseCounter", "checkpoint", "pendingCheckpoint", "parents");
    }

    @Test
    void addsNumbersToMissingAttributesAndAppendsLists() {
        Update add = attributeUpdate("n", n("2"), AttributeAction.ADD);
        Update append = attributeUpdate("l", l(m("k", s("b"))), AttributeAction.ADD);

        assertThat(add.apply(item())).isEqualTo(item("n", n("2")));
        assertThat(append.apply(item("l", l(m("k", s("a")))))).isEqualTo(item("l", l(m("k", s("a")), m("k", s("b")))));
    }

    @Test
    void deletesSetMembersAndIgnoresMissingAttributes() {
        Update delete = attributeUpdate("tags", ss("a"), AttributeAction.DELETE);

        assertThat(delete.apply(item("tags", ss("a", "b")))).isEqualTo(item("tags", ss("b")));
        assertThat(delete.apply(item("tags", ss("a")))).isEqualTo(item());
        assertThat(delete.apply(item())).isEqualTo(item());
        refuses(() -> delete.apply(item("tags", s("a"))), "Type mismatch for attribute to update");
    }

    @Test
    void refusesActionsWithoutTheValuesTheyNeed() {
        refuses(
                () -> Expressions.attributeUpdates(Map.of(
                        "a",
                        AttributeValueUpdate.builder()
                                .action(AttributeAction.PUT)
                                .build())),
                "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified");
        refuses(
                () -> attributeUpdate("a", s("x"), AttributeAction.DELETE),
                "One or more parameter values were invalid: DELETE action with value is not supported for the type S");
        refuses(
                () -> attributeUpdate("a", s("x"), AttributeAction.ADD),
                "One or more parameter values were invalid: ADD action is not supported for the type S");
    }
}
