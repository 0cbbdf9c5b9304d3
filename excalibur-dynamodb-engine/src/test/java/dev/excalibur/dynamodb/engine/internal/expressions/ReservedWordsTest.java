package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.context;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reserved-word rule for bare attribute names (engine-surface.md R2). */
class ReservedWordsTest {

    /** Reserved words that are also operators of the condition grammar: a bare one is a syntax error. */
    private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");

    static Stream<String> reservedWords() throws IOException {
        try (InputStream in = ReservedWords.class.getResourceAsStream("reserved-words.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList().stream();
        }
    }

    @Test
    void holdsTheDeveloperGuidesFiveHundredSeventyThreeWords() throws IOException {
        assertThat(reservedWords())
                .hasSize(573)
                .doesNotHaveDuplicates()
                .contains("SIZE", "CONVERT", "FLATTERN", "INNTER", "LOGED", "STATUS", "TTL", "NAME", "VALUE", "COUNT")
                .doesNotContain("REMOVE");
    }

    @ParameterizedTest
    @MethodSource("reservedWords")
    void refusesEveryReservedWordAsABareNameInAProjection(String word) {
        String bare = word.toLowerCase(Locale.ROOT);
        if (OPERATORS.contains(word)) {
            refuses(
                    () -> Expressions.projection(bare, context()),
                    "Invalid ProjectionExpression: Syntax error; token: \"" + bare + "\", near: \"" + bare + "\"");
        } else {
            refuses(
                    () -> Expressions.projection(bare, context()),
                    "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: " + bare);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "revoked",
                "revokedBy",
                "revokedOn",
                "amount",
                "paid",
                "tags",
                "note",
                "pk",
                "leaseOwner",
                "streamName",
                "wid",
                "leaseKey",
                "checkpoint",
                "ownerSwitchesSinceCheckpoint",
                "remove"
            })
    void acceptsTheBareNamesTheConsumersUse(String name) {
        assertThat(Expressions.projection(name, context()).apply(item(name, s("v"), "other", s("w"))))
                .isEqualTo(item(name, s("v")));
    }

    @Test
    void comparesReservedWordsIgnoringCaseAndQuotesTheNameAsWritten() {
        refuses(
                () -> Expressions.update("SET Status = :v", context(":v", s("x"))),
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Status");
        refuses(
                () -> Expressions.condition("attribute_exists(a.sIzE)", context()),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: sIzE");
    }

    @Test
    void acceptsReservedWordsThroughNamePlaceholders() {
        Projection projection = Expressions.projection("#n, #s", context("#n", "Name", "#s", "Size"));

        assertThat(projection.apply(item("Name", s("a"), "Size", s("b"), "c", s("c"))))
                .isEqualTo(item("Name", s("a"), "Size", s("b")));
    }

    @Test
    void allowsSizeAsAFunctionThoughItIsReserved() {
        assertThat(Expressions.condition("size(a) > :n", context(":n", s("x"))).test(item("a", s("abc"))))
                .isFalse();
        assertThat(List.of("SIZE")).allMatch(ReservedWords::isReserved);
    }
}
