package dev.excalibur.dynamodb.engine.internal.expressions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DynamoDB's reserved words (the Developer Guide's "Reserved words in DynamoDB", 573 words, stored
 * one per line in {@code reserved-words.txt}): a bare attribute name in an expression must not be one
 * of them, compared case-insensitively. Internal to the engine.
 */
public final class ReservedWords {

    private static final Set<String> WORDS = load();

    private ReservedWords() {}

    /** Whether {@code name} is a reserved word, ignoring case. */
    public static boolean isReserved(String name) {
        return WORDS.contains(name.toUpperCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (InputStream in = ReservedWords.class.getResourceAsStream("reserved-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("reserved-words.txt is missing from the engine's resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
