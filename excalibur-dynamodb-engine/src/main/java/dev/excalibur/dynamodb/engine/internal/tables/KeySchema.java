package dev.excalibur.dynamodb.engine.internal.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The key schema of a table or of a secondary index: the partition (HASH) key's name and scalar type and,
 * when there is one, the sort (RANGE) key's. Internal to the engine.
 */
public record KeySchema(
        String hashName, ScalarAttributeType hashType, String rangeName, ScalarAttributeType rangeType) {

    public boolean hasRange() {
        return rangeName != null;
    }

    /** The key attribute names, partition key first. */
    public List<String> names() {
        return hasRange() ? List.of(hashName, rangeName) : List.of(hashName);
    }

    /** The declared type of the key attribute {@code name}, or null when it is not a key attribute of this schema. */
    public ScalarAttributeType typeOf(String name) {
        if (name.equals(hashName)) {
            return hashType;
        }
        return name.equals(rangeName) ? rangeType : null;
    }

    public List<KeySchemaElement> toSdk() {
        List<KeySchemaElement> elements = new ArrayList<>();
        elements.add(KeySchemaElement.builder()
                .attributeName(hashName)
                .keyType(KeyType.HASH)
                .build());
        if (hasRange()) {
            elements.add(KeySchemaElement.builder()
                    .attributeName(rangeName)
                    .keyType(KeyType.RANGE)
                    .build());
        }
        return elements;
    }

    /** True when the item holds every key attribute of this schema (for an index: the item is in the index). */
    public boolean coveredBy(Map<String, AttributeValue> item) {
        return item.containsKey(hashName) && (!hasRange() || item.containsKey(rangeName));
    }

    /** The key attributes of {@code item}, in schema order. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : names()) {
            key.put(name, item.get(name));
        }
        return key;
    }
}
