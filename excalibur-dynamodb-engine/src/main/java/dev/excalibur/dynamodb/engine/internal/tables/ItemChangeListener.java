package dev.excalibur.dynamodb.engine.internal.tables;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Told of every effective change to a table's items (the table's stream listens), by the writer, under the table's
 * write lock and in the order of the writes. Internal to the engine.
 */
@FunctionalInterface
public interface ItemChangeListener {

    /** Listens to nothing. */
    ItemChangeListener NONE = (before, after) -> {};

    /** An item changed from {@code before} (null: it did not exist) to {@code after} (null: deleted); the two differ. */
    void changed(Map<String, AttributeValue> before, Map<String, AttributeValue> after);
}
