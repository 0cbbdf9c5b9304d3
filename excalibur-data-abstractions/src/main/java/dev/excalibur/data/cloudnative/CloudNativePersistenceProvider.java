package dev.excalibur.data.cloudnative;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A cloud-native document store addressed by partition key and document id, with optimistic
 * concurrency through ETags. Optional capabilities (provider info, health, and later query, batch
 * and change feed) are discovered with {@link #getService(Class)}.
 *
 * <p>Every operation is asynchronous. Invalid arguments are rejected synchronously, before any call
 * to the store. A returned future fails only for infrastructure problems, with the provider's own
 * exception type as its direct cause.
 */
public interface CloudNativePersistenceProvider extends AutoCloseable {

    /** The provider's configured name. */
    String name();

    /** Always {@code "CloudNative"}. */
    default String providerType() {
        return "CloudNative";
    }

    /** The kind of document store, for example {@code "DynamoDB"}. */
    String documentStoreType();

    /**
     * The capability of the given type, if this provider offers it.
     *
     * @throws NullPointerException if {@code capability} is null
     */
    <S> Optional<S> getService(Class<S> capability);

    /**
     * Reads one document. Completes with a 200 result carrying the document and its ETag, or a
     * 404 result when there is no such document.
     *
     * @param id           the document id (not blank)
     * @param partitionKey the partition (not null)
     * @param consistency  requested consistency, or null for the provider's default
     * @param type         the document class
     */
    <T> CompletableFuture<CloudOperationResult<T>> getById(
            String id, PartitionKey partitionKey, @Nullable ConsistencyOptions consistency, Class<T> type);

    /**
     * Creates a document whose id is taken from its {@code id} (or {@code Id}) property.
     * Completes with 200 and the new ETag, or 409 when the document already exists.
     */
    <T> CompletableFuture<CloudOperationResult<T>> create(T document, PartitionKey partitionKey);

    /**
     * Replaces an existing document. With a non-null {@code etag} the replace only happens if the
     * stored ETag still matches. Completes with 200 and the new ETag, 404 when the document does
     * not exist, or 412 when the ETag no longer matches (the stored document is left unchanged).
     */
    <T> CompletableFuture<CloudOperationResult<T>> update(T document, PartitionKey partitionKey, @Nullable String etag);

    /**
     * Deletes a document. Without an ETag the delete is idempotent (200 even if nothing was
     * there); with one it completes with 404 when the document does not exist and 412 when the
     * ETag no longer matches.
     */
    CompletableFuture<CloudOperationResult<Void>> delete(String id, PartitionKey partitionKey, @Nullable String etag);

    /** Releases what the provider owns. Idempotent; afterwards every operation fails with {@link IllegalStateException}. */
    @Override
    void close();
}
