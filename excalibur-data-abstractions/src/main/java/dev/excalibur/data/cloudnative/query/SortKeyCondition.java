package dev.excalibur.data.cloudnative.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition on the sort key (the document id on the table, or an index's sort key). Values are
 * strings, numbers or {@code byte[]}, matching the key's type.
 *
 * @param operator   the comparison
 * @param value      the value compared with (the lower bound for {@link Operator#BETWEEN})
 * @param upperBound the upper bound for {@link Operator#BETWEEN}, else null
 */
public record SortKeyCondition(
        Operator operator, Object value, @Nullable Object upperBound) {

    /** The comparisons DynamoDB-style key conditions offer. */
    public enum Operator {
        EQUAL,
        LESS_THAN,
        LESS_THAN_OR_EQUAL,
        GREATER_THAN,
        GREATER_THAN_OR_EQUAL,
        BETWEEN,
        BEGINS_WITH
    }

    public SortKeyCondition {
        Objects.requireNonNull(operator, "operator must not be null");
        requireKeyValue(value, "sort key value");
        if (operator == Operator.BETWEEN) {
            requireKeyValue(upperBound, "sort key upper bound");
        } else if (upperBound != null) {
            throw new IllegalArgumentException("only BETWEEN takes an upper bound");
        }
        if (operator == Operator.BEGINS_WITH && value instanceof Number) {
            throw new IllegalArgumentException("beginsWith needs a string or binary sort key value, not a number");
        }
    }

    /** Sort key equal to the value. */
    public static SortKeyCondition equalTo(Object value) {
        return new SortKeyCondition(Operator.EQUAL, value, null);
    }

    /** Sort key less than the value. */
    public static SortKeyCondition lessThan(Object value) {
        return new SortKeyCondition(Operator.LESS_THAN, value, null);
    }

    /** Sort key less than or equal to the value. */
    public static SortKeyCondition lessThanOrEqualTo(Object value) {
        return new SortKeyCondition(Operator.LESS_THAN_OR_EQUAL, value, null);
    }

    /** Sort key greater than the value. */
    public static SortKeyCondition greaterThan(Object value) {
        return new SortKeyCondition(Operator.GREATER_THAN, value, null);
    }

    /** Sort key greater than or equal to the value. */
    public static SortKeyCondition greaterThanOrEqualTo(Object value) {
        return new SortKeyCondition(Operator.GREATER_THAN_OR_EQUAL, value, null);
    }

    /** Sort key between {@code low} and {@code high}, both included. */
    public static SortKeyCondition between(Object low, Object high) {
        return new SortKeyCondition(Operator.BETWEEN, low, high);
    }

    /** String (or binary) sort key starting with the prefix. */
    public static SortKeyCondition beginsWith(String prefix) {
        return new SortKeyCondition(Operator.BEGINS_WITH, prefix, null);
    }

    private static void requireKeyValue(Object value, String what) {
        if (!(value instanceof String || value instanceof Number || value instanceof byte[])) {
            throw new IllegalArgumentException(what + " must be a String, a Number or a byte[], got "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        if (value instanceof String && ((String) value).isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
