package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.query.Condition;
import dev.excalibur.data.cloudnative.query.SortKeyCondition;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Builds DynamoDB expressions in which every attribute name is a {@code #n} placeholder and every
 * value a {@code :v} placeholder, so no caller text ever becomes expression syntax. One instance
 * per request; not thread-safe.
 */
final class Expressions {

    private final Function<@Nullable Object, AttributeValue> valueMapper;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    Expressions(Function<@Nullable Object, AttributeValue> valueMapper) {
        this.valueMapper = valueMapper;
    }

    /** The placeholder of an attribute name (the same name gets the same placeholder). */
    String name(String attribute) {
        String placeholder = placeholders.get(attribute);
        if (placeholder == null) {
            placeholder = "#n" + names.size();
            placeholders.put(attribute, placeholder);
            names.put(placeholder, attribute);
        }
        return placeholder;
    }

    /** The placeholder of a new value. */
    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    /** The placeholder of a property value, mapped as documents map it. */
    String mappedValue(@Nullable Object value) {
        return value(valueMapper.apply(value));
    }

    /** The name placeholders used, or null when there are none (DynamoDB refuses an empty map). */
    @Nullable
    Map<String, String> names() {
        return names.isEmpty() ? null : names;
    }

    /** The value placeholders used, or null when there are none. */
    @Nullable
    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : values;
    }

    /** {@code #pk = :v} plus the sort-key condition, if any. */
    String keyCondition(
            String partitionAttribute,
            AttributeValue partitionValue,
            @Nullable String sortAttribute,
            @Nullable ScalarAttributeType sortType,
            @Nullable SortKeyCondition sortKey) {
        String expression = name(partitionAttribute) + " = " + value(partitionValue);
        if (sortKey == null) {
            return expression;
        }
        if (sortAttribute == null) {
            throw new IllegalArgumentException(
                    "sortKey condition given, but the queried table or index has no sort key");
        }
        String key = name(sortAttribute);
        String value = value(keyValue(sortKey.value(), sortType, "sort key '" + sortAttribute + "'"));
        String condition;
        switch (sortKey.operator()) {
            case EQUAL:
                condition = key + " = " + value;
                break;
            case LESS_THAN:
                condition = key + " < " + value;
                break;
            case LESS_THAN_OR_EQUAL:
                condition = key + " <= " + value;
                break;
            case GREATER_THAN:
                condition = key + " > " + value;
                break;
            case GREATER_THAN_OR_EQUAL:
                condition = key + " >= " + value;
                break;
            case BETWEEN:
                condition = key + " BETWEEN " + value + " AND "
                        + value(keyValue(sortKey.upperBound(), sortType, "sort key '" + sortAttribute + "'"));
                break;
            case BEGINS_WITH:
                if (sortType == ScalarAttributeType.N) {
                    throw new IllegalArgumentException(
                            "beginsWith needs a string or binary sort key, but '" + sortAttribute + "' is a number");
                }
                condition = "begins_with(" + key + ", " + value + ")";
                break;
            default:
                throw new IllegalStateException("unknown operator " + sortKey.operator());
        }
        return expression + " AND " + condition;
    }

    /** The expression of a filter or condition. */
    String condition(Condition condition) {
        if (condition instanceof Condition.Comparison c) {
            return path(c.path()) + comparator(c.comparator()) + mappedValue(c.value());
        }
        if (condition instanceof Condition.Between c) {
            return path(c.path()) + " BETWEEN " + mappedValue(c.low()) + " AND " + mappedValue(c.high());
        }
        if (condition instanceof Condition.In c) {
            StringBuilder in = new StringBuilder(path(c.path())).append(" IN (");
            for (int i = 0; i < c.values().size(); i++) {
                in.append(i == 0 ? "" : ", ").append(mappedValue(c.values().get(i)));
            }
            return in.append(')').toString();
        }
        if (condition instanceof Condition.Exists c) {
            return (c.exists() ? "attribute_exists(" : "attribute_not_exists(") + path(c.path()) + ")";
        }
        if (condition instanceof Condition.BeginsWith c) {
            return "begins_with(" + path(c.path()) + ", " + value(AttributeValue.fromS(c.prefix())) + ")";
        }
        if (condition instanceof Condition.Contains c) {
            return "contains(" + path(c.path()) + ", " + mappedValue(c.value()) + ")";
        }
        if (condition instanceof Condition.And c) {
            return joined(c.conditions(), " AND ");
        }
        if (condition instanceof Condition.Or c) {
            return joined(c.conditions(), " OR ");
        }
        if (condition instanceof Condition.Not c) {
            return "NOT (" + condition(c.condition()) + ")";
        }
        throw new IllegalArgumentException("unsupported condition " + condition);
    }

    /** A comma-separated projection of top-level attributes. */
    String projection(List<String> attributes) {
        StringBuilder projection = new StringBuilder();
        for (String attribute : attributes) {
            projection.append(projection.length() == 0 ? "" : ", ").append(name(attribute));
        }
        return projection.toString();
    }

    /**
     * A key value of the given type: strings to S, numbers to N, {@code byte[]} to B.
     *
     * @throws IllegalArgumentException if the value does not fit the key's type
     */
    static AttributeValue keyValue(Object value, @Nullable ScalarAttributeType type, String what) {
        if (value instanceof String && (type == null || type == ScalarAttributeType.S)) {
            return AttributeValue.fromS((String) value);
        }
        if (value instanceof Number && (type == null || type == ScalarAttributeType.N)) {
            return AttributeValue.fromN(numberText((Number) value, what));
        }
        if (value instanceof String && type == ScalarAttributeType.N) {
            return AttributeValue.fromN(numberText(parseNumber((String) value, what), what));
        }
        if (value instanceof byte[] && (type == null || type == ScalarAttributeType.B)) {
            return AttributeValue.fromB(SdkBytes.fromByteArray((byte[]) value));
        }
        throw new IllegalArgumentException(what + " is of DynamoDB type " + type + " but the value is a "
                + value.getClass().getSimpleName());
    }

    private static BigDecimal parseNumber(String text, String what) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is a number, but '" + text + "' is not one", e);
        }
    }

    private static String numberText(Number number, String what) {
        if (number instanceof BigDecimal) {
            return ((BigDecimal) number).toPlainString();
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(what + " cannot be " + number);
            }
            return BigDecimal.valueOf(d).toPlainString();
        }
        return number.toString();
    }

    private String path(List<String> path) {
        StringBuilder expression = new StringBuilder();
        for (String part : path) {
            expression.append(expression.length() == 0 ? "" : ".").append(name(part));
        }
        return expression.toString();
    }

    private String joined(List<Condition> conditions, String operator) {
        if (conditions.size() == 1) {
            return condition(conditions.get(0));
        }
        StringBuilder joined = new StringBuilder();
        for (Condition condition : conditions) {
            joined.append(joined.length() == 0 ? "(" : operator + "(")
                    .append(condition(condition))
                    .append(')');
        }
        return joined.toString();
    }

    private static String comparator(Condition.Comparator comparator) {
        switch (comparator) {
            case EQUAL:
                return " = ";
            case NOT_EQUAL:
                return " <> ";
            case LESS_THAN:
                return " < ";
            case LESS_THAN_OR_EQUAL:
                return " <= ";
            case GREATER_THAN:
                return " > ";
            case GREATER_THAN_OR_EQUAL:
                return " >= ";
            default:
                throw new IllegalStateException("unknown comparator " + comparator);
        }
    }
}
