package dev.excalibur.dynamodb.engine.internal.items;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.expressions.Condition;
import dev.excalibur.dynamodb.engine.internal.tables.Table;
import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One planned write on one item, as PutItem, UpdateItem, DeleteItem and the actions of TransactWriteItems plan it:
 * the table and (validated) key, an optional condition, and the change from the current item (null when absent)
 * to the new one (null deletes). A null change is a condition check that writes nothing. {@link #evaluate()} and
 * {@link #apply(Outcome)} run under the table's write lock. Internal to the engine.
 */
public record ItemWrite(
        Table table,
        Map<String, AttributeValue> key,
        Condition condition,
        UnaryOperator<Map<String, AttributeValue>> change) {

    private static final long ITEM_LIMIT = 409_600;

    /** The item before and after the write, and whether the condition held. */
    public record Outcome(Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean passed) {}

    /**
     * Reads the current item, tests the condition and computes the new item, checking it (size after an update,
     * secondary-index key types); runtime errors of an update surface as {@code ValidationException}s.
     */
    public Outcome evaluate() {
        Map<String, AttributeValue> current = table.get(key);
        if (condition != null && !condition.test(current == null ? Map.of() : current)) {
            return new Outcome(current, current, false);
        }
        if (change == null) {
            return new Outcome(current, current, true);
        }
        Map<String, AttributeValue> next = change.apply(current);
        if (next != null && next != current) {
            if (AttributeValues.itemSize(next) > ITEM_LIMIT) {
                throw validation("Item size to update has exceeded the maximum allowed size");
            }
            table.validateIndexKeys(next);
        }
        return new Outcome(current, next, true);
    }

    /**
     * Stores the outcome of a passed evaluation and tells the table's listener (its stream) of an effective change;
     * a write that leaves the item as it was (equal by DynamoDB's equality) or deletes a missing item changes nothing.
     */
    public void apply(Outcome outcome) {
        Map<String, AttributeValue> before = outcome.before();
        Map<String, AttributeValue> after = outcome.after();
        if (after == null) {
            if (before != null) {
                table.delete(key);
                table.changes().changed(before, null);
            }
        } else if (before == null
                || !AttributeValues.sameValue(AttributeValue.fromM(before), AttributeValue.fromM(after))) {
            table.put(after);
            table.changes().changed(before, after);
        }
    }
}
