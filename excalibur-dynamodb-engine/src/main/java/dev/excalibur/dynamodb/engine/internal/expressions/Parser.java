package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.expressions.Lexer.Token;
import dev.excalibur.dynamodb.engine.internal.expressions.Problems.Kind;
import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hand-written recursive-descent parser of DynamoDB's expression grammars (conditions and
 * filters, key conditions, updates, projections). Syntax errors are thrown at once with the service's
 * {@code Syntax error; token: "...", near: "..."} message ({@code near} spans the tokens before and
 * after the offending one); semantic errors (reserved words, undefined placeholders, misused functions,
 * operand types...) are collected in {@link Problems} and the highest-ranked one is thrown once the
 * expression has parsed. Keywords are case-insensitive, function names case-sensitive. One parser per
 * expression. Internal to the engine.
 */
final class Parser {

    static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size");
    static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> OPERATOR_KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Set<String> SECTIONS = Set.of("SET", "REMOVE", "ADD", "DELETE");
    private static final Set<String> ATTRIBUTE_TYPES =
            Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
    private static final int MAX_IN_OPERANDS = 100;
    private static final int MAX_EXPRESSION_BYTES = 4096;
    // Documentation is silent on a nesting limit; 4 KB of text can nest thousands of levels, more than a
    // recursive-descent parser's stack should hold, so the engine refuses more than 256 with its own words.
    private static final int MAX_NESTING = 256;
    private static final Set<String> ORDERED_TYPES = Set.of("S", "N", "B");

    private final String text;
    private final String kind;
    private final ExpressionContext context;
    private final List<Token> tokens;
    private final Problems problems = new Problems();
    private final boolean update;
    private int position;
    private int nesting;

    private Parser(String text, String kind, ExpressionContext context, boolean update) {
        if (text == null || text.isEmpty()) {
            throw Problems.invalid(kind, "The expression can not be empty;");
        }
        long size = AttributeValues.utf8Length(text);
        if (size > MAX_EXPRESSION_BYTES) {
            // Wording captured from the service: only condition and filter expressions report the size.
            boolean reportsSize = kind.equals("ConditionExpression") || kind.equals("FilterExpression");
            throw Problems.invalid(
                    kind,
                    "Expression size has exceeded the maximum allowed size;"
                            + (reportsSize ? " expression size: " + size : ""));
        }
        this.text = text;
        this.kind = kind;
        this.context = context;
        this.update = update;
        this.tokens = Lexer.tokens(text);
        context.markParsed();
    }

    /** Parses a condition; {@code kind} is the request parameter, e.g. {@code ConditionExpression}. */
    static ConditionNode condition(String text, String kind, ExpressionContext context) {
        Parser parser = new Parser(text, kind, context, false);
        try {
            ConditionNode condition = parser.parseOr();
            parser.expectEnd();
            parser.problems.throwFirst(kind);
            return condition;
        } catch (SyntaxError e) {
            throw e.error();
        }
    }

    /** Parses an UpdateExpression. */
    static UpdatePlan update(String text, ExpressionContext context) {
        Parser parser = new Parser(text, "UpdateExpression", context, true);
        try {
            UpdatePlan plan = parser.parseUpdate();
            parser.problems.throwFirst("UpdateExpression");
            return plan;
        } catch (SyntaxError e) {
            throw e.error();
        }
    }

    /** Parses a ProjectionExpression. */
    static PathProjection projection(String text, ExpressionContext context) {
        Parser parser = new Parser(text, "ProjectionExpression", context, false);
        try {
            List<Path> paths = new ArrayList<>();
            do {
                parser.checkTarget(paths, parser.parsePath());
            } while (parser.accept(","));
            parser.expectEnd();
            parser.problems.throwFirst("ProjectionExpression");
            return new PathProjection(paths);
        } catch (SyntaxError e) {
            throw e.error();
        }
    }

    // ---- conditions ----

    private ConditionNode parseOr() {
        return nested(this::parseOrNested);
    }

    private ConditionNode parseOrNested() {
        ConditionNode left = parseAnd();
        while (peek().isKeyword("OR")) {
            position++;
            left = new ConditionNode.Or(left, parseAnd());
        }
        return left;
    }

