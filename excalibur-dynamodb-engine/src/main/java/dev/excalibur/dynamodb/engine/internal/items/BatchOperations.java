package dev.excalibur.dynamodb.engine.internal.items;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.expressions.Projection;
import dev.excalibur.dynamodb.engine.internal.tables.Capacity;
import dev.excalibur.dynamodb.engine.internal.tables.Catalog;
import dev.excalibur.dynamodb.engine.internal.tables.StoredKey;
import dev.excalibur.dynamodb.engine.internal.tables.Table;
import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem and BatchGetItem. The whole batch is checked first (sizes, keys, duplicates, tables) and refused
 * as a whole; then each put or delete is applied atomically on its own, under its table's write lock, and each
 * table's keys are read under its read lock. The engine processes every request, so {@code UnprocessedItems} is
 * empty; BatchGetItem leaves keys unprocessed only beyond the 16 MB response limit. Internal to the engine.
 */
public final class BatchOperations {

    private static final int WRITE_LIMIT = 25;
    private static final int GET_LIMIT = 100;
    private static final long RESPONSE_LIMIT = 16L * 1024 * 1024;

    private final Catalog catalog;

    public BatchOperations(Catalog catalog) {
        this.catalog = catalog;
    }

    /** One checked put (item set) or delete (item null), with the table name as the request gave it. */
    private record PlannedWrite(
            String requestedName, Table table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {}

    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        boolean metrics = Requests.collectionMetricsAsked(
                request.returnItemCollectionMetrics(), request.returnItemCollectionMetricsAsString());
        if (!request.hasRequestItems() || request.requestItems().isEmpty()) {
            throw validation(
                    "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        int total = 0;
        for (Map.Entry<String, List<WriteRequest>> entry :
                request.requestItems().entrySet()) {
            int size = entry.getValue().size();
            if (size < 1 || size > WRITE_LIMIT) {
                throw validation(
                        "1 validation error detected: Value '" + request.requestItems()
                                + "' at 'requestItems' failed to satisfy constraint: "
                                + "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
            }
            total += size;
        }
        if (total > WRITE_LIMIT) {
            throw validation("Too many items requested for the BatchWriteItem call");
        }
        List<PlannedWrite> writes = new ArrayList<>();
        Map<String, Set<StoredKey>> seen = new LinkedHashMap<>();
        Map<WriteRequest, Map<String, AttributeValue>> validItems = new IdentityHashMap<>();
        for (Map.Entry<String, List<WriteRequest>> entry :
                request.requestItems().entrySet()) {
            for (WriteRequest write : entry.getValue()) {
                if ((write.putRequest() == null) == (write.deleteRequest() == null)) {
                    // Documentation is silent on the wording for a WriteRequest with neither or both members.
                    throw validation("Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest");
                }
                if (write.putRequest() != null) {
                    validItems.put(
                            write,
                            AttributeValues.validateItem(write.putRequest().item()));
                }
            }
        }
        for (Map.Entry<String, List<WriteRequest>> entry :
                request.requestItems().entrySet()) {
            Table table = catalog.require(entry.getKey());
            Set<StoredKey> keys = seen.computeIfAbsent(table.name(), t -> new HashSet<>());
            for (WriteRequest write : entry.getValue()) {
                PlannedWrite planned;
                if (write.putRequest() != null) {
                    Map<String, AttributeValue> item = validItems.get(write);
                    table.validateItemKeys(item);
                    planned =
                            new PlannedWrite(entry.getKey(), table, table.keys().keyOf(item), item);
                } else {
                    planned = new PlannedWrite(
                            entry.getKey(),
                            table,
                            table.validateKey(write.deleteRequest().key()),
                            null);
                }
                if (!keys.add(table.storedKey(planned.key()))) {
                    throw validation("Provided list of item keys contains duplicates");
                }
                writes.add(planned);
            }
        }
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        Map<String, List<ItemCollectionMetrics>> collections = new LinkedHashMap<>();
        for (PlannedWrite write : writes) {
            ItemWrite.Outcome outcome =
                    ItemOperations.run(new ItemWrite(write.table(), write.key(), null, current -> write.item()), false);
            capacities
                    .computeIfAbsent(
                            write.requestedName(),
                            t -> Capacity.writes(write.table().definition()).as(t))
                    .addItemWrite(outcome.before(), outcome.after(), 1);
            ItemCollectionMetrics collection = Requests.collectionMetrics(write.table(), write.key(), metrics);
            if (collection != null) {
                collections
                        .computeIfAbsent(write.requestedName(), t -> new ArrayList<>())
                        .add(collection);
            }
        }
        BatchWriteItemResponse.Builder response = BatchWriteItemResponse.builder()
                .unprocessedItems(Map.of())
                .consumedCapacity(Capacity.toSdk(capacities.values(), capacityMode));
        if (!collections.isEmpty()) {
            response.itemCollectionMetrics(collections);
        }
        return response.build();
    }

    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        if (!request.hasRequestItems() || request.requestItems().isEmpty()) {
            throw validation(
                    "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        int total = request.requestItems().values().stream()
                .mapToInt(k -> k.hasKeys() ? k.keys().size() : 0)
                .sum();
        if (total > GET_LIMIT) {
            throw validation("Too many items requested for the BatchGetItem call");
        }
        Map<String, Projection> projections = new LinkedHashMap<>();
        for (Map.Entry<String, KeysAndAttributes> entry : request.requestItems().entrySet()) {
            KeysAndAttributes keys = entry.getValue();
            if (!keys.hasKeys() || keys.keys().isEmpty()) {
                throw validation(
                        "1 validation error detected: Value '[]' at 'requestItems." + entry.getKey()
                                + ".member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }
            projections.put(
                    entry.getKey(),
                    ItemOperations.readProjection(
                            keys.projectionExpression(),
                            keys.hasAttributesToGet() ? keys.attributesToGet() : null,
                            keys.expressionAttributeNames()));
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, List<Map<String, AttributeValue>>> validatedKeys = new LinkedHashMap<>();
        for (Map.Entry<String, KeysAndAttributes> entry : request.requestItems().entrySet()) {
            Table table = catalog.require(entry.getKey());
            Set<StoredKey> seen = new HashSet<>();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (Map<String, AttributeValue> key : entry.getValue().keys()) {
                Map<String, AttributeValue> checked = table.validateKey(key);
                if (!seen.add(table.storedKey(checked))) {
                    throw validation("Provided list of item keys contains duplicates");
                }
                keys.add(checked);
            }
            tables.put(entry.getKey(), table);
            validatedKeys.put(entry.getKey(), keys);
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        long responseBytes = 0;
        for (Map.Entry<String, List<Map<String, AttributeValue>>> entry : validatedKeys.entrySet()) {
            Table table = tables.get(entry.getKey());
            KeysAndAttributes asked = request.requestItems().get(entry.getKey());
            boolean consistent = Boolean.TRUE.equals(asked.consistentRead());
            Projection projection = projections.get(entry.getKey());
            List<Map<String, AttributeValue>> found = responses.computeIfAbsent(entry.getKey(), t -> new ArrayList<>());
            List<Map<String, AttributeValue>> left = new ArrayList<>();
            Capacity capacity = capacities.computeIfAbsent(
                    entry.getKey(), t -> Capacity.reads(table.definition()).as(entry.getKey()));
            table.lock().readLock().lock();
            try {
                for (Map<String, AttributeValue> key : entry.getValue()) {
                    if (responseBytes > RESPONSE_LIMIT) {
                        left.add(key);
                        continue;
                    }
                    Map<String, AttributeValue> item = table.get(key);
                    capacity.addTable(
                            Capacity.readUnits(item == null ? 0 : AttributeValues.itemSize(item), consistent));
                    if (item != null) {
                        Map<String, AttributeValue> returned = projection == null ? item : projection.apply(item);
                        responseBytes += AttributeValues.itemSize(returned);
                        found.add(returned);
                    }
                }
            } finally {
                table.lock().readLock().unlock();
            }
            if (!left.isEmpty()) {
                unprocessed.put(entry.getKey(), asked.toBuilder().keys(left).build());
            }
        }
        return BatchGetItemResponse.builder()
                .responses(responses)
                .unprocessedKeys(unprocessed)
                .consumedCapacity(Capacity.toSdk(capacities.values(), capacityMode))
                .build();
    }
}
