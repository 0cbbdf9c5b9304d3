package dev.excalibur.data.cloudnative.batch;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a transactional batch: all operations applied, or none.
 *
 * @param success          whether every operation was applied
 * @param requestCharge    capacity units the service consumed
 * @param operationResults one result per operation, in the order given
 * @param errorMessage     why the batch was refused, or null
 */
public record CloudBatchResult(
        boolean success,
        double requestCharge,
        List<CloudOperationResult<Void>> operationResults,
        @Nullable String errorMessage) {

    public CloudBatchResult {
        operationResults = List.copyOf(operationResults);
    }

    /**
     * The index of the first operation that caused the batch to fail (not merely left unapplied,
     * status 424), if any.
     */
    public OptionalInt firstFailureIndex() {
        for (int i = 0; i < operationResults.size(); i++) {
            CloudOperationResult<Void> result = operationResults.get(i);
            if (!result.success() && result.statusCode() != CloudOperationResult.FAILED_DEPENDENCY) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