    private ConditionNode parseAnd() {
        ConditionNode left = parseNot();
        while (peek().isKeyword("AND")) {
            position++;
            left = new ConditionNode.And(left, parseNot());
        }
        return left;
    }

    private ConditionNode parseNot() {
        return nested(this::parseNotNested);
    }

    private ConditionNode parseNotNested() {
        if (peek().isKeyword("NOT")) {
            position++;
            return new ConditionNode.Not(parseNot());
        }
        return parsePrimary();
    }

    /**
     * A parenthesized condition or a simple condition. A {@code (} may open either a condition or an
     * operand ({@code (a) = :v}); the parser tries the condition first and falls back to the operand.
     */
    private ConditionNode parsePrimary() {
        if (!peek().is("(")) {
            return parseSimpleCondition();
        }
        State start = state();
        SyntaxError first;
        try {
            position++;
            ConditionNode inner = parseOr();
            expect(")");
            if (!startsComparison(peek())) {
                if (inner instanceof ConditionNode.Parenthesized) {
                    problems.report(Kind.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
                }
                return new ConditionNode.Parenthesized(inner);
            }
            first = null;
        } catch (SyntaxError e) {
            first = e;
        }
        restore(start);
        try {
            return parseSimpleCondition();
        } catch (SyntaxError second) {
            throw first != null && first.tokenIndex > second.tokenIndex ? first : second;
        }
    }

    private static boolean startsComparison(Token token) {
        return token.kind() == Lexer.Kind.SYMBOL && COMPARATORS.contains(token.text())
                || token.isKeyword("BETWEEN")
                || token.isKeyword("IN");
    }

    private ConditionNode parseSimpleCondition() {
        Operand left = parseOperand();
        Token token = peek();
        if (token.kind() == Lexer.Kind.SYMBOL && COMPARATORS.contains(token.text())) {
            position++;
            Operand right = parseOperand();
            checkMisused(left, right);
            checkDistinct(token.text(), left, right);
            if (!token.text().equals("=") && !token.text().equals("<>")) {
                checkOrdered(token.text(), left, right);
            }
            return new ConditionNode.Comparison(token.text(), Operand.unwrap(left), Operand.unwrap(right));
        }
        if (token.isKeyword("BETWEEN")) {
            position++;
            Operand low = parseOperand();
            if (!peek().isKeyword("AND")) {
                throw syntaxError();
            }
            position++;
            Operand high = parseOperand();
            checkMisused(left, low, high);
            if (checkOrdered("BETWEEN", left, low, high)) {
                checkBounds(low, high);
            }
            return new ConditionNode.Between(Operand.unwrap(left), Operand.unwrap(low), Operand.unwrap(high));
        }
        if (token.isKeyword("IN")) {
            position++;
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(parseOperand());
            } while (accept(","));
            expect(")");
            checkMisused(left);
            checkMisused(candidates.toArray(Operand[]::new));
            // Documentation is silent on this message's wording; the limit of 100 is documented.
            if (candidates.size() > MAX_IN_OPERANDS) {
                problems.report(
                        Kind.OPERAND_COUNT,
                        "The IN operator is provided with too many operands; " + "number of operands: "
                                + candidates.size());
            }
            return new ConditionNode.In(
                    Operand.unwrap(left),
                    candidates.stream().map(Operand::unwrap).toList());
        }
        if (Operand.unwrap(left) instanceof Operand.Call call && !(left instanceof Operand.Grouped)) {
            if (call.name().equals("size")) {
                problems.report(
                        Kind.MISUSED_FUNCTION,
                        "The function is not allowed to be used this way in an expression; function: size");
            }
            return new ConditionNode.Function(call.name(), call.arguments());
        }
        throw syntaxError();
    }

    /** Boolean functions cannot be operands of comparisons ({@code size} can). */
    private void checkMisused(Operand... operands) {
        for (Operand operand : operands) {
            if (Operand.unwrap(operand) instanceof Operand.Call call
                    && !call.name().equals("size")
                    && CONDITION_FUNCTIONS.contains(call.name())) {
                problems.report(
                        Kind.MISUSED_FUNCTION,
                        "The function is not allowed to be used this way in an expression; function: " + call.name());
            }
        }
    }

