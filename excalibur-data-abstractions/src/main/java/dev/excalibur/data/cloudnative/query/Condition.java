package dev.excalibur.data.cloudnative.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed filter condition on a document's attributes. Providers turn it into their own syntax
 * with the names and values passed as parameters, so no caller text ever becomes part of an
 * expression. Build one from {@link #attribute(String, String...)} and combine with
 * {@link #and(Condition)}, {@link #or(Condition)} and {@link #not(Condition)}:
 *
 * <pre>{@code
 * Condition.attribute("status").isEqualTo("OPEN")
 *         .and(Condition.attribute("total").isGreaterThan(100))
 *         .and(Condition.not(Condition.attribute("tags").contains("test")))
 * }</pre>
 *
 * <p>Values are mapped as document properties are (strings, numbers, booleans, dates, enums...).
 */
public sealed interface Condition {

    /**
     * The attribute with this name, or a nested one: {@code attribute("address", "city")}. Each
     * part is a literal name (dots and other characters are not interpreted).
     *
     * @throws IllegalArgumentException if a part is null or empty
     */
    static Attribute attribute(String name, String... nested) {
        List<String> path = new ArrayList<>(1 + nested.length);
        path.add(name);
        path.addAll(Arrays.asList(nested));
        for (String part : path) {
            if (part == null || part.isEmpty()) {
                throw new IllegalArgumentException("attribute name parts must not be null or empty: " + path);
            }
        }
        return new Attribute(List.copyOf(path));
    }

    /** Both this condition and {@code other}. */
    default Condition and(Condition other) {
        return allOf(this, other);
    }

    /** This condition or {@code other}. */
    default Condition or(Condition other) {
        return anyOf(this, other);
    }

    /** The negation of a condition. */
    static Condition not(Condition condition) {
        return new Not(condition);
    }

    /** All the conditions (at least one). */
    static Condition allOf(Condition... conditions) {
        return new And(List.of(conditions));
    }

    /** At least one of the conditions (at least one). */
    static Condition anyOf(Condition... conditions) {
        return new Or(List.of(conditions));
    }

    /** How a {@link Comparison} compares. */
    enum Comparator {
        EQUAL,
        NOT_EQUAL,
        LESS_THAN,
        LESS_THAN_OR_EQUAL,
        GREATER_THAN,
        GREATER_THAN_OR_EQUAL
    }

    /** One attribute, the start of a condition on it. */
    final class Attribute {
        private final List<String> path;

        private Attribute(List<String> path) {
            this.path = path;
        }

        /** The attribute's path: its name, then nested names. */
        public List<String> path() {
            return path;
        }

        /** Equal to the value ({@code null} matches a stored null). */
        public Condition isEqualTo(@Nullable Object value) {
            return new Comparison(path, Comparator.EQUAL, value);
        }

        /** Not equal to the value (also true when the attribute is absent). */
        public Condition isNotEqualTo(@Nullable Object value) {
            return new Comparison(path, Comparator.NOT_EQUAL, value);
        }

        /** Less than the value. */
        public Condition isLessThan(Object value) {
            return new Comparison(path, Comparator.LESS_THAN, requireValue(value));
        }

        /** Less than or equal to the value. */
        public Condition isLessThanOrEqualTo(Object value) {
            return new Comparison(path, Comparator.LESS_THAN_OR_EQUAL, requireValue(value));
        }

        /** Greater than the value. */
        public Condition isGreaterThan(Object value) {
            return new Comparison(path, Comparator.GREATER_THAN, requireValue(value));
        }

        /** Greater than or equal to the value. */
        public Condition isGreaterThanOrEqualTo(Object value) {
            return new Comparison(path, Comparator.GREATER_THAN_OR_EQUAL, requireValue(value));
        }

        /** Between {@code low} and {@code high}, both included. */
        public Condition isBetween(Object low, Object high) {
            return new Between(path, requireValue(low), requireValue(high));
        }

        /** Equal to one of the values (1 to 100 of them). */
        public Condition isIn(@Nullable Object... values) {
            return isIn(Arrays.asList(values));
        }

        /** Equal to one of the values (1 to 100 of them). */
        public Condition isIn(Collection<?> values) {
            return new In(path, new ArrayList<>(values));
        }

        /** The attribute is present (with any value, null included). */
        public Condition exists() {
            return new Exists(path, true);
        }

        /** The attribute is absent. */
        public Condition notExists() {
            return new Exists(path, false);
        }

        /** A string attribute that starts with the prefix. */
        public Condition beginsWith(String prefix) {
            return new BeginsWith(path, (String) requireValue(prefix));
        }

        /** A string containing the value as a substring, or a list or set containing it as an element. */
        public Condition contains(Object value) {
            return new Contains(path, requireValue(value));
        }

        private Object requireValue(Object value) {
            if (value == null) {
                throw new IllegalArgumentException("the value compared with attribute " + path + " must not be null");
            }
            return value;
        }
    }

    /** {@code path <comparator> value}. */
    record Comparison(
            List<String> path,
            Comparator comparator,
            @Nullable Object value) implements Condition {
        public Comparison {
            path = List.copyOf(path);
            Objects.requireNonNull(comparator, "comparator must not be null");
        }
    }

    /** {@code low <= path <= high}. */
    record Between(List<String> path, Object low, Object high) implements Condition {
        public Between {
            path = List.copyOf(path);
            Objects.requireNonNull(low, "low must not be null");
            Objects.requireNonNull(high, "high must not be null");
        }
    }

    /** {@code path} equals one of the values. */
    record In(List<String> path, List<@Nullable Object> values) implements Condition {
        /** The most values one {@code In} may hold (DynamoDB's limit). */
        public static final int MAX_VALUES = 100;

        public In {
            path = List.copyOf(path);
            if (values.isEmpty() || values.size() > MAX_VALUES) {
                throw new IllegalArgumentException(
                        "isIn on attribute " + path + " needs 1 to " + MAX_VALUES + " values, got " + values.size());
            }
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** The attribute is present ({@code exists}) or absent. */
    record Exists(List<String> path, boolean exists) implements Condition {
        public Exists {
            path = List.copyOf(path);
        }
    }

    /** A string attribute starting with {@code prefix}. */
    record BeginsWith(List<String> path, String prefix) implements Condition {
        public BeginsWith {
            path = List.copyOf(path);
            Objects.requireNonNull(prefix, "prefix must not be null");
        }
    }

    /** A string, list or set attribute containing {@code value}. */
    record Contains(List<String> path, Object value) implements Condition {
        public Contains {
            path = List.copyOf(path);
            Objects.requireNonNull(value, "value must not be null");
        }
    }

    /** Every one of the conditions. */
    record And(List<Condition> conditions) implements Condition {
        public And {
            conditions = requireSome(conditions, "allOf");
        }
    }

    /** At least one of the conditions. */
    record Or(List<Condition> conditions) implements Condition {
        public Or {
            conditions = requireSome(conditions, "anyOf");
        }
    }

    /** The negation of a condition. */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition must not be null");
        }
    }

    private static List<Condition> requireSome(List<Condition> conditions, String what) {
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one condition");
        }
        for (Condition c : conditions) {
            Objects.requireNonNull(c, what + " conditions must not be null");
        }
        return List.copyOf(conditions);
    }
}
