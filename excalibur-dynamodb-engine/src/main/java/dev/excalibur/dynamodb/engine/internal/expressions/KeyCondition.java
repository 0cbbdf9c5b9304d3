package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import dev.excalibur.dynamodb.engine.internal.values.EngineErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A parsed KeyConditionExpression: {@code =} on the partition key and, optionally, joined by
 * {@code AND}, one of {@code = < <= > >= BETWEEN begins_with} on the sort key, each comparing the key
 * attribute with expression attribute values (either operand order). The structure is checked at
 * parse time; {@link #checkKeys} then checks it against the table's or index's key schema and
 * {@link #checkTypes} the values against the key types. Internal to the engine.
 */
public final class KeyCondition {

    /** One key's condition: operator {@code = < <= > >= BETWEEN begins_with} with the key on the left. */
    record Part(String operator, List<AttributeValue> values) {}

    private final Map<String, Part> parts;
    private String hashKey;
    private String rangeKey;

    private KeyCondition(Map<String, Part> parts) {
        this.parts = parts;
    }

    static KeyCondition parse(String text, ExpressionContext context) {
        ConditionNode node = Parser.condition(text, "KeyConditionExpression", context);
        Map<String, Part> parts = new LinkedHashMap<>();
        collect(node, parts);
        return new KeyCondition(parts);
    }

    /**
     * Checks the condition against the key schema, with the service's messages:
     * {@code Query condition missed key schema element: pk}, {@code Query key condition not supported}.
     */
    public void checkKeys(String hashKeyName, String rangeKeyNameOrNull) {
        if (!parts.containsKey(hashKeyName)) {
            throw EngineErrors.validation("Query condition missed key schema element: " + hashKeyName);
        }
        if (parts.size() > 1) {
            if (rangeKeyNameOrNull == null || parts.size() > 2) {
                throw EngineErrors.validation("Query key condition not supported");
            }
            if (!parts.containsKey(rangeKeyNameOrNull)) {
                throw EngineErrors.validation("Query condition missed key schema element: " + rangeKeyNameOrNull);
            }
        }
        if (!parts.get(hashKeyName).operator().equals("=")) {
            throw EngineErrors.validation("Query key condition not supported");
        }
        this.hashKey = hashKeyName;
        this.rangeKey = parts.containsKey(rangeKeyNameOrNull) ? rangeKeyNameOrNull : null;
    }

    /**
     * Checks the values against the key attribute types ({@code S}, {@code N}, {@code B}) after
     * {@link #checkKeys}: {@code One or more parameter values were invalid: Condition parameter type does
     * not match schema type}.
     */
    public void checkTypes(String hashKeyType, String rangeKeyTypeOrNull) {
        requireType(parts.get(hashKey), hashKeyType);
        if (rangeKey != null) {
            requireType(parts.get(rangeKey), rangeKeyTypeOrNull);
        }
    }

    /** The partition key's value; valid after {@link #checkKeys}. */
    public AttributeValue hashValue() {
        return parts.get(hashKey).values().get(0);
    }

    /** Whether a sort key condition was given; valid after {@link #checkKeys}. */
    public boolean hasRangeCondition() {
        return rangeKey != null;
    }

    /** Whether the sort key value satisfies the sort key condition; true when there is none. */
    public boolean matchesRange(AttributeValue rangeValueOrNull) {
        if (rangeKey == null) {
            return true;
        }
        Part range = parts.get(rangeKey);
        List<AttributeValue> values = range.values();
        return switch (range.operator()) {
            case "BETWEEN" ->
                ConditionNode.compare(">=", rangeValueOrNull, values.get(0))
                        && ConditionNode.compare("<=", rangeValueOrNull, values.get(1));
            case "begins_with" -> ConditionNode.beginsWith(rangeValueOrNull, values.get(0));
            default -> ConditionNode.compare(range.operator(), rangeValueOrNull, values.get(0));
        };
    }

    private static void requireType(Part part, String type) {
        for (AttributeValue value : part.values()) {
            if (!AttributeValues.typeName(value).equals(type)) {
                throw EngineErrors.validation(
                        "One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
    }

    private static void collect(ConditionNode node, Map<String, Part> parts) {
        if (node instanceof ConditionNode.Parenthesized parenthesized) {
            collect(parenthesized.inner(), parts);
        } else if (node instanceof ConditionNode.And and) {
            collect(and.left(), parts);
            collect(and.right(), parts);
        } else if (node instanceof ConditionNode.Or) {
            throw invalidOperator("OR");
        } else if (node instanceof ConditionNode.Not) {
            throw invalidOperator("NOT");
        } else if (node instanceof ConditionNode.In) {
            throw invalidOperator("IN");
        } else if (node instanceof ConditionNode.Comparison comparison) {
            if (comparison.operator().equals("<>")) {
                throw invalidOperator("<>");
            }
            List<Operand> operands = List.of(comparison.left(), comparison.right());
            String name = keyName(operands);
            boolean flipped = !(comparison.left() instanceof Operand.PathOperand);
            String operator = flipped ? flip(comparison.operator()) : comparison.operator();
            add(parts, name, new Part(operator, constants(operands)));
        } else if (node instanceof ConditionNode.Between between) {
            if (!(between.value() instanceof Operand.PathOperand)) {
                throw invalidCondition("BETWEEN operator must have the key attribute as its first operand");
            }
            List<Operand> operands = List.of(between.value(), between.low(), between.high());
            add(parts, keyName(operands), new Part("BETWEEN", constants(operands)));
        } else if (node instanceof ConditionNode.Function function) {
            if (!function.name().equals("begins_with")) {
                throw invalidOperator(function.name());
            }
            if (!(function.arguments().get(0) instanceof Operand.PathOperand)) {
                throw invalidCondition("begins_with operator must have the key attribute as its first operand");
            }
            add(parts, keyName(function.arguments()), new Part("begins_with", constants(function.arguments())));
        }
    }

    private static String keyName(List<Operand> operands) {
        String name = null;
        for (Operand operand : operands) {
            if (operand instanceof Operand.Call) {
                throw invalidExpression("KeyConditionExpressions cannot contain nested operations");
            }
            if (operand instanceof Operand.PathOperand path) {
                if (name != null) {
                    throw invalidCondition("Multiple attribute names used in one condition");
                }
                if (path.path().length() > 1) {
                    throw invalidExpression("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                name = path.path().topName();
            }
        }
        if (name == null) {
            throw invalidCondition("No key attribute specified");
        }
        return name;
    }

    private static List<AttributeValue> constants(List<Operand> operands) {
        List<AttributeValue> values = new ArrayList<>();
        for (Operand operand : operands) {
            if (operand instanceof Operand.Constant constant) {
                values.add(constant.value());
            }
        }
        return values;
    }

    private static void add(Map<String, Part> parts, String name, Part part) {
        if (parts.putIfAbsent(name, part) != null) {
            throw invalidExpression("KeyConditionExpressions must only contain one condition per key");
        }
    }

    private static String flip(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> operator;
        };
    }

    // The service prefixes these structural errors with the parameter's name (captured for nested
    // attributes); documentation is silent on "Invalid operator used..." and "Invalid condition in...",
    // which already name the parameter and are left unprefixed.
    private static RuntimeException invalidExpression(String detail) {
        return Problems.invalid("KeyConditionExpression", detail);
    }

    private static RuntimeException invalidOperator(String operator) {
        return EngineErrors.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static RuntimeException invalidCondition(String detail) {
        return EngineErrors.validation("Invalid condition in KeyConditionExpression: " + detail);
    }
}
