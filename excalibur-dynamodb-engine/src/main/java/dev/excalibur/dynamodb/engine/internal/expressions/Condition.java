package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A parsed condition or filter, evaluated against one item. Thread-safe. Internal to the engine. */
public interface Condition {

    /** Whether the condition holds for {@code item}; an item that does not exist is an empty map. */
    boolean test(Map<String, AttributeValue> item);
}
