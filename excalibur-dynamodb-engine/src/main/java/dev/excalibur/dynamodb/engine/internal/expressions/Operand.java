package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import dev.excalibur.dynamodb.engine.internal.values.EngineErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An operand of a condition or of a SET action: a document path, an expression attribute value, or a
 * function or arithmetic over operands. {@link #evaluate} gives the operand's value in an item, or
 * {@code null} when it has none (a missing attribute, {@code size} of something without a size).
 * Update-only operands (+, -, {@code if_not_exists}, {@code list_append}) raise the service's update
 * errors instead. Internal to the engine.
 */
sealed interface Operand {

    AttributeValue evaluate(Map<String, AttributeValue> item);

    /** The operand's type when it is known without an item (a constant or a typed function), else null. */
    default String staticType() {
        return null;
    }

    /** A document path. */
    record PathOperand(Path path) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return path.resolve(item);
        }
    }

    /** An expression attribute value; {@code value} is null only for an undefined placeholder. */
    record Constant(String ref, AttributeValue value) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }

        @Override
        public String staticType() {
            return value == null ? null : AttributeValues.typeName(value);
        }
    }

    /** An operand in parentheses, kept so the parser can recognise redundant parentheses. */
    record Grouped(Operand inner) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return inner.evaluate(item);
        }

        @Override
        public String staticType() {
            return inner.staticType();
        }
    }

    /** A function call used as an operand: {@code size}, {@code if_not_exists} or {@code list_append}. */
    record Call(String name, List<Operand> arguments) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return switch (name) {
                case "size" -> size(arguments.get(0).evaluate(item));
                case "if_not_exists" -> {
                    AttributeValue existing = arguments.get(0).evaluate(item);
                    yield existing != null ? existing : required(arguments.get(1), item);
                }
                case "list_append" -> {
                    AttributeValue first = required(arguments.get(0), item);
                    AttributeValue second = required(arguments.get(1), item);
                    if (!first.hasL() || !second.hasL()) {
                        throw incorrectDataType();
                    }
                    List<AttributeValue> joined = new ArrayList<>(first.l());
                    joined.addAll(second.l());
                    yield AttributeValue.fromL(joined);
                }
                default -> throw new IllegalStateException("Not an operand function: " + name);
            };
        }

        @Override
        public String staticType() {
            return switch (name) {
                case "size" -> "N";
                case "list_append" -> "L";
                default -> null;
            };
        }

        // Documentation is silent on whether size() of a string counts characters or UTF-8 bytes:
        // the engine counts UTF-8 bytes, the unit of every other string length in DynamoDB.
        private static AttributeValue size(AttributeValue value) {
            if (value == null) {
                return null;
            }
            long size = switch (AttributeValues.typeName(value)) {
                case "S" -> AttributeValues.utf8Length(value.s());
                case "B" -> value.b().asByteArrayUnsafe().length;
                case "SS" -> value.ss().size();
                case "NS" -> value.ns().size();
                case "BS" -> value.bs().size();
                case "L" -> value.l().size();
                case "M" -> value.m().size();
                default -> -1;
            };
            return size < 0 ? null : AttributeValue.fromN(Long.toString(size));
        }
    }

    /** {@code left + right} or {@code left - right} in a SET action. */
    record Arithmetic(String operator, Operand left, Operand right) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = required(left, item);
            AttributeValue b = required(right, item);
            if (a.n() == null || b.n() == null) {
                throw incorrectDataType();
            }
            BigDecimal x = new BigDecimal(a.n());
            BigDecimal y = new BigDecimal(b.n());
            BigDecimal result = operator.equals("+") ? x.add(y) : x.subtract(y);
            return AttributeValue.fromN(AttributeValues.canonicalNumber(result.toPlainString()));
        }

        @Override
        public String staticType() {
            return "N";
        }
    }

    /** The operand's value, which an update requires to exist. */
    static AttributeValue required(Operand operand, Map<String, AttributeValue> item) {
        AttributeValue value = operand.evaluate(item);
        if (value == null) {
            throw EngineErrors.validation(
                    "The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }

    static RuntimeException incorrectDataType() {
        return EngineErrors.validation("An operand in the update expression has an incorrect data type");
    }

    /** Adds the top-level attribute names the operands read to {@code names}. */
    static void collectNames(List<Operand> operands, Set<String> names) {
        for (Operand operand : operands) {
            Operand current = unwrap(operand);
            if (current instanceof PathOperand path) {
                names.add(path.path().topName());
            } else if (current instanceof Call call) {
                collectNames(call.arguments(), names);
            } else if (current instanceof Arithmetic arithmetic) {
                collectNames(List.of(arithmetic.left(), arithmetic.right()), names);
            }
        }
    }

    /** The operand without the parentheses around it. */
    static Operand unwrap(Operand operand) {
        Operand current = operand;
        while (current instanceof Grouped grouped) {
            current = grouped.inner();
        }
        return current;
    }
}
