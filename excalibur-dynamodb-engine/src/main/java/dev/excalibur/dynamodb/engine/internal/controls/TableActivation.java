package dev.excalibur.dynamodb.engine.internal.controls;

import dev.excalibur.dynamodb.engine.internal.service.ModeledErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The optional creation delay of tables, for tests of code that polls for {@code ACTIVE}: for {@code delay}
 * of engine time after {@code CreateTable} answers, the table (and its global secondary indexes) is
 * {@code CREATING} in {@code CreateTable} and {@code DescribeTable}; reads and writes of it answer
 * {@code ResourceNotFoundException} "Requested resource not found" (AWS's guide: a table "too early in the
 * CREATING state"), and {@code DeleteTable} / {@code UpdateTable} answer {@code ResourceInUseException}.
 * With a zero delay (the default) it does nothing. Thread-safe. Internal to the engine.
 */
final class TableActivation {

    private static final Set<String> DATA_PLANE = Set.of(
            "GetItem",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "Query",
            "Scan",
            "BatchGetItem",
            "BatchWriteItem",
            "TransactGetItems",
            "TransactWriteItems");

    private final Clock clock;
    private final Duration delay;
    /** When each table still being created becomes ACTIVE; a table leaves once deleted or found active. */
    private final Map<String, Instant> activeAt = new ConcurrentHashMap<>();

    TableActivation(Clock clock, Duration delay) {
        this.clock = clock;
        this.delay = delay;
    }

    /** Whether new tables are CREATING for a while (a non-zero delay). */
    boolean delays() {
        return !delay.isZero();
    }

    /** Forgets every table being created. */
    void clear() {
        activeAt.clear();
    }

    /** Serves a request through {@code engine}, as the table statuses require. */
    SdkPojo serve(String operation, RequestView view, SdkPojo request, UnaryOperator<SdkPojo> engine) {
        if (!delays()) {
            return engine.apply(request);
        }
        String creating =
                view.tables().stream().filter(this::creating).findFirst().orElse(null);
        if (operation.equals("CreateTable")) {
            CreateTableResponse created = (CreateTableResponse) engine.apply(request);
            activeAt.put(created.tableDescription().tableName(), clock.instant().plus(delay));
            return created.toBuilder()
                    .tableDescription(creating(created.tableDescription()))
                    .build();
        }
        if (creating == null) {
            SdkPojo response = engine.apply(request);
            if (operation.equals("DeleteTable")) {
                view.tables().forEach(activeAt::remove);
            }
            return response;
        }
        if (operation.equals("DescribeTable")) {
            DescribeTableResponse described = (DescribeTableResponse) engine.apply(request);
            return described.toBuilder().table(creating(described.table())).build();
        }
        if (operation.equals("DeleteTable") || operation.equals("UpdateTable")) {
            // engine-surface.md 2.12 (dynalite): the service's wording for a change to a table being created
            throw ModeledErrors.resourceInUse(
                    "Attempt to change a resource which is still in use: Table is being created: " + creating);
        }
        if (DATA_PLANE.contains(operation)) {
            throw ModeledErrors.resourceNotFound("Requested resource not found");
        }
        return engine.apply(request);
    }

    /** Whether {@code table} is still being created; forgets it once it is not. */
    private boolean creating(String table) {
        Instant at = activeAt.get(table);
        if (at == null) {
            return false;
        }
        if (clock.instant().isBefore(at)) {
            return true;
        }
        activeAt.remove(table, at);
        return false;
    }

    private static TableDescription creating(TableDescription table) {
        TableDescription.Builder described = table.toBuilder().tableStatus(TableStatus.CREATING);
        if (table.hasGlobalSecondaryIndexes()) {
            described.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(index ->
                            index.toBuilder().indexStatus(IndexStatus.CREATING).build())
                    .toList());
        }
        return described.build();
    }
}
