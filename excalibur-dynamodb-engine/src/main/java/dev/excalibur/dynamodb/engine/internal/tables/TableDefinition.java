package dev.excalibur.dynamodb.engine.internal.tables;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableClass;

/**
 * The structure of one table as CreateTable and UpdateTable set it: identity, key schema, attribute definitions,
 * billing, secondary indexes, stream specification, deletion protection, and the table class and server-side
 * encryption settings, which the engine stores and echoes (it encrypts nothing). Immutable: UpdateTable replaces it.
 * Internal to the engine.
 */
public record TableDefinition(
        String name,
        String arn,
        String tableId,
        Instant created,
        KeySchema keys,
        List<AttributeDefinition> attributeDefinitions,
        BillingMode billingMode,
        Instant lastUpdateToPayPerRequest,
        long readCapacityUnits,
        long writeCapacityUnits,
        List<IndexDefinition> globalIndexes,
        List<IndexDefinition> localIndexes,
        StreamSpecification streamSpecification,
        String streamLabel,
        boolean deletionProtection,
        TableClass tableClass,
        SSESpecification sse) {

    public TableDefinition {
        attributeDefinitions = List.copyOf(attributeDefinitions);
        globalIndexes = List.copyOf(globalIndexes);
        localIndexes = List.copyOf(localIndexes);
    }

    /** The index called {@code indexName}, or null. */
    public IndexDefinition index(String indexName) {
        for (IndexDefinition index : globalIndexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        for (IndexDefinition index : localIndexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        return null;
    }

    /** Every secondary index, global ones first. */
    public List<IndexDefinition> indexes() {
        return java.util.stream.Stream.concat(globalIndexes.stream(), localIndexes.stream())
                .toList();
    }

    public boolean streamEnabled() {
        return streamSpecification != null && Boolean.TRUE.equals(streamSpecification.streamEnabled());
    }

    public String streamArn() {
        return streamLabel == null ? null : arn + "/stream/" + streamLabel;
    }

    public TableDefinition withIndexes(List<AttributeDefinition> definitions, List<IndexDefinition> global) {
        return copy(changes -> {
            changes.attributeDefinitions = definitions;
            changes.globalIndexes = global;
        });
    }

    public TableDefinition withBilling(BillingMode mode, Instant payPerRequestSince, long read, long write) {
        return copy(changes -> {
            changes.billingMode = mode;
            changes.lastUpdateToPayPerRequest = payPerRequestSince;
            changes.readCapacityUnits = read;
            changes.writeCapacityUnits = write;
        });
    }

    public TableDefinition withStream(StreamSpecification specification, String label) {
        return copy(changes -> {
            changes.streamSpecification = specification;
            changes.streamLabel = label;
        });
    }

    public TableDefinition withSettings(TableClass newClass, SSESpecification newSse) {
        return copy(changes -> {
            changes.tableClass = newClass;
            changes.sse = newSse;
        });
    }

    public TableDefinition withDeletionProtection(boolean enabled) {
        return copy(changes -> changes.deletionProtection = enabled);
    }

    /** This definition with what {@code change} sets; identity, creation time, key schema and local indexes stay. */
    private TableDefinition copy(Consumer<Changes> change) {
        Changes changes = new Changes(this);
        change.accept(changes);
        return new TableDefinition(
                name,
                arn,
                tableId,
                created,
                keys,
                changes.attributeDefinitions,
                changes.billingMode,
                changes.lastUpdateToPayPerRequest,
                changes.readCapacityUnits,
                changes.writeCapacityUnits,
                changes.globalIndexes,
                localIndexes,
                changes.streamSpecification,
                changes.streamLabel,
                changes.deletionProtection,
                changes.tableClass,
                changes.sse);
    }

    /** The parts UpdateTable may change, starting from a definition's values. */
    private static final class Changes {
        List<AttributeDefinition> attributeDefinitions;
        BillingMode billingMode;
        Instant lastUpdateToPayPerRequest;
        long readCapacityUnits;
        long writeCapacityUnits;
        List<IndexDefinition> globalIndexes;
        StreamSpecification streamSpecification;
        String streamLabel;
        boolean deletionProtection;
        TableClass tableClass;
        SSESpecification sse;

        Changes(TableDefinition from) {
            attributeDefinitions = from.attributeDefinitions;
            billingMode = from.billingMode;
            lastUpdateToPayPerRequest = from.lastUpdateToPayPerRequest;
            readCapacityUnits = from.readCapacityUnits;
            writeCapacityUnits = from.writeCapacityUnits;
            globalIndexes = from.globalIndexes;
            streamSpecification = from.streamSpecification;
            streamLabel = from.streamLabel;
            deletionProtection = from.deletionProtection;
            tableClass = from.tableClass;
            sse = from.sse;
        }
    }
}
