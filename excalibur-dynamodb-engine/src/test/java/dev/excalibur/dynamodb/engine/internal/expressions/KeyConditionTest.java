package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.context;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.b;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KeyConditionExpression: its restricted grammar and its check against a key schema. */
class KeyConditionTest {

    private static KeyCondition parsed(String text) {
        KeyCondition condition = Expressions.keyCondition(text, context(":pk", s("p"), ":a", n("10"), ":b", n("20")));
        condition.checkKeys("pk", "sk");
        return condition;
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            pk = :pk AND sk = :a | 10 | true
            pk = :pk AND sk = :a | 11 | false
            pk = :pk AND sk < :a | 9.5 | true
            pk = :pk AND sk < :a | 10 | false
            pk = :pk AND sk <= :a | 10 | true
            pk = :pk AND sk > :a | 10 | false
            pk = :pk AND sk >= :a | 10 | true
            pk = :pk AND :a > sk | 9 | true
            pk = :pk AND :a <= sk | 9 | false
            pk = :pk AND sk BETWEEN :a AND :b | 20 | true
            pk = :pk AND sk BETWEEN :a AND :b | 21 | false
            sk BETWEEN :a AND :b AND pk = :pk | 15 | true
            (pk = :pk) AND (sk > :a) | 11 | true
            """)
    void matchesTheSortKeyCondition(String expression, String sortKey, boolean expected) {
        KeyCondition condition = parsed(expression);

        assertThat(condition.hashValue()).isEqualTo(s("p"));
        assertThat(condition.hasRangeCondition()).isTrue();
        assertThat(condition.matchesRange(n(sortKey))).isEqualTo(expected);
    }

    @Test
    void matchesAnySortKeyWithoutASortKeyCondition() {
        KeyCondition condition = Expressions.keyCondition("pk = :pk", context(":pk", s("p")));
        condition.checkKeys("pk", "sk");

        assertThat(condition.hasRangeCondition()).isFalse();
        assertThat(condition.matchesRange(n("1"))).isTrue();
    }

    @Test
    void matchesBeginsWithOnStringAndBinarySortKeys() {
        KeyCondition strings =
                Expressions.keyCondition("pk = :pk AND begins_with(sk, :p)", context(":pk", s("p"), ":p", s("ab")));
        strings.checkKeys("pk", "sk");
        KeyCondition binaries =
                Expressions.keyCondition("pk = :pk AND begins_with(sk, :p)", context(":pk", s("p"), ":p", b(1)));
        binaries.checkKeys("pk", "sk");

        assertThat(strings.matchesRange(s("abc"))).isTrue();
        assertThat(strings.matchesRange(s("ba"))).isFalse();
        assertThat(binaries.matchesRange(b(1, 9))).isTrue();
        assertThat(binaries.matchesRange(b(2))).isFalse();
    }

    @Test
    void refusesOperatorsOutsideTheKeyConditionGrammar() {
        refuses(() -> parsed("pk = :pk OR sk = :a"), "Invalid operator used in KeyConditionExpression: OR");
        refuses(() -> parsed("NOT pk = :pk"), "Invalid operator used in KeyConditionExpression: NOT");
        refuses(() -> parsed("pk IN (:pk)"), "Invalid operator used in KeyConditionExpression: IN");
        refuses(() -> parsed("pk = :pk AND sk <> :a"), "Invalid operator used in KeyConditionExpression: <>");
        refuses(
                () -> parsed("pk = :pk AND attribute_exists(sk)"),
                "Invalid operator used in KeyConditionExpression: attribute_exists");
        refuses(
                () -> parsed("pk = :pk AND contains(sk, :a)"),
                "Invalid operator used in KeyConditionExpression: contains");
        refuses(
                () -> parsed("pk = :pk AND size(sk) > :a"),
                "Invalid KeyConditionExpression: KeyConditionExpressions cannot contain nested operations");
    }

    @Test
    void refusesMalformedKeyConditions() {
        refuses(
                () -> parsed("pk = :pk AND pk = :pk"),
                "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
        refuses(
                () -> parsed("pk = :pk AND sk.x = :a"),
                "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
        refuses(
                () -> parsed("pk = sk"),
                "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
        refuses(() -> parsed(":pk = :pk"), "Invalid condition in KeyConditionExpression: No key attribute specified");
        refuses(
                () -> parsed("pk = :pk AND :a BETWEEN sk AND :b"),
                "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
    }

    // Captured from the service by ExtendDB (tests/test_key_condition_nested_attributes.py): the nested
    // check fires before the key-schema checks, on any attribute, through placeholders too.
    @Test
    void refusesNestedPathsBeforeCheckingTheKeySchema() {
        String nested =
                "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes";
        refuses(() -> parsed("pk.foo > :pk"), nested);
        refuses(() -> parsed("attr.bar = :pk"), nested);
        refuses(() -> parsed("pk = :pk AND sk[0] = :a"), nested);
        refuses(() -> parsed("pk = :pk AND :a < sk.foo"), nested);
        refuses(() -> Expressions.keyCondition("#d.foo = :v", context("#d", "pk", ":v", s("p"))), nested);
        refuses(
                () -> parsed("data.foo = :pk"),
                "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: data");
    }

    @Test
    void refusesConditionsThatDoNotFitTheKeySchema() {
        refuses(() -> parsed("sk = :a"), "Query condition missed key schema element: pk");
        refuses(() -> parsed("pk > :pk"), "Query key condition not supported");
        refuses(() -> parsed("pk = :pk AND attr = :a"), "Query condition missed key schema element: sk");
        KeyCondition hashOnly = Expressions.keyCondition("pk = :pk AND sk = :a", context(":pk", s("p"), ":a", n("1")));
        refuses(() -> hashOnly.checkKeys("pk", null), "Query key condition not supported");
    }

    @Test
    void refusesValuesOfTheWrongKeyType() {
        KeyCondition condition = parsed("pk = :pk AND sk > :a");
        condition.checkTypes("S", "N");
        refuses(
                () -> condition.checkTypes("N", "N"),
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        refuses(
                () -> condition.checkTypes("S", "S"),
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }
}
