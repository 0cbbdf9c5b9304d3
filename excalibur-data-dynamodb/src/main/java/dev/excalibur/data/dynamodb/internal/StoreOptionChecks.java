package dev.excalibur.data.dynamodb.internal;

import dev.excalibur.data.InternalApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The checks the snapshot and grant stores' options share. */
@InternalApi
public final class StoreOptionChecks {

    private StoreOptionChecks() {}

    /** The problems of a store's table name and clock, in a list the store adds its own problems to. */
    public static List<String> tableAndClock(String tableName, Clock clock) {
        List<String> problems = new ArrayList<>();
        if (tableName == null || tableName.isBlank() || tableName.length() > 255) {
            problems.add("tableName must have 1 to 255 characters but was " + tableName);
        }
        if (clock == null) {
            problems.add("clock must not be null");
        }
        return problems;
    }
}
