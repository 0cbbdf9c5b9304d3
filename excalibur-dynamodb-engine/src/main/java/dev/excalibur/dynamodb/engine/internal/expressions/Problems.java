package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.values.EngineErrors;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The semantic errors found while parsing one expression. The service reports one error per
 * expression, chosen by kind rather than by position, so the parser records the first message of
 * each {@link Kind} and {@link #throwFirst} raises the one of the highest-ranked kind (the ranks follow
 * the declaration order). Internal to the engine.
 */
final class Problems {

    /** Kinds of semantic errors, highest rank first. */
    enum Kind {
        REDUNDANT_PARENTHESES,
        RESERVED_WORD,
        UNKNOWN_FUNCTION,
        MISUSED_FUNCTION,
        SECTION_TWICE,
        UNDEFINED_PLACEHOLDER,
        PATH_OVERLAP,
        PATH_CONFLICT,
        OPERAND_COUNT,
        DISTINCT_OPERANDS,
        OPERAND_TYPE
    }

    private final Map<Kind, String> found = new EnumMap<>(Kind.class);

    void report(Kind kind, String message) {
        found.putIfAbsent(kind, message);
    }

    Map<Kind, String> snapshot() {
        return new EnumMap<>(found);
    }

    void restore(Map<Kind, String> snapshot) {
        found.clear();
        found.putAll(snapshot);
    }

    /** Throws the highest-ranked error, prefixed with {@code Invalid <kind>: }, if any was found. */
    void throwFirst(String expressionKind) {
        if (!found.isEmpty()) {
            throw invalid(expressionKind, found.values().iterator().next());
        }
    }

    static DynamoDbException invalid(String expressionKind, String message) {
        return EngineErrors.validation("Invalid " + expressionKind + ": " + message);
    }
}
