package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A parsed condition or filter, evaluated against one item. Thread-safe. Internal to the engine. */
public interface Condition {

    /** Whether the condition holds for {@code item}; an item that does not exist is an empty map. */
    boolean test(Map<String, AttributeValue> item);

    /**
     * The top-level attributes the condition reads, in order of appearance; a Query refuses a filter
     * that reads a key attribute ({@code Filter Expression can only contain non-primary key attributes:
     * Primary key attribute: pk}).
     */
    default Set<String> topLevelNames() {
        return Set.of();
    }
}
