package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.condition;
import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.context;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.util.DefaultSdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The rules on ExpressionAttributeNames and ExpressionAttributeValues (engine-surface.md R1). */
class PlaceholderRulesTest {

    @Test
    void refusesAnUnusedValuePlaceholder() {
        ExpressionContext context = context(":v", s("x"), ":x", n("1"));
        Expressions.condition("a = :v", context);
        refuses(
                context::requireAllUsed,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
    }

    @Test
    void refusesUnusedNamePlaceholdersBeforeUnusedValues() {
        ExpressionContext context = context("#a", "a", "#b", "b", "#c", "c", ":x", n("1"));
        Expressions.condition("attribute_exists(#b)", context);
        refuses(
                context::requireAllUsed,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #c}");
    }

    @Test
    void countsPlaceholdersUsedByAnyExpressionOfTheRequest() {
        ExpressionContext context = context("#pk", "pk", "#name", "Name", ":pk", s("k"));
        Expressions.keyCondition("#pk = :pk", context);
        Expressions.projection("#name", context);

        context.requireAllUsed();

        assertThat(Expressions.projection("#name", context(("#name"), "Name")).apply(item("Name", s("n"), "x", s("y"))))
                .isEqualTo(item("Name", s("n")));
    }

    @Test
    void refusesAnUndefinedNamePlaceholderNamingTheExpression() {
        refuses(
                () -> Expressions.filter("#x = :v", context(":v", s("a"))),
                "Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
    }

    @Test
    void refusesAnUndefinedValuePlaceholderNamingTheExpression() {
        refuses(
                () -> Expressions.update("SET a = :v", context()),
                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v");
    }

    @Test
    void refusesEmptyMaps() {
        refuses(() -> new ExpressionContext(Map.of(), null), "ExpressionAttributeNames must not be empty");
        refuses(() -> new ExpressionContext(null, Map.of()), "ExpressionAttributeValues must not be empty");
    }

    @Test
    void treatsMapsTheSdkLeftUnsetAsAbsent() {
        ExpressionContext context = new ExpressionContext(
                DefaultSdkAutoConstructMap.getInstance(), DefaultSdkAutoConstructMap.getInstance());
        Expressions.condition("attribute_exists(a)", context);

        context.requireAllUsed();

        assertThat(Expressions.condition("attribute_exists(a)", context).test(item("a", s("x"))))
                .isTrue();
    }

    @Test
    void refusesKeysThatAreNotPlaceholders() {
        refuses(
                () -> new ExpressionContext(Map.of("a", "b"), null),
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        refuses(
                () -> new ExpressionContext(null, Map.of("v", s("x"))),
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
    }

    // Captured from the service by ExtendDB (tests/test_expression_attribute_map_validation.py).
    @Test
    void refusesPlaceholdersLongerThan255BytesAndEmptyNames() {
        String longName = "#" + "a".repeat(255);
        refuses(
                () -> new ExpressionContext(Map.of(longName, "x"), null),
                "ExpressionAttributeNames contains invalid key: "
                        + "The expression attribute map contains a key that is too long; size of key: 256");
        refuses(
                () -> new ExpressionContext(Map.of(longName + "-x", "x"), null),
                "ExpressionAttributeNames contains invalid key: "
                        + "The expression attribute map contains a key that is too long; size of key: 258");
        refuses(
                () -> new ExpressionContext(null, Map.of(":" + "a".repeat(255), s("x"))),
                "ExpressionAttributeValues contains "
                        + "invalid key: The expression attribute map contains a key that is too long;");
        refuses(
                () -> new ExpressionContext(Map.of("#a", ""), null),
                "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
        refuses(
                () -> new ExpressionContext(Map.of("#", "a"), null),
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
        assertThat(new ExpressionContext(Map.of("#" + "a".repeat(254), "x"), null))
                .isNotNull();
    }

    @Test
    void refusesInvalidValuesNamingTheirPlaceholder() {
        refuses(
                () -> new ExpressionContext(null, Map.of(":v", AttributeValue.fromN("x"))),
                "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :v");
    }

    @Test
    void refusesNamesWhenNoExpressionIsGiven() {
        ExpressionContext context = context("#a", "a");
        refuses(context::requireAllUsed, "ExpressionAttributeNames can only be specified when using expressions");
    }

    @Test
    void refusesValuesWhenNoValueBearingExpressionIsGiven() {
        ExpressionContext context = context(":v", s("x"));
        refuses(
                () -> context.requireAllUsed(false, "ConditionExpression"),
                "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
        refuses(
                () -> context.requireAllUsed(false, "KeyConditionExpression", "FilterExpression"),
                "ExpressionAttributeValues can only be specified when using expressions: KeyConditionExpression and FilterExpression are null");
    }

    @Test
    void acceptsUnderscoresAndDigitsInPlaceholders() {
        Condition condition = condition(
                "#AMZN_MAPPED_version = :old_version_value AND #_1 = :_2",
                "#AMZN_MAPPED_version",
                "version",
                ":old_version_value",
                n("3"),
                "#_1",
                "x",
                ":_2",
                s("y"));

        assertThat(condition.test(item("version", n("3"), "x", s("y")))).isTrue();
    }

    @Test
    void substitutesANameHoldingADotAsOneTopLevelAttribute() {
        Condition condition = condition("#sw = :v", "#sw", "Safety.Warning", ":v", s("on"));

        assertThat(condition.test(item("Safety.Warning", s("on")))).isTrue();
        assertThat(condition.test(item("Safety", AttributeValue.fromM(Map.of("Warning", s("on"))))))
                .isFalse();
    }

    @Test
    void usesTheCanonicalFormOfNumericPlaceholders() {
        assertThat(condition("a = :v", ":v", n("1.0E-4")).test(item("a", n("0.0001"))))
                .isTrue();
    }
}
