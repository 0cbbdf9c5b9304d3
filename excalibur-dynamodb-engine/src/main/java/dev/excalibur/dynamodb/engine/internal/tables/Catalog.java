package dev.excalibur.dynamodb.engine.internal.tables;

import dev.excalibur.dynamodb.engine.internal.service.ModeledErrors;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tables of one engine (one region, one account), by name. Wherever a request names a table it may give
 * the table's ARN instead ({@code arn:aws:dynamodb:<region>:<account>:table/<name>}), as the service accepts.
 * Internal to the engine.
 */
public final class Catalog {

    private static final String MISSING = "Requested resource not found";

    private final ConcurrentMap<String, Table> tables = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final String arnPrefix;

    public Catalog(String region, String accountId) {
        this.arnPrefix = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/";
    }

    public String arnOf(String tableName) {
        return arnPrefix + tableName;
    }

    /** The table name a request's TableName (a name or this engine's table ARN) designates. */
    public String nameOf(String nameOrArn) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            return nameOrArn.startsWith(arnPrefix) ? nameOrArn.substring(arnPrefix.length()) : null;
        }
        return nameOrArn;
    }

    /** The table, or {@code ResourceNotFoundException} "Requested resource not found" (the data-plane wording). */
    public Table require(String nameOrArn) {
        Table table = find(nameOrArn);
        if (table == null) {
            throw ModeledErrors.resourceNotFound(MISSING);
        }
        return table;
    }

    /** The table, or {@code ResourceNotFoundException} "Requested resource not found: Table: &lt;name&gt; not found". */
    public Table requireDescribed(String nameOrArn) {
        Table table = find(nameOrArn);
        if (table == null) {
            throw ModeledErrors.resourceNotFound(MISSING + ": Table: " + nameOrArn + " not found");
        }
        return table;
    }

    public Table find(String nameOrArn) {
        String tableName = nameOf(nameOrArn);
        return tableName == null ? null : tables.get(tableName);
    }

    /** Adds a table; false when one with that name exists. */
    public boolean add(TableDefinition definition) {
        return tables.putIfAbsent(definition.name(), new Table(definition, created.incrementAndGet())) == null;
    }

    public void remove(Table table) {
        tables.remove(table.name(), table);
    }

    /** Drops every table. */
    public void clear() {
        tables.clear();
    }

    /** The table names in ascending order. */
    public List<String> names() {
        return tables.keySet().stream().sorted().toList();
    }
}
