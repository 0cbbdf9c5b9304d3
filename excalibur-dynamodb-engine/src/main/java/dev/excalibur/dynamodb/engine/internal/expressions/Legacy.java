package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import dev.excalibur.dynamodb.engine.internal.values.EngineErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * The pre-expression parameters, translated to the expression model: {@code Expected} (with
 * {@code Value}/{@code Exists}, or {@code ComparisonOperator} with {@code AttributeValueList}) combined
 * by {@code ConditionalOperator}, and {@code AttributeUpdates} ({@code PUT}, {@code DELETE} with or
 * without a value, {@code ADD}), with the service's validation messages. Internal to the engine.
 */
final class Legacy {

    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final Set<String> SETS = Set.of("SS", "NS", "BS");
    private static final Set<String> SCALARS = Set.of("S", "N", "B");
    private static final Set<String> SCALARS_AND_SETS = Set.of("S", "N", "B", "SS", "NS", "BS");

    private Legacy() {}

    static Condition expected(Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
        ConditionNode result = null;
        for (Map.Entry<String, ExpectedAttributeValue> entry : expected.entrySet()) {
            ConditionNode node = expectation(entry.getKey(), entry.getValue());
            if (result == null) {
                result = node;
            } else {
                result = "OR".equals(conditionalOperator)
                        ? new ConditionNode.Or(result, node)
                        : new ConditionNode.And(result, node);
            }
        }
        return result == null ? item -> true : result;
    }

