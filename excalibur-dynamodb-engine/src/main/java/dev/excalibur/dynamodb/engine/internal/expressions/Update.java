package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A parsed update (UpdateExpression or legacy AttributeUpdates). Thread-safe. Internal to the engine.
 */
public interface Update {

    /**
     * The item after the update; {@code item} is the item before it (an empty map when it does not
     * exist) and is never mutated. Runtime errors (an operand of the wrong type, a missing operand
     * attribute, a path under a missing or non-container parent, a number out of range) are
     * {@code ValidationException}s with the service's messages. The caller checks the result's size
     * ({@code Item size to update has exceeded the maximum allowed size}).
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attributes the update writes or removes (callers refuse key attributes). */
    Set<String> topLevelNames();

    /** Projects the paths the update writes or removes, for {@code ReturnValues UPDATED_OLD / UPDATED_NEW}. */
    Projection updatedPaths();
}
