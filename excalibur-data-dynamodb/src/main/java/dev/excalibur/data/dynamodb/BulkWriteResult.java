package dev.excalibur.data.dynamodb;

import java.util.List;

/**
 * The outcome of a bulk write: not atomic, so some writes may have failed while the rest were
 * applied.
 *
 * @param written       writes applied
 * @param failures      writes that failed after every retry, in the order given
 * @param requestCharge capacity units consumed
 */
public record BulkWriteResult(int written, List<BulkFailure> failures, double requestCharge) {

    public BulkWriteResult {
        failures = List.copyOf(failures);
    }

    /** True when every write was applied. */
    public boolean isComplete() {
        return failures.isEmpty();
    }
}
