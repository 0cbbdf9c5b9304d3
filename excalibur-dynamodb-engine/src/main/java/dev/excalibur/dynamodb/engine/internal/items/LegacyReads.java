package dev.excalibur.dynamodb.engine.internal.items;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.expressions.Condition;
import dev.excalibur.dynamodb.engine.internal.expressions.ExpressionContext;
import dev.excalibur.dynamodb.engine.internal.expressions.Expressions;
import dev.excalibur.dynamodb.engine.internal.expressions.KeyCondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * The legacy read parameters of Query and Scan translated to their expression equivalents: {@code KeyConditions}
 * becomes a key condition (equality on the partition key; {@code EQ LE LT GE GT BEGINS_WITH BETWEEN} on the sort
 * key), {@code QueryFilter}/{@code ScanFilter} become conditions with the legacy comparison operators (the same
 * rules as {@code Expected} with {@code ComparisonOperator}). Internal to the engine.
 */
final class LegacyReads {

    private LegacyReads() {}

    /** The key condition {@code KeyConditions} states. */
    static KeyCondition keyConditions(
            Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> conditions) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.Condition> entry :
                conditions.entrySet()) {
            String name = "#k" + names.size();
            names.put(name, entry.getKey());
            List<AttributeValue> operands =
                    entry.getValue().hasAttributeValueList() ? entry.getValue().attributeValueList() : List.of();
            String operator = entry.getValue().comparisonOperatorAsString();
            int expected = "BETWEEN".equals(operator) ? 2 : 1;
            if (operands.size() != expected) {
                throw validation("One or more parameter values were invalid: Invalid number of argument(s) for the "
                        + operator + " ComparisonOperator");
            }
            String first = value(values, operands.get(0));
            String clause = switch (operator == null ? "" : operator) {
                case "EQ" -> name + " = " + first;
                case "LE" -> name + " <= " + first;
                case "LT" -> name + " < " + first;
                case "GE" -> name + " >= " + first;
                case "GT" -> name + " > " + first;
                case "BEGINS_WITH" -> "begins_with(" + name + ", " + first + ")";
                case "BETWEEN" -> name + " BETWEEN " + first + " AND " + value(values, operands.get(1));
                default -> throw validation("Attempted conditional constraint is not an indexable operation");
            };
            text.append(text.length() == 0 ? "" : " AND ").append(clause);
        }
        ExpressionContext context = new ExpressionContext(names, values);
        KeyCondition keyCondition = Expressions.keyCondition(text.toString(), context);
        context.requireAllUsed();
        return keyCondition;
    }

    private static String value(Map<String, AttributeValue> values, AttributeValue value) {
        String placeholder = ":k" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    /** The filter a {@code QueryFilter} or {@code ScanFilter} states, its entries combined with {@code operator}. */
    static Condition filter(
            Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> conditions,
            ConditionalOperator operator) {
        Map<String, ExpectedAttributeValue> expected = new LinkedHashMap<>();
        conditions.forEach((name, condition) -> expected.put(
                name,
                ExpectedAttributeValue.builder()
                        .comparisonOperator(condition.comparisonOperatorAsString())
                        .attributeValueList(condition.hasAttributeValueList() ? condition.attributeValueList() : null)
                        .build()));
        return Expressions.expected(expected, operator);
    }
}
