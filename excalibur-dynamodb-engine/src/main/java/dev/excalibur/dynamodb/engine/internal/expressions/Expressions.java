package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * Entry points of the expression engine: each parses one expression of a request against the
 * request's {@link ExpressionContext} and returns its evaluable form, or throws the service's
 * {@code ValidationException} (syntax errors, reserved words, undefined placeholders, misused
 * functions, operand types, overlapping paths...). After parsing every expression of a request, call
 * {@link ExpressionContext#requireAllUsed()}. Thread-safe; the results are immutable. Internal to the
 * engine.
 */
public final class Expressions {

    private Expressions() {}

    /** A ConditionExpression (errors read {@code Invalid ConditionExpression: ...}). */
    public static Condition condition(String text, ExpressionContext context) {
        return Parser.condition(text, "ConditionExpression", context);
    }

    /** A FilterExpression: the condition grammar, errors read {@code Invalid FilterExpression: ...}. */
    public static Condition filter(String text, ExpressionContext context) {
        return Parser.condition(text, "FilterExpression", context);
    }

    /** A KeyConditionExpression; check it with {@link KeyCondition#checkKeys} against the key schema. */
    public static KeyCondition keyCondition(String text, ExpressionContext context) {
        return KeyCondition.parse(text, context);
    }

    /** An UpdateExpression. */
    public static Update update(String text, ExpressionContext context) {
        return Parser.update(text, context);
    }

    /** A ProjectionExpression. */
    public static Projection projection(String text, ExpressionContext context) {
        return Parser.projection(text, context);
    }

    /**
     * The legacy {@code Expected} map (entries combined with {@code operator}, AND when null); an empty
     * map is a condition that always holds.
     */
    public static Condition expected(Map<String, ExpectedAttributeValue> expected, ConditionalOperator operator) {
        return Legacy.expected(expected, operator == null ? null : operator.toString());
    }

    /** The legacy {@code AttributeUpdates} map. */
    public static Update attributeUpdates(Map<String, AttributeValueUpdate> updates) {
        return Legacy.attributeUpdates(updates);
    }
}