    private void checkDistinct(String operator, Operand first, Operand second) {
        if (Operand.unwrap(first) instanceof Operand.PathOperand a
                && Operand.unwrap(second) instanceof Operand.PathOperand b
                && a.path().equals(b.path())) {
            problems.report(
                    Kind.DISTINCT_OPERANDS,
                    "The first operand must be distinct from the remaining operands "
                            + "for this operator or function; operator: " + operator + ", first operand: " + a.path());
        }
    }

    /**
     * Ordering operators refuse constant operands of types DynamoDB does not order (BOOL, NULL, sets,
     * lists, maps); a path to such a value is not refused, the comparison is just false. Returns whether
     * every constant operand is ordered.
     */
    private boolean checkOrdered(String operator, Operand... operands) {
        for (Operand operand : operands) {
            Operand unwrapped = Operand.unwrap(operand);
            String type = unwrapped instanceof Operand.Constant ? unwrapped.staticType() : null;
            if (type != null && !ORDERED_TYPES.contains(type)) {
                operandType(operator, type);
                return false;
            }
        }
        return true;
    }

    private void checkBounds(Operand low, Operand high) {
        if (Operand.unwrap(low) instanceof Operand.Constant l
                && Operand.unwrap(high) instanceof Operand.Constant h
                && l.value() != null
                && h.value() != null) {
            String lowType = l.staticType();
            String highType = h.staticType();
            String bounds = "lower bound operand: AttributeValue: {" + lowType + ":" + shown(l.value())
                    + "}, upper bound operand: AttributeValue: {" + highType + ":" + shown(h.value()) + "}";
            if (!lowType.equals(highType)) {
                problems.report(
                        Kind.OPERAND_TYPE,
                        "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
            } else if (ConditionNode.compare(">", l.value(), h.value())) {
                problems.report(
                        Kind.OPERAND_TYPE,
                        "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                                + bounds);
            }
        }
    }

    private static String shown(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        return value.toString();
    }

    // ---- operands and paths ----

    private Operand parseOperand() {
        return nested(this::parseOperandNested);
    }

    private Operand parseOperandNested() {
        Token token = peek();
        if (token.is("(")) {
            position++;
            Operand inner = parseOperand();
            expect(")");
            if (inner instanceof Operand.Grouped) {
                problems.report(Kind.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
            }
            return new Operand.Grouped(inner);
        }
        if (token.kind() == Lexer.Kind.NAME && peek(1).is("(") && !isOperatorKeyword(token)) {
            return parseCall();
        }
        if (token.kind() == Lexer.Kind.VALUE_REF) {
            position++;
            return constant(token.text());
        }
        return new Operand.PathOperand(parsePath());
    }

    private Operand.Constant constant(String ref) {
        AttributeValue value = context.value(ref);
        if (value == null) {
            problems.report(
                    Kind.UNDEFINED_PLACEHOLDER,
                    "An expression attribute value used in expression is not defined; attribute value: " + ref);
        }
        return new Operand.Constant(ref, value);
    }

    private Operand parseCall() {
        String name = next().text();
        expect("(");
        List<Operand> arguments = new ArrayList<>();
        do {
            arguments.add(parseOperand());
        } while (accept(","));
        expect(")");
        List<Operand> unwrapped = arguments.stream().map(Operand::unwrap).toList();
        Operand.Call call = new Operand.Call(name, unwrapped);
        Set<String> known = update ? UPDATE_FUNCTIONS : CONDITION_FUNCTIONS;
        if (!known.contains(name)) {
            problems.report(Kind.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return call;
        }
        int expected =
                name.equals("attribute_exists") || name.equals("attribute_not_exists") || name.equals("size") ? 1 : 2;
        if (unwrapped.size() != expected) {
            problems.report(
                    Kind.OPERAND_COUNT,
                    "Incorrect number of operands for operator or function; " + "operator or function: " + name
                            + ", number of operands: " + unwrapped.size());
            return call;
        }
        if (expected == 2) {
            checkDistinct(name, unwrapped.get(0), unwrapped.get(1));
        }
        checkArgumentTypes(name, unwrapped);
        return call;
    }

    private void checkArgumentTypes(String name, List<Operand> arguments) {
        switch (name) {
            case "attribute_exists", "attribute_not_exists", "if_not_exists" -> {
                if (!(arguments.get(0) instanceof Operand.PathOperand)) {
                    problems.report(
                            Kind.OPERAND_TYPE,
                            "Operator or function requires a document path; operator or function: " + name);
                }
            }
            case "begins_with" -> arguments.forEach(a -> requireType(name, a, "S", "B"));
            case "attribute_type" -> {
                Operand type = arguments.get(1);
                String staticType = type.staticType();
                if (!"S".equals(staticType)) {
                    operandType(name, staticType == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : staticType);
                } else if (!ATTRIBUTE_TYPES.contains(
                        ((Operand.Constant) type).value().s())) {
                    problems.report(
                            Kind.OPERAND_TYPE,
                            "Invalid attribute type name found; type: "
                                    + ((Operand.Constant) type).value().s()
                                    + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
            }
            case "size" -> {
                String type = arguments.get(0).staticType();
                if ("N".equals(type) || "BOOL".equals(type) || "NULL".equals(type)) {
                    operandType(name, type);
                }
            }
            case "list_append" -> arguments.forEach(a -> requireType(name, a, "L"));
            default -> {
                // contains: any operands
            }
        }
    }

    private void requireType(String name, Operand operand, String... allowed) {
        String type = operand.staticType();
        if (type != null && !List.of(allowed).contains(type)) {
            operandType(name, type);
        }
    }

    private void operandType(String name, String type) {
        problems.report(
                Kind.OPERAND_TYPE,
                "Incorrect operand type for operator or function; " + "operator or function: " + name
                        + ", operand type: " + type);
    }

    private Path parsePath() {
        List<Object> elements = new ArrayList<>();
        elements.add(pathName());
        while (true) {
            if (peek().is(".")) {
                position++;
                elements.add(pathName());
            } else if (peek().is("[")) {
                position++;
                Token index = next();
                if (index.kind() != Lexer.Kind.NUMBER || index.text().length() > 9) {
                    position--;
                    throw syntaxError();
                }
                expect("]");
                elements.add(Integer.parseInt(index.text()));
            } else {
                return new Path(elements);
            }
        }
    }

    private String pathName() {
        Token token = peek();
        if (token.kind() == Lexer.Kind.NAME && !isOperatorKeyword(token)) {
            position++;
            if (ReservedWords.isReserved(token.text())) {
                problems.report(
                        Kind.RESERVED_WORD, "Attribute name is a reserved keyword; reserved keyword: " + token.text());
            }
            return token.text();
        }
        if (token.kind() == Lexer.Kind.NAME_REF) {
            position++;
            String name = context.name(token.text());
            if (name == null) {
                problems.report(
                        Kind.UNDEFINED_PLACEHOLDER,
                        "An expression attribute name used in the document path is not defined; attribute name: "
                                + token.text());
                return token.text();
            }
            return name;
        }
        throw syntaxError();
    }

    private static boolean isOperatorKeyword(Token token) {
        return OPERATOR_KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT));
    }

    // ---- updates ----

    private UpdatePlan parseUpdate() {
        UpdatePlan.Builder plan = new UpdatePlan.Builder();
        List<Path> targets = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        do {
            Token keyword = next();
            String section = keyword.text().toUpperCase(Locale.ROOT);
            if (keyword.kind() != Lexer.Kind.NAME || !SECTIONS.contains(section)) {
                position--;
                throw syntaxError();
            }
            if (seen.contains(section)) {
                problems.report(
                        Kind.SECTION_TWICE,
                        "The \"" + section + "\" section can only be used once in an update expression;");
            }
            seen.add(section);
            do {
                Path path = parsePath();
                checkTarget(targets, path);
                switch (section) {
                    case "SET" -> {
                        expect("=");
                        plan.set(path, parseSetValue());
                    }
                    case "REMOVE" -> plan.remove(path);
                    default -> plan.addOrDelete(section, path, parseActionValue(section));
                }
            } while (accept(","));
        } while (peek().kind() != Lexer.Kind.EOF);
        return plan.build();
    }

    private Operand parseSetValue() {
        return nested(this::parseSetValueNested);
    }

    private Operand parseSetValueNested() {
        if (peek().is("(")) {
            State start = state();
            try {
                position++;
                Operand inner = parseSetValue();
                expect(")");
                if (!peek().is("+") && !peek().is("-")) {
                    return inner;
                }
            } catch (SyntaxError e) {
                // not a parenthesized value: parse it as an operand
            }
            restore(start);
        }
        Operand left = parseOperand();
        if (peek().is("+") || peek().is("-")) {
            String operator = next().text();
            Operand right = parseOperand();
            requireType(operator, left, "N");
            requireType(operator, right, "N");
            return new Operand.Arithmetic(operator, Operand.unwrap(left), Operand.unwrap(right));
        }
        return Operand.unwrap(left);
    }

    private AttributeValue parseActionValue(String section) {
        Token token = peek();
        if (token.kind() != Lexer.Kind.VALUE_REF) {
            throw syntaxError();
        }
        position++;
        Operand.Constant constant = constant(token.text());
        String type = constant.staticType();
        boolean allowed =
                type == null || type.endsWith("S") && type.length() == 2 || section.equals("ADD") && type.equals("N");
        if (!allowed) {
            problems.report(
                    Kind.OPERAND_TYPE,
                    "Incorrect operand type for operator or function; operator: " + section + ", operand type: "
                            + typeWord(type) + ", typeSet: ALLOWED_FOR_" + section + "_OPERAND");
        }
        return constant.value();
    }

    private static String typeWord(String type) {
        return switch (type) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "L" -> "LIST";
            case "M" -> "MAP";
            default -> type;
        };
    }

    /** Records a path an update writes or a projection reads, refusing overlaps and conflicts. */
    private void checkTarget(List<Path> targets, Path path) {
        for (Path earlier : targets) {
            if (earlier.conflicts(path)) {
                problems.report(
                        Kind.PATH_CONFLICT,
                        "Two document paths conflict with each other; must remove or "
                                + "rewrite one of these paths; path one: " + earlier + ", path two: " + path);
            } else if (earlier.overlaps(path)) {
                problems.report(
                        Kind.PATH_OVERLAP,
                        "Two document paths overlap with each other; must remove or "
                                + "rewrite one of these paths; path one: " + earlier + ", path two: " + path);
            }
        }
        targets.add(path);
    }

    // ---- tokens ----

    /** Runs one nested production, refusing expressions nested deeper than {@link #MAX_NESTING}. */
    private <T> T nested(Supplier<T> production) {
        if (nesting >= MAX_NESTING) {
            throw Problems.invalid(kind, "The expression is nested too deeply; maximum nesting: " + MAX_NESTING);
        }
        nesting++;
        try {
            return production.get();
        } finally {
            nesting--;
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Lexer.Kind.EOF) {
            position++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw syntaxError();
        }
    }

    private void expectEnd() {
        if (peek().kind() != Lexer.Kind.EOF) {
            throw syntaxError();
        }
    }

    /** The service's syntax error at the current token: {@code near} spans its neighbours. */
    private SyntaxError syntaxError() {
        Token token = peek();
        int from = position > 0 ? tokens.get(position - 1).start() : token.start();
        int to = position + 1 < tokens.size() ? tokens.get(position + 1).end() : token.end();
        String message = "Syntax error; token: \"" + token.text() + "\", near: \"" + text.substring(from, to) + "\"";
        return new SyntaxError(Problems.invalid(kind, message), position);
    }

    private State state() {
        return new State(position, problems.snapshot(), context.usage());
    }

    private void restore(State state) {
        position = state.position();
        problems.restore(state.problems());
        context.restoreUsage(state.usage());
    }

    /** Where an abandoned parse attempt started. */
    private record State(int position, Map<Problems.Kind, String> problems, List<Set<String>> usage) {}

    /** A syntax error, with the index of the token where it was found (the furthest wins). */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int tokenIndex;

        SyntaxError(RuntimeException error, int tokenIndex) {
            super(error.getMessage(), error, false, false);
            this.tokenIndex = tokenIndex;
        }

        RuntimeException error() {
            return (RuntimeException) getCause();
        }
    }
}
