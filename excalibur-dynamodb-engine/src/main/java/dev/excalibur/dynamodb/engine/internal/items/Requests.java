package dev.excalibur.dynamodb.engine.internal.items;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.tables.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;

/**
 * Checks shared by the data-plane operations, done before the table is looked up as the service does:
 * enum-valued parameters and the mixing of legacy and expression parameters; and ItemCollectionMetrics. Internal to the engine.
 */
public final class Requests {

    private Requests() {}

    /** The request's ReturnConsumedCapacity (NONE when absent), or the service's enum constraint error. */
    public static ReturnConsumedCapacity consumedCapacity(ReturnConsumedCapacity value, String text) {
        if (text == null) {
            return ReturnConsumedCapacity.NONE;
        }
        if (value == ReturnConsumedCapacity.UNKNOWN_TO_SDK_VERSION) {
            throw validation(enumError(text, "returnConsumedCapacity", "[INDEXES, TOTAL, NONE]"));
        }
        return value;
    }

    /**
     * The ItemCollectionMetrics of a write to the item collection of {@code key} when the request asked for SIZE
     * and the table has local secondary indexes (only such tables have item collections to report); else null.
     * The size estimate is the collection's size in GB rounded down, and that plus one.
     */
    public static ItemCollectionMetrics collectionMetrics(Table table, Map<String, AttributeValue> key, boolean asked) {
        if (!asked || table.definition().localIndexes().isEmpty()) {
            return null;
        }
        String hashName = table.keys().hashName();
        long bytes;
        table.lock().readLock().lock();
        try {
            bytes = table.collectionSizeBytes(key.get(hashName));
        } finally {
            table.lock().readLock().unlock();
        }
        // Documentation is silent on how the estimate's bounds are chosen; the engine brackets the exact size by whole
        // GB.
        double lower = Math.floor(bytes / (double) (1L << 30));
        return ItemCollectionMetrics.builder()
                .itemCollectionKey(Map.of(hashName, key.get(hashName)))
                .sizeEstimateRangeGB(lower, lower + 1)
                .build();
    }

    /** True for ReturnItemCollectionMetrics=SIZE; refuses values outside the enum. */
    public static boolean collectionMetricsAsked(ReturnItemCollectionMetrics value, String text) {
        if (text == null) {
            return false;
        }
        if (value == ReturnItemCollectionMetrics.UNKNOWN_TO_SDK_VERSION) {
            throw validation(enumError(text, "returnItemCollectionMetrics", "[SIZE, NONE]"));
        }
        return value == ReturnItemCollectionMetrics.SIZE;
    }

    /** The service's message for a value outside an enum's set. */
    public static String enumError(String value, String member, String allowed) {
        return "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed;
    }

    /** The service's message for a number below its minimum. */
    public static String minimumError(Object value, String member, long minimum) {
        return "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must have value greater than or equal to " + minimum;
    }

    /**
     * Refuses a request that mixes legacy parameters with expression parameters, naming both sets as the service does.
     */
    public static void refuseMixing(String legacy, String expressions) {
        if (!legacy.isEmpty() && !expressions.isEmpty()) {
            throw validation(
                    "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {"
                            + legacy + "} Expression parameters: {" + expressions + "}");
        }
    }

    /** The names of the present parameters, comma-separated, in the order given (name, present, name, present...). */
    public static String present(Object... namesAndPresence) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < namesAndPresence.length; i += 2) {
            if ((Boolean) namesAndPresence[i + 1]) {
                joined.append(joined.length() == 0 ? "" : ", ").append(namesAndPresence[i]);
            }
        }
        return joined.toString();
    }
}
