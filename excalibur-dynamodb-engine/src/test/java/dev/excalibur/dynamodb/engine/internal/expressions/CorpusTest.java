package dev.excalibur.dynamodb.engine.internal.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The golden corpus ({@code expressions/corpus.txt}): every expression the project, KCL 3.1.1, the lock
 * client and the Enhanced client emit parses, uses all its placeholders and evaluates as recorded
 * (engine-surface.md R3).
 */
class CorpusTest {

    private static final Pattern NAME = Pattern.compile("(?<![:\\w])#?[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern VALUE = Pattern.compile(":[A-Za-z0-9_]+");
    private static final Set<String> WORDS = Set.of(
            "AND",
            "OR",
            "NOT",
            "BETWEEN",
            "IN",
            "SET",
            "REMOVE",
            "ADD",
            "DELETE",
            "attribute_exists",
            "attribute_not_exists",
            "attribute_type",
            "begins_with",
            "contains",
            "size",
            "if_not_exists",
            "list_append");

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/expressions/corpus.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line ->
                            Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new))
                    .map(f -> Arguments.of(f[0], f[1], f[2], f[3], f[4]))
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{4}: {1}")
    @MethodSource("corpus")
    void parsesAndEvaluatesWhatTheConsumersSend(
            String kind, String expression, String types, String expected, String source) {
        Map<String, String> typeOf = new LinkedHashMap<>();
        for (String declaration : types.split("\\s+")) {
            if (!declaration.isEmpty()) {
                String[] parts = declaration.split("=");
                typeOf.put(parts[0], parts[1]);
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        Matcher name = NAME.matcher(expression);
        while (name.find()) {
            String word = name.group();
            if (!WORDS.contains(word) && !WORDS.contains(word.toUpperCase())) {
                String attribute = word.startsWith("#") ? word.substring(1) : word;
                if (word.startsWith("#")) {
                    names.put(word, attribute);
                }
                item.put(attribute, one(typeOf.getOrDefault(attribute, "S")));
            }
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        Matcher value = VALUE.matcher(expression);
        while (value.find()) {
            values.put(value.group(), one(typeOf.getOrDefault(value.group(), "S")));
        }
        ExpressionContext context =
                new ExpressionContext(names.isEmpty() ? null : names, values.isEmpty() ? null : values);

        switch (kind) {
            case "CONDITION" ->
                assertThat(Expressions.condition(expression, context).test(item))
                        .isEqualTo(Boolean.parseBoolean(expected));
            case "FILTER" ->
                assertThat(Expressions.filter(expression, context).test(item))
                        .isEqualTo(Boolean.parseBoolean(expected));
            case "KEY" -> {
                List<String> keys = List.of(expected.split(","));
                KeyCondition condition = Expressions.keyCondition(expression, context);
                condition.checkKeys(keys.get(0), keys.size() > 1 ? keys.get(1) : null);
                assertThat(condition.hashValue()).isEqualTo(item.get(keys.get(0)));
                assertThat(condition.matchesRange(keys.size() > 1 ? item.get(keys.get(1)) : null))
                        .isTrue();
            }
            case "UPDATE" -> {
                Update update = Expressions.update(expression, context);
                assertThat(update.topLevelNames()).containsExactly(expected.split(","));
                assertThat(update.apply(item)).isNotNull();
            }
            case "PROJECTION" ->
                assertThat(Expressions.projection(expression, context).apply(item))
                        .hasSize(Integer.parseInt(expected));
            default -> throw new IllegalArgumentException("Unknown corpus kind " + kind);
        }
        context.requireAllUsed();
    }

    private static AttributeValue one(String type) {
        return switch (type) {
            case "N" -> AttributeValue.fromN("1");
            case "BOOL" -> AttributeValue.fromBool(true);
            case "SS" -> AttributeValue.fromSs(List.of("1"));
            default -> AttributeValue.fromS("1");
        };
    }
}
