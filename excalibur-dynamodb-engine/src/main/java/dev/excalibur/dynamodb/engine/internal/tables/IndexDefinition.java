package dev.excalibur.dynamodb.engine.internal.tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * A secondary index: its name, whether it is global, its key schema, its projection and its ARN. An index
 * entry holds the index key attributes, the table key attributes and the projected attributes ({@code KEYS_ONLY},
 * {@code INCLUDE} with its non-key attributes, or {@code ALL}); an item lacking an index key attribute has no
 * entry (sparse index). Internal to the engine.
 */
public record IndexDefinition(String name, boolean global, KeySchema keys, Projection projection, String arn) {

    public ProjectionType projectionType() {
        return projection.projectionType();
    }

    /** The index entry of {@code item}, or null when the item is not in the index. */
    public Map<String, AttributeValue> entryOf(Map<String, AttributeValue> item, KeySchema tableKeys) {
        if (!keys.coveredBy(item)) {
            return null;
        }
        if (projectionType() == ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> entry = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            String attributeName = attribute.getKey();
            if (keys.typeOf(attributeName) != null
                    || tableKeys.typeOf(attributeName) != null
                    || (projectionType() == ProjectionType.INCLUDE
                            && projection.nonKeyAttributes().contains(attributeName))) {
                entry.put(attributeName, attribute.getValue());
            }
        }
        return entry;
    }

    /** The storage position of an index entry: index key, then table key. */
    public StoredKey storedKey(Map<String, AttributeValue> entry, KeySchema tableKeys) {
        List<AttributeValue> parts = new java.util.ArrayList<>(4);
        for (String keyName : keys.names()) {
            parts.add(entry.get(keyName));
        }
        for (String keyName : tableKeys.names()) {
            parts.add(entry.get(keyName));
        }
        return StoredKey.of(parts);
    }
}
