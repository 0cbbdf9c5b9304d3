package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A parsed projection: the parts of an item a request asked for. Paths that lead nowhere are simply
 * absent from the result. Thread-safe. Internal to the engine.
 */
public interface Projection {

    /** The projected copy of {@code item}; never mutates the argument. */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);
}
