package dev.excalibur.data.dynamodb.internal;

import dev.excalibur.data.InternalApi;
import java.util.List;

/**
 * What a store gets from its provider: the call pipeline on a table of its own, on the provider's
 * client, retry policy, metrics and table prefix, the table made ready on first use (created if
 * missing when the provider may create tables, else verified).
 */
@InternalApi
@FunctionalInterface
public interface StoreTables {

    /**
     * @param tableName    the table name before the provider's prefix
     * @param partitionKey the string partition key attribute
     * @param sortKey      the string sort key attribute
     * @param ttlAttribute the TTL attribute enabled on a created table, or null for none
     * @param index        the global secondary index the table has, or null for none
     */
    Calls open(String tableName, String partitionKey, String sortKey, String ttlAttribute, Index index);

    /** A global secondary index keyed by two string attributes, projecting the keys and {@code included}. */
    record Index(String name, String partitionKey, String sortKey, List<String> included) {}
}
