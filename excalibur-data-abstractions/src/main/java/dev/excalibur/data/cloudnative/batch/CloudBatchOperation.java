package dev.excalibur.data.cloudnative.batch;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.query.Condition;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a transactional batch. Immutable; made by the static factories. Documents
 * carry their id in their {@code id} property; deletes, patches and condition checks name it.
 * An operation addresses the batch's partition unless {@link #inPartition(PartitionKey)} points it
 * elsewhere, and the provider's table unless {@link #inContainer(String)} names another one.
 */
public final class CloudBatchOperation {

    private final CloudBatchOperationType type;
    private final @Nullable Object document;
    private final @Nullable String documentId;
    private final @Nullable String etag;
    private final @Nullable CloudPatch patch;
    private final @Nullable Condition condition;
    private final @Nullable PartitionKey partitionKey;
    private final @Nullable String container;

    private CloudBatchOperation(
            CloudBatchOperationType type,
            @Nullable Object document,
            @Nullable String documentId,
            @Nullable String etag,
            @Nullable CloudPatch patch,
            @Nullable Condition condition,
            @Nullable PartitionKey partitionKey,
            @Nullable String container) {
        if (etag != null && etag.isBlank()) {
            throw new IllegalArgumentException("etag must be null (no check) or not blank");
        }
        this.type = type;
        this.document = document;
        this.documentId = documentId;
        this.etag = etag;
        this.patch = patch;
        this.condition = condition;
        this.partitionKey = partitionKey;
        this.container = container;
    }

    /** Inserts a document that must not exist yet (else the batch fails with 409 on it). */
    public static CloudBatchOperation create(Object document) {
        return new CloudBatchOperation(
                CloudBatchOperationType.CREATE, requireDocument(document), null, null, null, null, null, null);
    }

    /** Replaces a document that must exist (404), at the given ETag when not null (412). */
    public static CloudBatchOperation replace(Object document, @Nullable String etag) {
        return new CloudBatchOperation(
                CloudBatchOperationType.REPLACE, requireDocument(document), null, etag, null, null, null, null);
    }

    /** Inserts or replaces a document. */
    public static CloudBatchOperation upsert(Object document) {
        return new CloudBatchOperation(
                CloudBatchOperationType.UPSERT, requireDocument(document), null, null, null, null, null, null);
    }

    /** Deletes a document; without an ETag whether or not it exists, with one only at that ETag. */
    public static CloudBatchOperation delete(String documentId, @Nullable String etag) {
        return new CloudBatchOperation(
                CloudBatchOperationType.DELETE, null, requireId(documentId), etag, null, null, null, null);
    }

    /** Changes attributes of an existing document (404 if absent), at the given ETag when not null (412). */
    public static CloudBatchOperation patch(String documentId, CloudPatch patch, @Nullable String etag) {
        Objects.requireNonNull(patch, "patch must not be null");
        return new CloudBatchOperation(
                CloudBatchOperationType.PATCH, null, requireId(documentId), etag, patch, null, null, null);
    }

    /** Changes attributes of an existing document, as the callback describes them. */
    public static CloudBatchOperation patch(
            String documentId, Consumer<CloudPatch.Builder> patch, @Nullable String etag) {
        CloudPatch.Builder builder = CloudPatch.builder();
        patch.accept(builder);
        return patch(documentId, builder.build(), etag);
    }

    /** Requires the document to exist and to match the condition, without writing it. */
    public static CloudBatchOperation conditionCheck(String documentId, Condition condition) {
        Objects.requireNonNull(condition, "condition must not be null");
        return new CloudBatchOperation(
                CloudBatchOperationType.CONDITION_CHECK,
                null,
                requireId(documentId),
                null,
                null,
                condition,
                null,
                null);
    }

    /** Requires the document to exist, at the given ETag when not null, without writing it. */
    public static CloudBatchOperation conditionCheck(String documentId, @Nullable String etag) {
        return new CloudBatchOperation(
                CloudBatchOperationType.CONDITION_CHECK, null, requireId(documentId), etag, null, null, null, null);
    }

    /** This operation on a document of another partition. */
    public CloudBatchOperation inPartition(PartitionKey partitionKey) {
        Objects.requireNonNull(partitionKey, "partitionKey must not be null");
        return new CloudBatchOperation(type, document, documentId, etag, patch, condition, partitionKey, container);
    }

    /** This operation on another container (a table, for DynamoDB, named without the table prefix). */
    public CloudBatchOperation inContainer(String container) {
        if (container == null || container.isBlank()) {
            throw new IllegalArgumentException("container must not be null or blank");
        }
        return new CloudBatchOperation(type, document, documentId, etag, patch, condition, partitionKey, container);
    }

    /** What the operation does. */
    public CloudBatchOperationType type() {
        return type;
    }

    /** The document written by create, replace and upsert; null otherwise. */
    public @Nullable Object document() {
        return document;
    }

    /** The document id named by delete, patch and condition check; null for operations carrying a document. */
    public @Nullable String documentId() {
        return documentId;
    }

    /** The ETag the document must have, or null for no check. */
    public @Nullable String etag() {
        return etag;
    }

    /** The changes of a patch; null otherwise. */
    public @Nullable CloudPatch patch() {
        return patch;
    }

    /** The condition of a condition check, or null (the document must then just exist). */
    public @Nullable Condition condition() {
        return condition;
    }

    /** The partition this operation addresses, or null for the batch's. */
    public @Nullable PartitionKey partitionKey() {
        return partitionKey;
    }

    /** The container this operation addresses, or null for the provider's. */
    public @Nullable String container() {
        return container;
    }

    @Override
    public String toString() {
        return type + "["
                + (documentId != null ? documentId : document.getClass().getSimpleName())
                + (partitionKey == null ? "" : ", partition " + partitionKey.value())
                + (container == null ? "" : ", container " + container) + "]";
    }

    private static Object requireDocument(Object document) {
        return Objects.requireNonNull(document, "document must not be null");
    }

    private static String requireId(String documentId) {
        if (documentId == null || documentId.isBlank()) {
            throw new IllegalArgumentException("documentId must not be null or blank");
        }
        return documentId;
    }
}
