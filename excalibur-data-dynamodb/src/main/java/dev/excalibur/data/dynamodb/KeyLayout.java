package dev.excalibur.data.dynamodb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The key attributes of a table and of each of its secondary indexes, as DescribeTable reports
 * them: what a query needs to address an index and to check a continuation token.
 *
 * @param partitionAttribute the partition key attribute
 * @param partitionType      its type
 * @param sortAttribute      the sort key attribute, or null
 * @param sortType           its type, or null
 * @param global             true for a global secondary index
 */
record KeyLayout(
        String partitionAttribute,
        ScalarAttributeType partitionType,
        @Nullable String sortAttribute,
        @Nullable ScalarAttributeType sortType,
        boolean global) {

    /** The layouts of the table's indexes by name. */
    static Map<String, KeyLayout> indexesOf(TableDescription table) {
        Map<String, ScalarAttributeType> types = new HashMap<>();
        for (AttributeDefinition definition : table.attributeDefinitions()) {
            types.put(definition.attributeName(), definition.attributeType());
        }
        Map<String, KeyLayout> indexes = new HashMap<>();
        table.globalSecondaryIndexes()
                .forEach(index -> indexes.put(index.indexName(), of(index.keySchema(), types, true)));
        table.localSecondaryIndexes()
                .forEach(index -> indexes.put(index.indexName(), of(index.keySchema(), types, false)));
        return Map.copyOf(indexes);
    }

    private static KeyLayout of(List<KeySchemaElement> schema, Map<String, ScalarAttributeType> types, boolean global) {
        String partition = null;
        String sort = null;
        for (KeySchemaElement element : schema) {
            if (element.keyType() == KeyType.HASH) {
                partition = element.attributeName();
            } else {
                sort = element.attributeName();
            }
        }
        return new KeyLayout(partition, types.get(partition), sort, sort == null ? null : types.get(sort), global);
    }
}
