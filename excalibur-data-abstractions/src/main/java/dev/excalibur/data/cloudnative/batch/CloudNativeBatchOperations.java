package dev.excalibur.data.cloudnative.batch;

import dev.excalibur.data.cloudnative.PartitionKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Transactional batches: every operation applies, or none does. Obtained with
 * {@code provider.getService(CloudNativeBatchOperations.class)}.
 *
 * <p>A batch the store cannot take (too many operations, too large, two operations on one
 * document, a document too large) is refused with {@link IllegalArgumentException} before any
 * call, naming the limit and the operation's index. A batch that the store cancels completes with
 * {@code success == false} and one result per operation: the cause (404, 409 or 412) on the
 * operations that failed, 424 on the others. An empty batch succeeds without a call.
 */
public interface CloudNativeBatchOperations {

    /** Runs the operations in the partition (operations may point elsewhere themselves). */
    default CompletableFuture<CloudBatchResult> executeBatch(
            @Nullable PartitionKey partitionKey, List<CloudBatchOperation> operations) {
        return executeBatch(partitionKey, operations, null);
    }

    /**
     * Runs the operations in the partition with an idempotency token: the same batch sent again
     * with the same token (within the store's idempotency window) applies only once.
     *
     * @param partitionKey     the partition of operations that do not name their own; null when all do
     * @param idempotencyToken 1 to 36 characters, or null for a token of the provider's own (which
     *                         still makes the provider's own retries idempotent)
     */
    CompletableFuture<CloudBatchResult> executeBatch(
            @Nullable PartitionKey partitionKey,
            List<CloudBatchOperation> operations,
            @Nullable String idempotencyToken);

    /**
     * Runs operations that may span partitions and containers; every operation names its
     * partition with {@link CloudBatchOperation#inPartition}.
     */
    default CompletableFuture<CloudBatchResult> executeBatch(
            List<CloudBatchOperation> operations, @Nullable String idempotencyToken) {
        return executeBatch(null, operations, idempotencyToken);
    }
}
