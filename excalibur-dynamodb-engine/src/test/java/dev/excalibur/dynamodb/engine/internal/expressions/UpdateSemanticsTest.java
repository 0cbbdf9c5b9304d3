package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.context;
import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.update;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.l;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.m;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ns;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** UpdateExpression semantics as golden triples (item before, expression, item after) and its errors (engine-surface.md R8). */
class UpdateSemanticsTest {

    private static final Map<String, AttributeValue> LIST = item("pk", s("k"), "l", l(s("a"), s("b"), s("c")));

    static Stream<Arguments> goldenTriples() {
        return Stream.of(
                Arguments.of(
                        item("pk", s("k")), "SET a = :v", new Object[] {":v", s("x")}, item("pk", s("k"), "a", s("x"))),
                Arguments.of(
                        item("pk", s("k"), "a", n("1")),
                        "SET a = a + :v",
                        new Object[] {":v", n("2.5")},
                        item("pk", s("k"), "a", n("3.5"))),
                Arguments.of(
                        item("pk", s("k"), "a", n("1")),
                        "SET a = :v - a",
                        new Object[] {":v", n("1")},
                        item("pk", s("k"), "a", n("0"))),
                Arguments.of(
                        item(),
                        "SET #c = if_not_exists(#c, :zero) + :one",
                        new Object[] {"#c", "counter", ":zero", n("0"), ":one", n("1")},
                        item("counter", n("1"))),
                Arguments.of(
                        item("counter", n("4")),
                        "SET #c = if_not_exists(#c, :zero) + :one",
                        new Object[] {"#c", "counter", ":zero", n("0"), ":one", n("1")},
                        item("counter", n("5"))),
                Arguments.of(
                        LIST,
                        "SET l = list_append(l, :v)",
                        new Object[] {":v", l(s("d"))},
                        item("pk", s("k"), "l", l(s("a"), s("b"), s("c"), s("d")))),
                Arguments.of(
                        LIST,
                        "SET l = list_append(:v, l)",
                        new Object[] {":v", l(s("z"))},
                        item("pk", s("k"), "l", l(s("z"), s("a"), s("b"), s("c")))),
                Arguments.of(
                        item(),
                        "SET l = list_append(if_not_exists(l, :empty), :v)",
                        new Object[] {":empty", l(), ":v", l(s("x"))},
                        item("l", l(s("x")))),
                Arguments.of(
                        LIST,
                        "SET l[1] = :v",
                        new Object[] {":v", s("B")},
                        item("pk", s("k"), "l", l(s("a"), s("B"), s("c")))),
                Arguments.of(
                        LIST,
                        "SET l[7] = :x, l[5] = :y",
                        new Object[] {":x", s("x"), ":y", s("y")},
                        item("pk", s("k"), "l", l(s("a"), s("b"), s("c"), s("y"), s("x")))),
                Arguments.of(LIST, "REMOVE l[0]", new Object[] {}, item("pk", s("k"), "l", l(s("b"), s("c")))),
                Arguments.of(LIST, "REMOVE l[0], l[2]", new Object[] {}, item("pk", s("k"), "l", l(s("b")))),
                Arguments.of(LIST, "REMOVE l[9]", new Object[] {}, LIST),
                Arguments.of(LIST, "REMOVE nothere", new Object[] {}, LIST),
                Arguments.of(
                        item("m", m("a", s("x"), "b", s("y"))),
                        "SET m.c = :v REMOVE m.a",
                        new Object[] {":v", s("z")},
                        item("m", m("b", s("y"), "c", s("z")))),
                Arguments.of(
                        item("m", m("a", m("b", s("y")))),
                        "SET m.a.b = :v",
                        new Object[] {":v", s("z")},
                        item("m", m("a", m("b", s("z"))))),
                Arguments.of(item("n", n("5")), "ADD n :v", new Object[] {":v", n("-7")}, item("n", n("-2"))),
                Arguments.of(item(), "ADD n :v", new Object[] {":v", n("3")}, item("n", n("3"))),
                Arguments.of(
                        item("tags", ss("a")),
                        "ADD tags :v",
                        new Object[] {":v", ss("a", "b")},
                        item("tags", ss("a", "b"))),
                Arguments.of(item(), "ADD tags :v", new Object[] {":v", ss("a")}, item("tags", ss("a"))),
                Arguments.of(
                        item("tags", ss("a", "b")),
                        "DELETE tags :v",
                        new Object[] {":v", ss("a", "z")},
                        item("tags", ss("b"))),
                Arguments.of(item("tags", ss("a", "b")), "DELETE tags :v", new Object[] {":v", ss("a", "b")}, item()),
                Arguments.of(
                        item("nums", ns("1", "2")),
                        "DELETE nums :v",
                        new Object[] {":v", ns("2.0")},
                        item("nums", ns("1"))),
                Arguments.of(item(), "DELETE tags :v", new Object[] {":v", ss("a")}, item()),
                Arguments.of(
                        item("a", s("1"), "b", s("2")),
                        "SET a = b, b = a",
                        new Object[] {},
                        item("a", s("2"), "b", s("1"))),
                Arguments.of(item("a", s("x")), "REMOVE a SET b = a", new Object[] {}, item("b", s("x"))),
                Arguments.of(item("a", n("1")), "SET a = (a + :v)", new Object[] {":v", n("1")}, item("a", n("2"))));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("goldenTriples")
    void appliesUpdatesAsTheServiceDoes(
            Map<String, AttributeValue> before,
            String expression,
            Object[] placeholders,
            Map<String, AttributeValue> after) {
        Map<String, AttributeValue> original = Map.copyOf(before);

        assertThat(update(expression, placeholders).apply(before)).isEqualTo(after);
        assertThat(before).isEqualTo(original);
    }

    @Test
    void refusesASectionUsedTwice() {
        refuses(
                () -> Expressions.update("SET a = :v SET b = :v", context(":v", s("x"))),
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
    }

    @Test
    void refusesOverlappingAndConflictingPaths() {
        refuses(
                () -> Expressions.update("SET a = :v REMOVE a", context(":v", s("x"))),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + "path one: [a], path two: [a]");
        refuses(
                () -> Expressions.update("SET a = :v, a.b = :v", context(":v", s("x"))),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + "path one: [a], path two: [a, b]");
        refuses(
                () -> Expressions.update("SET a.b = :v, a[0] = :v", context(":v", s("x"))),
                "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; "
                        + "path one: [a, b], path two: [a, [0]]");
    }

    // Current wording with the typeSet suffix, as quoted from the service by projects testing against it
    // (for example Dynamoid's "operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND").
    @Test
    void refusesAddAndDeleteOperandsOfTheWrongType() {
        refuses(
                () -> Expressions.update("ADD a :v", context(":v", s("x"))),
                "Invalid UpdateExpression: Incorrect operand type "
                        + "for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
        refuses(
                () -> Expressions.update("ADD a :v", context(":v", m())),
                "Invalid UpdateExpression: Incorrect operand type "
                        + "for operator or function; operator: ADD, operand type: MAP, typeSet: ALLOWED_FOR_ADD_OPERAND");
        refuses(
                () -> Expressions.update("ADD a :v", context(":v", l())),
                "Invalid UpdateExpression: Incorrect operand type "
                        + "for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND");
        refuses(
                () -> Expressions.update("DELETE a :v", context(":v", n("1"))),
                "Invalid UpdateExpression: Incorrect operand type "
                        + "for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
    }

    @Test
    void refusesAMissingOperandAttribute() {
        refuses(
                () -> update("SET a = b + :v", ":v", n("1")).apply(item()),
                "The provided expression refers to an attribute that does not exist in the item");
        refuses(
                () -> update("SET a = b").apply(item()),
                "The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void refusesAPathUnderAMissingOrScalarParent() {
        refuses(
                () -> update("SET a.b = :v", ":v", s("x")).apply(item()),
                "The document path provided in the update expression is invalid for update");
        refuses(
                () -> update("SET a.b = :v", ":v", s("x")).apply(item("a", s("scalar"))),
                "The document path provided in the update expression is invalid for update");
        refuses(
                () -> update("SET a[0] = :v", ":v", s("x")).apply(item("a", m())),
                "The document path provided in the update expression is invalid for update");
    }

    @Test
    void refusesOperandsOfTheWrongTypeAtRunTime() {
        refuses(
                () -> update("SET a = a + :v", ":v", n("1")).apply(item("a", s("x"))),
                "An operand in the update expression has an incorrect data type");
        refuses(
                () -> update("ADD a :v", ":v", n("1")).apply(item("a", ss("x"))),
                "An operand in the update expression has an incorrect data type");
        refuses(
                () -> update("DELETE a :v", ":v", ss("x")).apply(item("a", ns("1"))),
                "An operand in the update expression has an incorrect data type");
        refuses(
                () -> update("SET a = list_append(a, :v)", ":v", l()).apply(item("a", s("x"))),
                "An operand in the update expression has an incorrect data type");
    }

    @Test
    void refusesArithmeticOutOfTheNumberRange() {
        refuses(
                () -> update("SET a = a + :v", ":v", n("9E125")).apply(item("a", n("9E125"))),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void namesTheTopLevelAttributesItTouches() {
        Update update = update(
                "SET a.b = :v, c = d REMOVE e[1] ADD f :n DELETE g :s", ":v", s("x"), ":n", n("1"), ":s", ss("y"));

        assertThat(update.topLevelNames()).containsExactly("a", "c", "e", "f", "g");
    }

    @Test
    void projectsTheUpdatedPathsForReturnValues() {
        Map<String, AttributeValue> before =
                item("pk", s("k"), "a", m("b", s("old"), "keep", s("k")), "n", n("1"), "x", s("untouched"));
        Update update = update("SET a.b = :v ADD n :one", ":v", s("new"), ":one", n("1"));

        Map<String, AttributeValue> after = update.apply(before);

        assertThat(update.updatedPaths().apply(before)).isEqualTo(item("a", m("b", s("old")), "n", n("1")));
        assertThat(update.updatedPaths().apply(after)).isEqualTo(item("a", m("b", s("new")), "n", n("2")));
    }
}
