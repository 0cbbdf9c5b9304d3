package dev.excalibur.dynamodb.engine.internal.tables;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The capacity units one request consumes on one table and its indexes, by the documented formulas: a read
 * costs one unit per 4 KB (rounded up) when strongly consistent, half that when eventually consistent, twice
 * that in a transaction; a write costs one unit per 1 KB (rounded up), twice that in a transaction; each index
 * entry written, replaced or removed costs its own write units. Internal to the engine.
 */
public final class Capacity {

    private static final double READ_UNIT = 4096;
    private static final double WRITE_UNIT = 1024;

    private final TableDefinition table;
    private final boolean write;
    private String label;
    private double tableUnits;
    private final Map<String, Double> globalIndexUnits = new LinkedHashMap<>();
    private final Map<String, Double> localIndexUnits = new LinkedHashMap<>();

    private Capacity(TableDefinition table, boolean write) {
        this.table = table;
        this.write = write;
        this.label = table.name();
    }

    /**
     * Names the table in the response as the request did: the service answers with the table's ARN when the request
     * gave the ARN.
     */
    public Capacity as(String requestedTableName) {
        this.label = requestedTableName;
        return this;
    }

    public static Capacity reads(TableDefinition table) {
        return new Capacity(table, false);
    }

    public static Capacity writes(TableDefinition table) {
        return new Capacity(table, true);
    }

    /** Read units for {@code bytes} read at once (at least one 4 KB unit). */
    public static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / READ_UNIT));
        return consistent ? units : units / 2;
    }

    /** Write units for an item of {@code bytes} (at least one 1 KB unit). */
    public static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / WRITE_UNIT));
    }

    public Capacity addTable(double units) {
        tableUnits += units;
        return this;
    }

    public Capacity addIndex(IndexDefinition index, double units) {
        (index.global() ? globalIndexUnits : localIndexUnits).merge(index.name(), units, Double::sum);
        return this;
    }

    /**
     * Adds the units of one item write: the item itself (the larger of its old and new size) and each index entry
     * it inserts, removes or changes (2 writes when an index key changes: the old entry is removed and the new added).
     */
    public Capacity addItemWrite(Map<String, AttributeValue> before, Map<String, AttributeValue> after, double factor) {
        long size = Math.max(
                before == null ? 0 : AttributeValues.itemSize(before),
                after == null ? 0 : AttributeValues.itemSize(after));
        addTable(writeUnits(size) * factor);
        for (IndexDefinition index : table.indexes()) {
            Map<String, AttributeValue> oldEntry = before == null ? null : index.entryOf(before, table.keys());
            Map<String, AttributeValue> newEntry = after == null ? null : index.entryOf(after, table.keys());
            double units = 0;
            if (oldEntry != null && newEntry != null) {
                if (!index.storedKey(oldEntry, table.keys()).equals(index.storedKey(newEntry, table.keys()))) {
                    units = writeUnits(AttributeValues.itemSize(oldEntry))
                            + writeUnits(AttributeValues.itemSize(newEntry));
                } else if (!Objects.equals(oldEntry, newEntry)) {
                    units = writeUnits(AttributeValues.itemSize(newEntry));
                }
            } else if (oldEntry != null) {
                units = writeUnits(AttributeValues.itemSize(oldEntry));
            } else if (newEntry != null) {
                units = writeUnits(AttributeValues.itemSize(newEntry));
            }
            if (units > 0) {
                addIndex(index, units * factor);
            }
        }
        return this;
    }

    /** Adds the units of {@code other} (same table) to this. */
    public Capacity merge(Capacity other) {
        tableUnits += other.tableUnits;
        other.globalIndexUnits.forEach((name, units) -> globalIndexUnits.merge(name, units, Double::sum));
        other.localIndexUnits.forEach((name, units) -> localIndexUnits.merge(name, units, Double::sum));
        return this;
    }

    /** The response's ConsumedCapacity for the requested mode, or null for NONE. */
    public ConsumedCapacity toSdk(ReturnConsumedCapacity mode) {
        if (mode == null || mode == ReturnConsumedCapacity.NONE) {
            return null;
        }
        double total = tableUnits
                + globalIndexUnits.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum()
                + localIndexUnits.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
        ConsumedCapacity.Builder capacity =
                ConsumedCapacity.builder().tableName(label).capacityUnits(total);
        if (write) {
            capacity.writeCapacityUnits(total);
        } else {
            capacity.readCapacityUnits(total);
        }
        if (mode == ReturnConsumedCapacity.INDEXES) {
            capacity.table(units(tableUnits));
            if (!globalIndexUnits.isEmpty()) {
                capacity.globalSecondaryIndexes(unitsByIndex(globalIndexUnits));
            }
            if (!localIndexUnits.isEmpty()) {
                capacity.localSecondaryIndexes(unitsByIndex(localIndexUnits));
            }
        }
        return capacity.build();
    }

    /** One ConsumedCapacity per table, for batch and transaction responses; null for NONE. */
    public static List<ConsumedCapacity> toSdk(Iterable<Capacity> capacities, ReturnConsumedCapacity mode) {
        if (mode == null || mode == ReturnConsumedCapacity.NONE) {
            return null;
        }
        List<ConsumedCapacity> list = new ArrayList<>();
        capacities.forEach(capacity -> list.add(capacity.toSdk(mode)));
        return list;
    }

    private Map<String, software.amazon.awssdk.services.dynamodb.model.Capacity> unitsByIndex(
            Map<String, Double> byIndex) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.Capacity> result = new LinkedHashMap<>();
        byIndex.forEach((name, units) -> result.put(name, units(units)));
        return result;
    }

    private software.amazon.awssdk.services.dynamodb.model.Capacity units(double units) {
        software.amazon.awssdk.services.dynamodb.model.Capacity.Builder capacity =
                software.amazon.awssdk.services.dynamodb.model.Capacity.builder()
                        .capacityUnits(units);
        return (write ? capacity.writeCapacityUnits(units) : capacity.readCapacityUnits(units)).build();
    }
}
