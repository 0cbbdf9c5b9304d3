package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.PartitionKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One write of a bulk load ({@link DynamoDbPersistenceProvider#bulkWrite}): put a document (insert or
 * replace, with a new ETag) or delete one by id. Immutable.
 */
public final class BulkWrite {

    private final PartitionKey partitionKey;
    private final @Nullable Object document;
    private final @Nullable String documentId;

    private BulkWrite(PartitionKey partitionKey, @Nullable Object document, @Nullable String documentId) {
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey must not be null");
        this.document = document;
        this.documentId = documentId;
    }

    /** Puts the document (its {@code id} property is the id) into the partition. */
    public static BulkWrite put(PartitionKey partitionKey, Object document) {
        return new BulkWrite(partitionKey, Objects.requireNonNull(document, "document must not be null"), null);
    }

    /** Deletes the document with this id from the partition, if it is there. */
    public static BulkWrite delete(PartitionKey partitionKey, String documentId) {
        Items.requireId(documentId);
        return new BulkWrite(partitionKey, null, documentId);
    }

    /** The partition written. */
    public PartitionKey partitionKey() {
        return partitionKey;
    }

    /** The document put, or null for a delete. */
    public @Nullable Object document() {
        return document;
    }

    /** The id deleted, or null for a put. */
    public @Nullable String documentId() {
        return documentId;
    }
}
