package dev.excalibur.data.dynamodb;

import java.util.List;

/** Options that cannot work, with every problem found listed at once. */
public final class InvalidOptionsException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidOptionsException(String subject, List<String> problems) {
        super("invalid " + subject + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
