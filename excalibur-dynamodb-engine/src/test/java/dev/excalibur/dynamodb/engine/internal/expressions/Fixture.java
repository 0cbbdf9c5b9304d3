package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds the expression context of a test request from alternating placeholders and their meanings. */
final class Fixture {

    private Fixture() {}

    /**
     * A context from alternating keys and meanings: {@code "#n", "name"} defines a name placeholder,
     * {@code ":v", value} a value placeholder. No key of a kind leaves that map absent.
     */
    static ExpressionContext context(Object... placeholders) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < placeholders.length; i += 2) {
            String key = (String) placeholders[i];
            if (key.startsWith("#")) {
                names.put(key, (String) placeholders[i + 1]);
            } else {
                values.put(key, (AttributeValue) placeholders[i + 1]);
            }
        }
        return new ExpressionContext(names.isEmpty() ? null : names, values.isEmpty() ? null : values);
    }

    /** A condition parsed against the given placeholders, all of which it must use. */
    static Condition condition(String text, Object... placeholders) {
        ExpressionContext context = context(placeholders);
        Condition condition = Expressions.condition(text, context);
        context.requireAllUsed();
        return condition;
    }

    /** An update parsed against the given placeholders, all of which it must use. */
    static Update update(String text, Object... placeholders) {
        ExpressionContext context = context(placeholders);
        Update update = Expressions.update(text, context);
        context.requireAllUsed();
        return update;
    }

    /** A projection parsed against the given placeholders, all of which it must use. */
    static Projection projection(String text, Object... placeholders) {
        ExpressionContext context = context(placeholders);
        Projection projection = Expressions.projection(text, context);
        context.requireAllUsed();
        return projection;
    }
}
