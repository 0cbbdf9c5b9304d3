package dev.excalibur.data.cloudnative.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of query results.
 *
 * @param documents         the documents of this page, in key order
 * @param requestCharge     capacity units the service consumed for this page
 * @param continuationToken opaque, URL-safe token for the next page, or null on the last page
 * @param <T>               the document type
 */
public record CloudQueryResult<T>(
        List<T> documents, double requestCharge, @Nullable String continuationToken) {

    public CloudQueryResult {
        documents = List.copyOf(documents);
    }

    /** True when another page may follow. */
    public boolean hasMoreResults() {
        return continuationToken != null;
    }
}
