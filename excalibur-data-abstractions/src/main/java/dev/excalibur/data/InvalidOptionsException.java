package dev.excalibur.data;

import java.util.List;

/**
 * Settings that cannot work, refused by a builder before any network call, with every problem
 * found listed at once (one sentence each, naming the setting and its limit).
 */
public final class InvalidOptionsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Throws an {@code InvalidOptionsException} if there is any problem.
     *
     * @param subject  what was being built, e.g. {@code "DynamoDB options"}
     * @param problems one sentence per problem; none means the settings are valid
     */
    public static void throwIfAny(String subject, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(subject, problems);
        }
    }

    /** The settings of {@code subject} have these problems (at least one). */
    public InvalidOptionsException(String subject, List<String> problems) {
        super("invalid " + subject + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
