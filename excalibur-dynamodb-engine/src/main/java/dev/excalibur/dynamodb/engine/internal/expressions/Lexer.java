package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens: bare names ({@code [A-Za-z_][A-Za-z0-9_]*}), name and value
 * placeholders ({@code #x}, {@code :x}), integer literals (list indexes), the operators and
 * punctuation of the expression grammars, and single unknown characters (which the parser refuses
 * with the service's syntax-error message). The last token is always {@link Kind#EOF}. Internal to the
 * engine.
 */
final class Lexer {

    /** Kinds of tokens. */
    enum Kind {
        NAME,
        NAME_REF,
        VALUE_REF,
        NUMBER,
        SYMBOL,
        EOF
    }

    /** One token and where it lies in the text ({@code start} inclusive, {@code end} exclusive). */
    record Token(Kind kind, String text, int start, int end) {

        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
        }
    }

    private static final List<String> TWO_CHARACTER_SYMBOLS = List.of("<>", "<=", ">=");

    private Lexer() {}

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (isNameStart(c)) {
                i = namePartEnd(text, i + 1);
                tokens.add(new Token(Kind.NAME, text.substring(start, i), start, i));
            } else if (c >= '0' && c <= '9') {
                while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start, i));
            } else if ((c == '#' || c == ':') && i + 1 < text.length() && isNamePart(text.charAt(i + 1))) {
                i = namePartEnd(text, i + 1);
                tokens.add(new Token(c == '#' ? Kind.NAME_REF : Kind.VALUE_REF, text.substring(start, i), start, i));
            } else if (i + 1 < text.length() && TWO_CHARACTER_SYMBOLS.contains(text.substring(i, i + 2))) {
                i += 2;
                tokens.add(new Token(Kind.SYMBOL, text.substring(start, i), start, i));
            } else {
                i += Character.charCount(text.codePointAt(i));
                tokens.add(new Token(Kind.SYMBOL, text.substring(start, i), start, i));
            }
        }
        tokens.add(new Token(Kind.EOF, "<EOF>", text.length(), text.length()));
        return tokens;
    }

    private static int namePartEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isNamePart(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
