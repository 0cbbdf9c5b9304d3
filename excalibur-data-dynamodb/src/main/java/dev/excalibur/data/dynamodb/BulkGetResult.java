package dev.excalibur.data.dynamodb;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a bulk read.
 *
 * @param documents     the documents found, by id, in the order the ids were given
 * @param missingIds    ids with no document
 * @param failures      ids that could not be read after every retry
 * @param requestCharge capacity units consumed
 * @param <T>           the document type
 */
public record BulkGetResult<T>(
        Map<String, T> documents, List<String> missingIds, List<BulkFailure> failures, double requestCharge) {

    public BulkGetResult {
        documents = Collections.unmodifiableMap(documents);
        missingIds = List.copyOf(missingIds);
        failures = List.copyOf(failures);
    }

    /** True when every id was read (found or missing). */
    public boolean isComplete() {
        return failures.isEmpty();
    }
}
