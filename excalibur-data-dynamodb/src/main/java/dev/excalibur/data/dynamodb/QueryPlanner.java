package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.ConsistencyLevel;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Turns a {@link CloudQuery} into a DynamoDB {@code Query} request for one table and its indexes. */
final class QueryPlanner {

    /** A request and the fingerprint its continuation tokens carry. */
    record Plan(QueryRequest request, byte[] fingerprint) {}

    private final String table;
    private final KeyLayout tableKeys;
    private final Map<String, KeyLayout> indexes;
    private final boolean useConsistentReads;
    private final Function<@Nullable Object, AttributeValue> valueMapper;

    QueryPlanner(
            String table,
            String partitionAttribute,
            String sortAttribute,
            Map<String, KeyLayout> indexes,
            boolean useConsistentReads,
            Function<@Nullable Object, AttributeValue> valueMapper) {
        this.table = table;
        this.tableKeys =
                new KeyLayout(partitionAttribute, ScalarAttributeType.S, sortAttribute, ScalarAttributeType.S, false);
        this.indexes = indexes;
        this.useConsistentReads = useConsistentReads;
        this.valueMapper = valueMapper;
    }

    /**
     * The request for one page of the query (or, with {@code count}, for counting its matches).
     *
     * @throws IllegalArgumentException for an unknown index, a consistent read of a global index,
     *         a key value of the wrong type, or a token that is not from this query
     */
    Plan plan(CloudQuery query, boolean count) {
        String index = query.indexName();
        KeyLayout keys = index == null ? tableKeys : indexes.get(index);
        if (keys == null) {
            throw new IllegalArgumentException("table '" + table + "' has no index '" + index + "'; its indexes are "
                    + new TreeSet<>(indexes.keySet()));
        }
        Expressions expressions = new Expressions(valueMapper);
        AttributeValue partition = Expressions.keyValue(
                query.partitionKey().value(),
                keys.partitionType(),
                "partition key '" + keys.partitionAttribute() + "'");
        String keyCondition = expressions.keyCondition(
                keys.partitionAttribute(), partition, keys.sortAttribute(), keys.sortType(), query.sortKey());
        String filter = query.filter() == null ? null : expressions.condition(query.filter());
        byte[] fingerprint = ContinuationTokens.fingerprint(
                table, index, keyCondition, filter, !query.descending(), expressions.names(), expressions.values());

        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(index)
                .keyConditionExpression(keyCondition)
                .filterExpression(filter)
                .scanIndexForward(!query.descending())
                .consistentRead(consistentRead(query, keys))
                .limit(query.limit())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (count) {
            request.select(Select.COUNT);
        } else if (!query.projection().isEmpty()) {
            request.projectionExpression(expressions.projection(query.projection()));
        }
        if (query.continuationToken() != null) {
            request.exclusiveStartKey(ContinuationTokens.decode(
                    query.continuationToken(),
                    fingerprint,
                    startKeyAttributes(keys),
                    keys.partitionAttribute(),
                    partition));
        }
        Map<String, String> names = expressions.names();
        Map<String, AttributeValue> values = expressions.values();
        return new Plan(
                request.expressionAttributeNames(names == null ? null : new HashMap<>(names))
                        .expressionAttributeValues(values == null ? null : new HashMap<>(values))
                        .build(),
                fingerprint);
    }

    /** STRONG, or the global consistent-reads option as for getById; a global index only eventually. */
    private boolean consistentRead(CloudQuery query, KeyLayout keys) {
        ConsistencyLevel level = query.consistency() == null
                ? ConsistencyLevel.DEFAULT
                : query.consistency().level();
        if (level == ConsistencyLevel.STRONG) {
            if (keys.global()) {
                throw new IllegalArgumentException(
                        "index '" + query.indexName() + "' is a global secondary index, which"
                                + " DynamoDB reads only eventually consistently: drop the STRONG consistency or query the table"
                                + " or a local secondary index");
            }
            return true;
        }
        return useConsistentReads && !keys.global();
    }

    private Set<String> startKeyAttributes(KeyLayout keys) {
        Set<String> attributes = new HashSet<>(4);
        attributes.add(tableKeys.partitionAttribute());
        attributes.add(tableKeys.sortAttribute());
        attributes.add(keys.partitionAttribute());
        if (keys.sortAttribute() != null) {
            attributes.add(keys.sortAttribute());
        }
        return attributes;
    }
}
