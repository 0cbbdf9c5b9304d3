package dev.excalibur.dynamodb.engine.internal.tables;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * One table: its definition, its items in key order, an entry map per secondary index kept in step with every
 * write (indexes are maintained synchronously), the settings stored beside it (TTL, point-in-time recovery,
 * tags), and the checks of keys against the schema.
 *
 * <p>Concurrency: one read/write lock per table. Reads (GetItem, Query, Scan, batch and transactional gets)
 * hold the read lock, writes hold the write lock for the whole read-check-write of an item, so conditional
 * writes are linearizable and a Query or Scan page never sees part of a write. A transaction holds the write
 * locks of all its tables, taken in the order of {@link #order()}, so no reader sees part of it and two
 * transactions cannot deadlock. The storage methods below expect the caller to hold the matching lock.
 * Internal to the engine.
 */
public final class Table {

    private static final long HASH_KEY_LIMIT = 2048;
    private static final long RANGE_KEY_LIMIT = 1024;

    private final long order;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<StoredKey, Map<String, AttributeValue>> items = new TreeMap<>();
    private final Map<String, TreeMap<StoredKey, Map<String, AttributeValue>>> indexEntries = new HashMap<>();
    private final Map<String, Long> indexSizes = new HashMap<>();
    private volatile TableDefinition definition;
    private long sizeBytes;
    private volatile boolean deleted;
    private volatile TimeToLiveDescription timeToLive = TimeToLiveDescription.builder()
            .timeToLiveStatus(TimeToLiveStatus.DISABLED)
            .build();
    private volatile boolean pointInTimeRecovery;
    private final Map<String, String> tags = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile ItemChangeListener changes = ItemChangeListener.NONE;

    public Table(TableDefinition definition, long order) {
        this.definition = definition;
        this.order = order;
        for (IndexDefinition index : definition.indexes()) {
            indexEntries.put(index.name(), new TreeMap<>());
            indexSizes.put(index.name(), 0L);
        }
    }

    /** The position of this table in the global lock order (creation order: unique, never reused). */
    public long order() {
        return order;
    }

    public ReentrantReadWriteLock lock() {
        return lock;
    }

    public TableDefinition definition() {
        return definition;
    }

    public void redefine(TableDefinition changed) {
        this.definition = changed;
    }

    public String name() {
        return definition.name();
    }

    public KeySchema keys() {
        return definition.keys();
    }

    public boolean deleted() {
        return deleted;
    }

    public void markDeleted() {
        deleted = true;
    }

    public TimeToLiveDescription timeToLive() {
        return timeToLive;
    }

    public void timeToLive(TimeToLiveDescription description) {
        this.timeToLive = description;
    }

    public boolean pointInTimeRecovery() {
        return pointInTimeRecovery;
    }

    public void pointInTimeRecovery(boolean enabled) {
        this.pointInTimeRecovery = enabled;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** Who is told of the table's item changes (its stream); writers call it under the write lock. */
    public ItemChangeListener changes() {
        return changes;
    }

    public void changes(ItemChangeListener listener) {
        this.changes = listener;
    }

    // ---- statistics (caller holds a lock)

    public long itemCount() {
        return items.size();
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public long indexItemCount(String indexName) {
        TreeMap<StoredKey, Map<String, AttributeValue>> entries = indexEntries.get(indexName);
        return entries == null ? 0 : entries.size();
    }

    public long indexSizeBytes(String indexName) {
        return indexSizes.getOrDefault(indexName, 0L);
    }

    /**
     * The size of the item collection of partition key value {@code hash}: its items and their local secondary
     * index entries (the collection LSIs limit to 10 GB).
     */
    public long collectionSizeBytes(AttributeValue hash) {
        long size = partitionSize(items, hash);
        for (IndexDefinition index : definition.localIndexes()) {
            size += partitionSize(indexEntries.get(index.name()), hash);
        }
        return size;
    }

    private static long partitionSize(
            NavigableMap<StoredKey, Map<String, AttributeValue>> entries, AttributeValue hash) {
        return entries
                .subMap(StoredKey.bound(List.of(hash), false), true, StoredKey.bound(List.of(hash), true), true)
                .values()
                .stream()
                .mapToLong(AttributeValues::itemSize)
                .sum();
    }

    // ---- storage (caller holds the read lock to read, the write lock to write)

    /** Items in storage order: partitions by token, then sort key. */
    public NavigableMap<StoredKey, Map<String, AttributeValue>> items() {
        return items;
    }

    /** The entries of an index in storage order. */
    public NavigableMap<StoredKey, Map<String, AttributeValue>> indexEntries(String indexName) {
        return indexEntries.get(indexName);
    }

    public StoredKey storedKey(Map<String, AttributeValue> keyOrItem) {
        List<AttributeValue> parts = new ArrayList<>(2);
        for (String keyName : keys().names()) {
            parts.add(keyOrItem.get(keyName));
        }
        return StoredKey.of(parts);
    }

    /** The item with this (validated) key, or null. */
    public Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        return items.get(storedKey(key));
    }

    /** Stores {@code item} (validated) in place of the item with its key; returns the replaced item or null. */
    public Map<String, AttributeValue> put(Map<String, AttributeValue> item) {
        // an immutable map of the JDK: about a third of the memory of a LinkedHashMap for a typical item
        // (DynamoDB does not order an item's attributes, and neither does the engine)
        Map<String, AttributeValue> stored = Map.copyOf(item);
        Map<String, AttributeValue> old = items.put(storedKey(stored), stored);
        if (old != null) {
            sizeBytes -= AttributeValues.itemSize(old);
            unindex(old);
        }
        sizeBytes += AttributeValues.itemSize(stored);
        index(stored);
        return old;
    }

    /** Removes the item with this (validated) key; returns it or null. */
    public Map<String, AttributeValue> delete(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> old = items.remove(storedKey(key));
        if (old != null) {
            sizeBytes -= AttributeValues.itemSize(old);
            unindex(old);
        }
        return old;
    }

    /**
     * Adds a global index and backfills it from the items already stored (write lock held); items whose index key
     * attributes have another type than the index declares stay out of it.
     */
    public void addIndex(IndexDefinition index) {
        indexEntries.put(index.name(), new TreeMap<>());
        indexSizes.put(index.name(), 0L);
        for (Map<String, AttributeValue> item : items.values()) {
            boolean typed = index.keys().names().stream()
                    .allMatch(name -> !item.containsKey(name)
                            || hasType(item.get(name), index.keys().typeOf(name)));
            if (typed) {
                indexOne(index, item);
            }
        }
    }

    public void removeIndex(String indexName) {
        indexEntries.remove(indexName);
        indexSizes.remove(indexName);
    }

    private void index(Map<String, AttributeValue> item) {
        for (IndexDefinition index : definition.indexes()) {
            indexOne(index, item);
        }
    }

    private void indexOne(IndexDefinition index, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> entry = index.entryOf(item, keys());
        if (entry != null) {
            indexEntries.get(index.name()).put(index.storedKey(entry, keys()), entry);
            indexSizes.merge(index.name(), AttributeValues.itemSize(entry), Long::sum);
        }
    }

    private void unindex(Map<String, AttributeValue> item) {
        for (IndexDefinition index : definition.indexes()) {
            Map<String, AttributeValue> entry = index.entryOf(item, keys());
            if (entry != null && indexEntries.get(index.name()).remove(index.storedKey(entry, keys())) != null) {
                indexSizes.merge(index.name(), -AttributeValues.itemSize(entry), Long::sum);
            }
        }
    }

    // ---- key checks

    /**
     * Checks a request's {@code Key} against the table's key schema and returns it with numbers canonical:
     * exactly the key attributes, of the declared types, non-empty, within the key size limits.
     */
    public Map<String, AttributeValue> validateKey(Map<String, AttributeValue> key) {
        return validateKey(key, keys(), "The provided key element does not match the schema");
    }

    /** {@link #validateKey(Map)} against any key schema, with the message for a key that does not fit it. */
    public static Map<String, AttributeValue> validateKey(
            Map<String, AttributeValue> key, KeySchema schema, String mismatch) {
        if (key == null || key.size() != schema.names().size()) {
            throw validation(mismatch);
        }
        Map<String, AttributeValue> checked = new LinkedHashMap<>();
        for (String keyName : schema.names()) {
            AttributeValue value = key.get(keyName);
            if (value == null) {
                throw validation(mismatch);
            }
            value = AttributeValues.validate(value, keyName);
            if (!hasType(value, schema.typeOf(keyName))) {
                throw validation(mismatch);
            }
            checkKeyValue(keyName, value, schema);
            checked.put(keyName, value);
        }
        return checked;
    }

    /**
     * Checks the key attributes of a whole item given to PutItem (or a transaction's or batch's Put), and the
     * types of the item's secondary-index key attributes; returns nothing, throws the service's message.
     */
    public void validateItemKeys(Map<String, AttributeValue> item) {
        KeySchema schema = keys();
        for (String keyName : schema.names()) {
            AttributeValue value = item.get(keyName);
            if (value == null) {
                throw validation(
                        "One or more parameter values were invalid: Missing the key " + keyName + " in the item");
            }
            if (!hasType(value, schema.typeOf(keyName))) {
                throw validation("One or more parameter values were invalid: Type mismatch for key " + keyName
                        + " expected: " + schema.typeOf(keyName) + " actual: " + AttributeValues.typeName(value));
            }
            checkKeyValue(keyName, value, schema);
        }
        validateIndexKeys(item);
    }

    /** Checks that every secondary-index key attribute the item holds has the index's declared type and is not empty. */
    public void validateIndexKeys(Map<String, AttributeValue> item) {
        for (IndexDefinition index : definition.indexes()) {
            for (String keyName : index.keys().names()) {
                AttributeValue value = item.get(keyName);
                if (value == null || keys().typeOf(keyName) != null) {
                    continue;
                }
                ScalarAttributeType expected = index.keys().typeOf(keyName);
                if (!hasType(value, expected)) {
                    throw validation("One or more parameter values were invalid: Type mismatch for Index Key " + keyName
                            + " Expected: " + expected + " Actual: " + AttributeValues.typeName(value)
                            + " IndexName: " + index.name());
                }
                if (isEmpty(value)) {
                    throw validation(
                            "One or more parameter values are not valid. A value specified for a secondary index key "
                                    + "is not supported. The AttributeValue for a key attribute cannot contain an empty "
                                    + (value.s() != null ? "string" : "binary") + " value. IndexName: " + index.name()
                                    + ", IndexKey: " + keyName);
                }
            }
        }
    }

    private static void checkKeyValue(String keyName, AttributeValue value, KeySchema schema) {
        if (isEmpty(value)) {
            throw validation(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
                            + (value.s() != null ? "string" : "binary") + " value. Key: " + keyName);
        }
        long size = keySize(value);
        if (keyName.equals(schema.hashName()) && size > HASH_KEY_LIMIT) {
            throw validation(
                    "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (keyName.equals(schema.rangeName()) && size > RANGE_KEY_LIMIT) {
            throw validation(
                    "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }

    private static boolean isEmpty(AttributeValue value) {
        return (value.s() != null && value.s().isEmpty())
                || (value.b() != null && value.b().asByteArray().length == 0);
    }

    private static long keySize(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        return value.b() != null ? value.b().asByteArray().length : AttributeValues.size(value);
    }

    /** True when {@code value} is a scalar of the declared key type. */
    public static boolean hasType(AttributeValue value, ScalarAttributeType type) {
        return switch (type) {
            case S -> value.s() != null;
            case N -> value.n() != null;
            case B -> value.b() != null;
            default -> false;
        };
    }
}
