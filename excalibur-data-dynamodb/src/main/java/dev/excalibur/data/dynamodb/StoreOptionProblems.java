package dev.excalibur.data.dynamodb;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The problems of a store's options, collected so that all are reported at once, before any call. */
final class StoreOptionProblems {

    private final List<String> problems = new ArrayList<>();

    /** The checks every store's options share: a table name DynamoDB accepts and a clock. */
    StoreOptionProblems tableAndClock(String tableName, Clock clock) {
        add(tableName == null || tableName.isBlank() || tableName.length() > 255,
                "tableName must have 1 to 255 characters but was " + tableName);
        return add(clock == null, "clock must not be null");
    }

    StoreOptionProblems add(boolean wrong, String problem) {
        if (wrong) {
            problems.add(problem);
        }
        return this;
    }

    /** @throws IllegalArgumentException naming the store and every problem, if there is one */
    void throwIfAny(String store) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + store + " options: " + String.join("; ", problems));
        }
    }
}
