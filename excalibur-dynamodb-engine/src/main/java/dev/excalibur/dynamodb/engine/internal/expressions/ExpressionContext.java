package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import dev.excalibur.dynamodb.engine.internal.values.EngineErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request. Every
 * expression of the request parses against one context, which records the placeholders they use;
 * {@link #requireAllUsed()} then refuses the unused ones, as the service does (all expressions of a
 * request count together). The constructor applies the service's checks on the maps themselves: not
 * empty when given, keys of the form {@code #x} / {@code :x} of at most 255 bytes, names not empty,
 * values valid. A map the SDK left
 * unset ({@code null} or the SDK's auto-constructed empty map) counts as absent. Not thread-safe: one
 * per request. Internal to the engine.
 */
public final class ExpressionContext {

    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");
    private static final int MAX_KEY_BYTES = 255;

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();
    private boolean parsedAny;

    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = present(names) ? checkedNames(names) : null;
        this.values = present(values) ? checkedValues(values) : null;
    }

    /**
     * Refuses the placeholders no expression of the request used, names first:
     * {@code Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}}; names
     * given to a request in which no expression was parsed are
     * {@code ExpressionAttributeNames can only be specified when using expressions}.
     */
    public void requireAllUsed() {
        if (names != null) {
            if (!parsedAny) {
                throw EngineErrors.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            requireUsed("ExpressionAttributeNames", names.keySet(), usedNames);
        }
        if (values != null) {
            requireUsed("ExpressionAttributeValues", values.keySet(), usedValues);
        }
    }

    /**
     * Like {@link #requireAllUsed()}, and values given when none of the request's value-bearing
     * expression parameters (for example {@code ConditionExpression}) was present are refused as the
     * service does: {@code ExpressionAttributeValues can only be specified when using expressions:
     * ConditionExpression is null} (two or more: {@code A and B are null}).
     */
    public void requireAllUsed(boolean valueExpressionsPresent, String... valueExpressionParameters) {
        if (values != null && !valueExpressionsPresent) {
            throw EngineErrors.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressionParameters)
                    + (valueExpressionParameters.length > 1 ? " are null" : " is null"));
        }
        requireAllUsed();
    }

    void markParsed() {
        parsedAny = true;
    }

    /** The attribute name {@code ref} stands for, or {@code null} when undefined. Marks it used. */
    String name(String ref) {
        String name = names == null ? null : names.get(ref);
        if (name != null) {
            usedNames.add(ref);
        }
        return name;
    }

    /** The value {@code ref} stands for (numbers canonical), or {@code null} when undefined. Marks it used. */
    AttributeValue value(String ref) {
        AttributeValue value = values == null ? null : values.get(ref);
        if (value != null) {
            usedValues.add(ref);
        }
        return value;
    }

    /** The placeholders used so far, to undo the marks of a parse attempt that is abandoned. */
    List<Set<String>> usage() {
        return List.of(new LinkedHashSet<>(usedNames), new LinkedHashSet<>(usedValues));
    }

    void restoreUsage(List<Set<String>> usage) {
        usedNames.retainAll(usage.get(0));
        usedValues.retainAll(usage.get(1));
    }

    private static void requireUsed(String parameter, Set<String> given, Set<String> used) {
        List<String> unused = new ArrayList<>();
        for (String key : given) {
            if (!used.contains(key)) {
                unused.add(key);
            }
        }
        if (!unused.isEmpty()) {
            throw EngineErrors.validation("Value provided in " + parameter + " unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }

    private static boolean present(Map<?, ?> map) {
        return map != null && !(map instanceof SdkAutoConstructMap);
    }

    // Documentation is silent on the order of these checks; the engine checks names before values and,
    // per key, length before syntax (the order the service was seen to follow for one key).
    private static Map<String, String> checkedNames(Map<String, String> given) {
        if (given.isEmpty()) {
            throw EngineErrors.validation("ExpressionAttributeNames must not be empty");
        }
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey();
            long keySize = AttributeValues.utf8Length(key);
            if (keySize > MAX_KEY_BYTES) {
                throw EngineErrors.validation(
                        "ExpressionAttributeNames contains invalid key: The expression attribute map "
                                + "contains a key that is too long; size of key: " + keySize);
            }
            if (!NAME_KEY.matcher(key).matches()) {
                throw EngineErrors.validation(
                        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
            }
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                throw EngineErrors.validation(
                        "ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
            }
        }
        return given;
    }

    private static Map<String, AttributeValue> checkedValues(Map<String, AttributeValue> given) {
        if (given.isEmpty()) {
            throw EngineErrors.validation("ExpressionAttributeValues must not be empty");
        }
        for (String key : given.keySet()) {
            if (AttributeValues.utf8Length(key) > MAX_KEY_BYTES) {
                // Wording captured from the service: unlike names, values do not report the key's size.
                throw EngineErrors.validation(
                        "ExpressionAttributeValues contains invalid key: The expression attribute map "
                                + "contains a key that is too long;");
            }
            if (!VALUE_KEY.matcher(key).matches()) {
                throw EngineErrors.validation(
                        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
        Map<String, AttributeValue> checked = new LinkedHashMap<>();
        given.forEach((key, value) -> checked.put(key, AttributeValues.validate(value, key)));
        return checked;
    }
}
