package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A parsed condition (ConditionExpression, FilterExpression, KeyConditionExpression, legacy
 * {@code Expected}). Semantics, per the Developer Guide: comparisons involving a missing value or
 * values of different types are false, except {@code <>}, which is then true; {@code <}, {@code <=},
 * {@code >}, {@code >=} and {@code BETWEEN} order only S, N and B; {@code BETWEEN} is inclusive;
 * {@code IN} is equality with any candidate. Internal to the engine.
 */
sealed interface ConditionNode extends Condition {

    @Override
    default Set<String> topLevelNames() {
        Set<String> names = new LinkedHashSet<>();
        collectNames(this, names);
        return names;
    }

    private static void collectNames(ConditionNode node, Set<String> names) {
        if (node instanceof And and) {
            collectNames(and.left(), names);
            collectNames(and.right(), names);
        } else if (node instanceof Or or) {
            collectNames(or.left(), names);
            collectNames(or.right(), names);
        } else if (node instanceof Not not) {
            collectNames(not.inner(), names);
        } else if (node instanceof Parenthesized parenthesized) {
            collectNames(parenthesized.inner(), names);
        } else if (node instanceof Comparison comparison) {
            Operand.collectNames(List.of(comparison.left(), comparison.right()), names);
        } else if (node instanceof Between between) {
            Operand.collectNames(List.of(between.value(), between.low(), between.high()), names);
        } else if (node instanceof In in) {
            Operand.collectNames(List.of(in.value()), names);
            Operand.collectNames(in.candidates(), names);
        } else if (node instanceof Function function) {
            Operand.collectNames(function.arguments(), names);
        }
    }

    /** Both sides hold. */
    record And(ConditionNode left, ConditionNode right) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) && right.test(item);
        }
    }

    /** Either side holds. */
    record Or(ConditionNode left, ConditionNode right) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) || right.test(item);
        }
    }

    /** The inner condition does not hold. */
    record Not(ConditionNode inner) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return !inner.test(item);
        }
    }

    /** A condition in parentheses, kept so the parser can recognise redundant parentheses. */
    record Parenthesized(ConditionNode inner) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return inner.test(item);
        }
    }

    /** {@code left <operator> right} with one of {@code = <> < <= > >=}. */
    record Comparison(String operator, Operand left, Operand right) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            return compare(operator, a, b);
        }
    }

    /** {@code value BETWEEN low AND high}, inclusive. */
    record Between(Operand value, Operand low, Operand high) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            return compare(">=", v, low.evaluate(item)) && compare("<=", v, high.evaluate(item));
        }
    }

    /** {@code value IN (candidates...)}. */
    record In(Operand value, List<Operand> candidates) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            return v != null && candidates.stream().anyMatch(c -> compare("=", v, c.evaluate(item)));
        }
    }

    /**
     * A boolean function: {@code attribute_exists}, {@code attribute_not_exists}, {@code attribute_type},
     * {@code begins_with} or {@code contains}.
     */
    record Function(String name, List<Operand> arguments) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue first = arguments.get(0).evaluate(item);
            AttributeValue second = arguments.size() > 1 ? arguments.get(1).evaluate(item) : null;
            return switch (name) {
                case "attribute_exists" -> first != null;
                case "attribute_not_exists" -> first == null;
                case "attribute_type" ->
                    first != null
                            && second != null
                            && second.s() != null
                            && AttributeValues.typeName(first).equals(second.s());
                case "begins_with" -> beginsWith(first, second);
                case "contains" -> contains(first, second);
                default -> throw new IllegalStateException("Not a condition function: " + name);
            };
        }
    }

    /** The comparison {@code a <operator> b} with DynamoDB's rules for missing and mixed-type values. */
    static boolean compare(String operator, AttributeValue a, AttributeValue b) {
        if (operator.equals("<>")) {
            return !compare("=", a, b);
        }
        if (a == null || b == null) {
            return false;
        }
        if (operator.equals("=")) {
            return AttributeValues.sameValue(a, b);
        }
        if (!AttributeValues.isOrdered(a) || !AttributeValues.typeName(a).equals(AttributeValues.typeName(b))) {
            return false;
        }
        int order = AttributeValues.compare(a, b);
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalStateException("Not a comparator: " + operator);
        };
    }

    /** {@code begins_with}: a string prefix of a string, or a byte prefix of a binary. */
    static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value == null || prefix == null) {
            return false;
        }
        if (value.s() != null && prefix.s() != null) {
            return value.s().startsWith(prefix.s());
        }
        if (value.b() != null && prefix.b() != null) {
            byte[] bytes = value.b().asByteArrayUnsafe();
            byte[] start = prefix.b().asByteArrayUnsafe();
            return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
        }
        return false;
    }

    /**
     * {@code contains}: a substring of a string, a subsequence of a binary (as the legacy CONTAINS
     * operator documents it), a member of a set of the operand's type, an element of a list.
     */
    static boolean contains(AttributeValue value, AttributeValue operand) {
        if (value == null || operand == null) {
            return false;
        }
        return switch (AttributeValues.typeName(value)) {
            case "S" -> operand.s() != null && value.s().contains(operand.s());
            case "B" ->
                operand.b() != null
                        && indexOf(value.b().asByteArrayUnsafe(), operand.b().asByteArrayUnsafe());
            case "SS" -> operand.s() != null && value.ss().contains(operand.s());
            case "NS" ->
                operand.n() != null
                        && value.ns().stream()
                                .anyMatch(n -> AttributeValues.sameValue(AttributeValue.fromN(n), operand));
            case "BS" -> operand.b() != null && value.bs().contains(operand.b());
            case "L" -> value.l().stream().anyMatch(element -> AttributeValues.sameValue(element, operand));
            default -> false;
        };
    }

    private static boolean indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
