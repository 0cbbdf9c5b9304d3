package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.condition;
import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.context;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The parser's corner cases and static errors (engine-surface.md R3). */
class ParserCornerCasesTest {

    private static final Map<String, AttributeValue> ITEM = item("a", n("1"), "b", n("2"), "c", n("3"));

    // Syntax error messages as AWS wrote them in public reports: aws/aws-cdk#7591 ("ADD hits : incr"),
    // nubo-db/dynoxide#12 ("INVALID SYNTAX HERE").
    @Test
    void reportsSyntaxErrorsWithTheTokenAndItsNeighbours() {
        refuses(
                () -> Expressions.update("ADD hits : incr", context(":incr", n("1"))),
                "Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
        refuses(
                () -> Expressions.update("INVALID SYNTAX HERE", context()),
                "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
        refuses(
                () -> Expressions.condition("user-id = :v", context(":v", s("x"))),
                "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"user-id\"");
        refuses(
                () -> Expressions.condition("a = :v AND", context(":v", s("x"))),
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }

    @Test
    void refusesAnEmptyExpression() {
        refuses(
                () -> Expressions.condition("", context()),
                "Invalid ConditionExpression: The expression can not be empty;");
        refuses(() -> Expressions.update("", context()), "Invalid UpdateExpression: The expression can not be empty;");
    }

    @Test
    void readsKeywordsInAnyCase() {
        assertThat(condition("a = :one and not b = :one oR c between :one AnD :three", ":one", n("1"), ":three", n("3"))
                        .test(ITEM))
                .isTrue();
        assertThat(Fixture.update("set a = :v remove b", ":v", s("x")).apply(ITEM))
                .isEqualTo(item("a", s("x"), "c", n("3")));
    }

    @Test
    void readsFunctionNamesCaseSensitively() {
        refuses(
                () -> Expressions.condition("Attribute_Exists(a)", context()),
                "Invalid ConditionExpression: Invalid function name; function: Attribute_Exists");
    }

    @Test
    void allowsSpaceBetweenAFunctionAndItsParenthesis() {
        assertThat(condition("attribute_exists (wid)").test(item("wid", s("w"))))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a = :one OR b = :one AND c = :one | true",
                "(a = :one OR b = :one) AND c = :one | false",
                "NOT a = :one AND b = :one | false",
                "NOT (a = :one AND b = :one) | true",
                "(a = :one) AND (b = :two) | true",
                "NOT (a = :two) | true",
                "a = :one AND ((b = :two) AND (c > :three)) | true",
                "(attribute_exists(a) AND a = :one AND b = :two) | true",
                ":one <= a | true",
                ":two > a | true",
                "(a) = :one | true",
                "(size(a)) > :one | false",
                "NOT NOT a = :one | true",
            })
    void followsThePrecedenceAndParenthesesOfTheGrammar(String expression, boolean expected) {
        ExpressionContext context = context(":one", n("1"), ":two", n("2"), ":three", n("3"));
        assertThat(Expressions.condition(expression, context).test(item("a", n("1"), "b", n("2"), "c", n("4"))))
                .isEqualTo(expected);
    }

    @Test
    void refusesRedundantParentheses() {
        refuses(
                () -> Expressions.filter("a = :v AND ((b = :v AND c = :v)) AND d = :v", context(":v", s("x"))),
                "Invalid FilterExpression: The expression has redundant parentheses;");
        refuses(
                () -> Expressions.filter("a > ((views))", context()),
                "Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @Test
    void refusesFunctionsUsedOutOfPlace() {
        refuses(
                () -> Expressions.condition("size(a)", context()),
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
        refuses(
                () -> Expressions.condition("attribute_exists(a) = :v", context(":v", s("x"))),
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists");
        refuses(
                () -> Expressions.condition("if_not_exists(a, :v) = :v", context(":v", s("x"))),
                "Invalid ConditionExpression: Invalid function name; function: if_not_exists");
        refuses(
                () -> Expressions.update("SET a = size(b)", context()),
                "Invalid UpdateExpression: Invalid function name; function: size");
    }

    @Test
    void refusesFunctionsWithTheWrongOperands() {
        refuses(
                () -> Expressions.condition("attribute_exists(a, b)", context()),
                "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
                        + "operator or function: attribute_exists, number of operands: 2");
        refuses(
                () -> Expressions.condition("attribute_exists(:v)", context(":v", s("x"))),
                "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists");
        refuses(
                () -> Expressions.condition("begins_with(a, :v)", context(":v", n("1"))),
                "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        refuses(
                () -> Expressions.condition("attribute_type(a, :t)", context(":t", s("STRING"))),
                "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        refuses(
                () -> Expressions.condition("size(:v) > :v", context(":v", n("1"))),
                "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N");
        refuses(
                () -> Expressions.update("SET a = if_not_exists(:v, b)", context(":v", s("x"))),
                "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists");
        refuses(
                () -> Expressions.update("SET a = list_append(b, :v)", context(":v", s("x"))),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S");
        refuses(
                () -> Expressions.update("SET a = b + :v", context(":v", s("x"))),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S");
    }

    @Test
    void refusesTheSameDocumentPathOnBothSides() {
        refuses(
                () -> Expressions.condition("a.b = a.b", context()),
                "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
                        + "operator or function; operator: =, first operand: [a, b]");
        refuses(
                () -> Expressions.condition("contains(a, a)", context()),
                "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
                        + "operator or function; operator: contains, first operand: [a]");
    }

    @Test
    void refusesBetweenBoundsInTheWrongOrderOrOfDifferentTypes() {
        refuses(
                () -> Expressions.condition("a BETWEEN :hi AND :lo", context(":hi", n("5"), ":lo", n("1"))),
                "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
        refuses(
                () -> Expressions.condition("a BETWEEN :lo AND :hi", context(":hi", s("5"), ":lo", n("1"))),
                "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; "
                        + "lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:5}");
    }

    // Captured from the service by ExtendDB (tests/test_expr_operand_type_and_size.py): constants of
    // unordered types are refused by ordering operators whatever the evaluation would do; paths are not.
    @ParameterizedTest(name = "{0} with a {1} constant")
    @CsvSource({"<, BOOL", "<=, NULL", ">, SS", ">=, NS", "<, L", ">, M"})
    void refusesOrderingAConstantOfAnUnorderedType(String operator, String type) {
        AttributeValue constant = switch (type) {
            case "BOOL" -> AttributeValue.fromBool(true);
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(List.of("a"));
            case "NS" -> AttributeValue.fromNs(List.of("1"));
            case "L" -> AttributeValue.fromL(List.of());
            default -> AttributeValue.fromM(Map.of());
        };
        String message = "Invalid ConditionExpression: Incorrect operand type for operator or function; "
                + "operator or function: " + operator + ", operand type: " + type;
        refuses(() -> Expressions.condition("n " + operator + " :v", context(":v", constant)), message);
        refuses(
                () -> Expressions.condition("attribute_exists(zzz) AND :v " + operator + " n", context(":v", constant)),
                message);
        refuses(() -> Expressions.condition("size(s) " + operator + " :v", context(":v", constant)), message);
        assertThat(condition("n = :v", ":v", constant).test(ITEM)).isFalse();
        assertThat(condition("n <> :v", ":v", constant).test(ITEM)).isTrue();
    }

    @Test
    void refusesBetweenBoundsOfAnUnorderedType() {
        refuses(
                () -> Expressions.filter(
                        "n BETWEEN :a AND :b",
                        context(":a", AttributeValue.fromBool(true), ":b", AttributeValue.fromBool(false))),
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL");
    }

    @Test
    void comparesPathsToUnorderedValuesAsFalse() {
        Map<String, AttributeValue> item = item("flag", AttributeValue.fromBool(true), "n", n("5"));
        assertThat(condition("flag > :zero", ":zero", n("0")).test(item)).isFalse();
        assertThat(condition("flag > n").test(item)).isFalse();
        assertThat(condition("size(n) > :zero", ":zero", n("0")).test(item)).isFalse();
        assertThat(condition("size(n) <> :zero", ":zero", n("0")).test(item)).isTrue();
    }

    // Captured from the service by ExtendDB (tests/test_expression_size_limit.py): 4096 bytes are
    // accepted; beyond, only condition and filter expressions report the size.
    @Test
    void refusesExpressionsAboveFourKilobytes() {
        String name = "a" + "z".repeat(4095);
        assertThat(Expressions.projection(name, context()).apply(ITEM)).isEmpty();
        refuses(
                () -> Expressions.projection(name + "z", context()),
                "Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;");
        refuses(
                () -> Expressions.update("SET " + name + " = :v", context(":v", s("x"))),
                "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
        String condition = "attribute_not_exists(" + name + "z)";
        refuses(
                () -> Expressions.condition(condition, context()),
                "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: "
                        + condition.length());
    }

    @Test
    void namesTheTopLevelAttributesAConditionReads() {
        Condition condition = condition(
                "a.b = :v AND (size(c[0]) > :n OR NOT begins_with(#d, :v)) AND e IN (:v, f)",
                ":v",
                s("x"),
                ":n",
                n("1"),
                "#d",
                "d");

        assertThat(condition.topLevelNames()).containsExactly("a", "c", "d", "e", "f");
    }

    @Test
    void refusesNestingDeeperThanTheParserHoldsWithAValidationError() {
        String tooDeep = "(".repeat(2000) + "a = :v" + ")".repeat(2000);
        String tooManyNots = "NOT ".repeat(1000) + "a = :v";
        String deepOperand = "a = " + "(".repeat(2000) + ":v" + ")".repeat(2000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String expression : List.of(tooDeep, tooManyNots, deepOperand)) {
                refuses(
                        () -> Expressions.condition(expression, context(":v", s("x"))),
                        "Invalid ConditionExpression: The expression is nested too deeply; maximum nesting: 256");
            }
        });
    }

    @Test
    void parsesTheDeepestAcceptedNestingOnASmallThreadStack() throws InterruptedException {
        List<String> deepest = List.of(
                "(a = :v OR ".repeat(127) + "a = :v" + ")".repeat(127),
                "NOT (".repeat(85) + "a = :v" + ")".repeat(85),
                "a = " + "(".repeat(254) + ":v" + ")".repeat(254),
                "size(a) = " + "(".repeat(250) + ":n" + ")".repeat(250));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread small = new Thread(
                null,
                () -> {
                    for (String expression : deepest) {
                        try {
                            Expressions.condition(expression, context(":v", s("x"), ":n", n("1")));
                        } catch (RuntimeException expected) {
                            // a ValidationException is an answer; a StackOverflowError is not
                        } catch (Throwable error) {
                            failures.add(error);
                        }
                    }
                },
                "small-stack",
                512 * 1024);
        small.start();
        small.join();

        assertThat(failures).isEmpty();
    }

    @Test
    void parsesNestingWithinTheLimit() {
        String nots = "NOT ".repeat(100) + "a = :v";
        String chain = "(a = :v OR ".repeat(100) + "a = :v" + ")".repeat(100);

        assertThat(condition(nots, ":v", s("x")).test(item("a", s("x")))).isTrue();
        assertThat(condition(chain, ":v", s("x")).test(item("a", s("x")))).isTrue();
        refuses(
                () -> Expressions.condition("(".repeat(100) + "a = :v" + ")".repeat(100), context(":v", s("x"))),
                "Invalid ConditionExpression: The expression has redundant parentheses;");
    }

    @Test
    void acceptsAHundredInOperandsAndRefusesMore() {
        String hundred = IntStream.range(0, 100).mapToObj(i -> ":v").collect(Collectors.joining(", "));
        assertThat(condition("a IN (" + hundred + ")", ":v", n("1")).test(ITEM)).isTrue();
        refuses(
                () -> Expressions.condition("a IN (" + hundred + ", :v)", context(":v", n("1"))),
                "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void readsNestedPathsWithMembersAndListIndexes() {
        Map<String, AttributeValue> item = item(
                "a",
                AttributeValue.fromM(Map.of(
                        "b", AttributeValue.fromL(List.of(s("zero"), AttributeValue.fromM(Map.of("c", s("deep"))))))));

        assertThat(condition("a.b[1].c = :v", ":v", s("deep")).test(item)).isTrue();
        assertThat(condition("a.b[0] = :v", ":v", s("zero")).test(item)).isTrue();
        assertThat(condition("attribute_exists(a.b[2])").test(item)).isFalse();
        assertThat(condition("attribute_exists(a[0])").test(item)).isFalse();
    }

    @Test
    void refusesNegativeOrNonLiteralListIndexes() {
        refuses(
                () -> Expressions.condition("a[-1] = :v", context(":v", s("x"))),
                "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"[-1\"");
        refuses(
                () -> Expressions.condition("a[:i] = :v", context(":v", s("x"), ":i", n("1"))),
                "Invalid ConditionExpression: Syntax error; token: \":i\", near: \"[:i]\"");
    }

    @Test
    void refusesBareNamesStartingWithADigit() {
        refuses(
                () -> Expressions.projection("1a", context()),
                "Invalid ProjectionExpression: Syntax error; token: \"1\", near: \"1a\"");
    }
}
