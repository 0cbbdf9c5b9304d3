package dev.excalibur.dynamodb.engine.internal.tables;

import java.time.Instant;
import java.util.List;
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
        return new TableDefinition(
                name,
                arn,
                tableId,
                created,
                keys,
                definitions,
                billingMode,
                lastUpdateToPayPerRequest,
                readCapacityUnits,
                writeCapacityUnits,
                global,
                localIndexes,
                streamSpecification,
                streamLabel,
                deletionProtection,
                tableClass,
                sse);
    }

    public TableDefinition withBilling(BillingMode mode, Instant payPerRequestSince, long read, long write) {
        return new TableDefinition(
                name,
                arn,
                tableId,
                created,
                keys,
                attributeDefinitions,
                mode,
                payPerRequestSince,
                read,
                write,
                globalIndexes,
                localIndexes,
                streamSpecification,
                streamLabel,
                deletionProtection,
                tableClass,
                sse);
    }

    public TableDefinition withStream(StreamSpecification specification, String label) {
        return new TableDefinition(
                name,
                arn,
                tableId,
                created,
                keys,
                attributeDefinitions,
                billingMode,
                lastUpdateToPayPerRequest,
                readCapacityUnits,
                writeCapacityUnits,
                globalIndexes,
                localIndexes,
                specification,
                label,
                deletionProtection,
                tableClass,
                sse);
    }

    public TableDefinition withSettings(TableClass newClass, SSESpecification newSse) {
        return new TableDefinition(
                name,
                arn,
                tableId,
                created,
                keys,
                attributeDefinitions,
                billingMode,
                lastUpdateToPayPerRequest,
                readCapacityUnits,
                writeCapacityUnits,
                globalIndexes,
                localIndexes,
                streamSpecification,
                streamLabel,
                deletionProtection,
                newClass,
                newSse);
    }

    public TableDefinition withDeletionProtection(boolean enabled) {
        return new TableDefinition(
                name,
                arn,
                tableId,
                created,
                keys,
                attributeDefinitions,
                billingMode,
                lastUpdateToPayPerRequest,
                readCapacityUnits,
                writeCapacityUnits,
                globalIndexes,
                localIndexes,
                streamSpecification,
                streamLabel,
                enabled,
                tableClass,
                sse);
    }
}