    private static ConditionNode expectation(String name, ExpectedAttributeValue expected) {
        Operand attribute = new Operand.PathOperand(new Path(List.of(name)));
        boolean hasList = expected.hasAttributeValueList();
        if (hasList && expected.value() != null) {
            throw EngineErrors.validation(
                    INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + name);
        }
        if (expected.comparisonOperator() == null) {
            if (hasList) {
                throw EngineErrors.validation(INVALID
                        + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
            }
            boolean exists = expected.exists() == null || expected.exists();
            if (exists && expected.value() == null) {
                throw EngineErrors.validation(INVALID + "Value must be provided when Exists is "
                        + (expected.exists() == null ? "null" : "true") + " for Attribute: " + name);
            }
            if (!exists && expected.value() != null) {
                throw EngineErrors.validation(
                        INVALID + "Value cannot be used when Exists is false for Attribute: " + name);
            }
            return exists
                    ? new ConditionNode.Comparison("=", attribute, constant(expected.value(), name))
                    : new ConditionNode.Function("attribute_not_exists", List.of(attribute));
        }
        if (expected.exists() != null) {
            throw EngineErrors.validation(
                    INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
        }
        String operator = expected.comparisonOperatorAsString();
        List<AttributeValue> values = hasList
                ? expected.attributeValueList()
                : expected.value() == null ? List.of() : List.of(expected.value());
        List<Operand> operands = new ArrayList<>();
        values.forEach(value -> operands.add(constant(value, name)));
        checkArguments(operator, values);
        return switch (expected.comparisonOperator()) {
            case EQ -> new ConditionNode.Comparison("=", attribute, operands.get(0));
            case NE -> new ConditionNode.Comparison("<>", attribute, operands.get(0));
            case LE -> new ConditionNode.Comparison("<=", attribute, operands.get(0));
            case LT -> new ConditionNode.Comparison("<", attribute, operands.get(0));
            case GE -> new ConditionNode.Comparison(">=", attribute, operands.get(0));
            case GT -> new ConditionNode.Comparison(">", attribute, operands.get(0));
            case NOT_NULL -> new ConditionNode.Function("attribute_exists", List.of(attribute));
            case NULL -> new ConditionNode.Function("attribute_not_exists", List.of(attribute));
            case CONTAINS -> new ConditionNode.Function("contains", List.of(attribute, operands.get(0)));
            // Documentation is silent on NOT_CONTAINS over a missing attribute: the engine requires the
            // attribute to exist, as CONTAINS does.
            case NOT_CONTAINS ->
                new ConditionNode.And(
                        new ConditionNode.Function("attribute_exists", List.of(attribute)),
                        new ConditionNode.Not(
                                new ConditionNode.Function("contains", List.of(attribute, operands.get(0)))));
            case BEGINS_WITH -> new ConditionNode.Function("begins_with", List.of(attribute, operands.get(0)));
            case IN -> new ConditionNode.In(attribute, operands);
            case BETWEEN -> new ConditionNode.Between(attribute, operands.get(0), operands.get(1));
            default ->
                throw EngineErrors.validation("1 validation error detected: Value '" + operator
                        + "' at 'expected." + name + ".member.comparisonOperator' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: " + ComparisonOperator.knownValues());
        };
    }

    private static void checkArguments(String operator, List<AttributeValue> values) {
        int count = values.size();
        boolean valid = switch (operator) {
            case "NULL", "NOT_NULL" -> count == 0;
            case "IN" -> count > 0;
            case "BETWEEN" -> count == 2;
            default -> count == 1;
        };
        if (!valid) {
            throw EngineErrors.validation(
                    INVALID + "Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
        if (count == 0) {
            return;
        }
        String type = AttributeValues.typeName(values.get(0));
        if (values.stream().anyMatch(v -> !AttributeValues.typeName(v).equals(type))) {
            throw EngineErrors.validation(INVALID + "AttributeValues inside AttributeValueList must be of same type");
        }
        // API ExpectedAttributeValue: EQ and NE take a scalar or a set, BEGINS_WITH a string or binary,
        // the other operators a string, number or binary.
        Set<String> allowed = switch (operator) {
            case "EQ", "NE" -> SCALARS_AND_SETS;
            case "BEGINS_WITH" -> Set.of("S", "B");
            default -> SCALARS;
        };
        if (!allowed.contains(type)) {
            throw EngineErrors.validation(
                    INVALID + "ComparisonOperator " + operator + " is not valid for " + type + " AttributeValue type");
        }
        if (operator.equals("BETWEEN") && AttributeValues.compare(values.get(0), values.get(1)) > 0) {
            throw EngineErrors.validation(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    static Update attributeUpdates(Map<String, AttributeValueUpdate> updates) {
        UpdatePlan.Builder plan = new UpdatePlan.Builder(true);
        for (Map.Entry<String, AttributeValueUpdate> entry : updates.entrySet()) {
            String name = entry.getKey();
            AttributeValueUpdate update = entry.getValue();
            AttributeValue value = update.value() == null ? null : AttributeValues.validate(update.value(), name);
            AttributeAction action = update.action() == null ? AttributeAction.PUT : update.action();
            Path path = new Path(List.of(name));
            if (value == null && action != AttributeAction.DELETE) {
                throw EngineErrors.validation(
                        INVALID + "Only DELETE action is allowed when no attribute value is specified");
            }
            String type = value == null ? null : AttributeValues.typeName(value);
            switch (action) {
                case PUT -> plan.set(path, new Operand.Constant(null, value));
                case DELETE -> {
                    if (value == null) {
                        plan.remove(path);
                    } else if (!SETS.contains(type)) {
                        throw EngineErrors.validation(
                                INVALID + "DELETE action with value is not supported for the type " + type);
                    } else {
                        plan.addOrDelete("DELETE", path, value);
                    }
                }
                case ADD -> {
                    if (!SETS.contains(type) && !type.equals("N") && !type.equals("L")) {
                        throw EngineErrors.validation(INVALID + "ADD action is not supported for the type " + type);
                    }
                    plan.addOrDelete("ADD", path, value);
                }
                default ->
                    throw EngineErrors.validation("1 validation error detected: Value '" + update.actionAsString()
                            + "' at 'attributeUpdates." + name + ".member.action' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [ADD, PUT, DELETE]");
            }
        }
        return plan.build();
    }

    private static Operand constant(AttributeValue value, String name) {
        return new Operand.Constant(null, AttributeValues.validate(value, name));
    }
}
