package dev.excalibur.data.cloudnative;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one document operation. Expected outcomes (not found, conflict, stale ETag) are
 * results; infrastructure failures and bad input are exceptions.
 *
 * @param success       whether the operation did what was asked
 * @param statusCode    HTTP-style status: 200 success, 400 refused by the store, 404 not found, 409 conflict,
 *                      412 precondition failed, 424 not applied because another batch operation failed,
 *                      429 throttled
 * @param requestCharge capacity units the service consumed (0 when it reported none)
 * @param etag          the document's current ETag after the operation, or null when there is none
 * @param errorMessage  why the operation did not succeed, or null
 * @param document      the document read or written, or null
 * @param <T>           the document type
 */
public record CloudOperationResult<T>(
        boolean success,
        int statusCode,
        double requestCharge,
        @Nullable String etag,
        @Nullable String errorMessage,
        @Nullable T document) {

    /** Status of a successful operation. */
    public static final int OK = 200;
    /** Status when the addressed document does not exist. */
    public static final int NOT_FOUND = 404;
    /** Status when a create finds the document already there. */
    public static final int CONFLICT = 409;
    /** Status when the supplied ETag no longer matches (or a condition check is not met). */
    public static final int PRECONDITION_FAILED = 412;
    /** Status when the store refused the operation as invalid. */
    public static final int BAD_REQUEST = 400;
    /** Status of a batch operation left unapplied because another operation of the batch failed. */
    public static final int FAILED_DEPENDENCY = 424;
    /** Status when the store throttled the operation and retries ran out. */
    public static final int TOO_MANY_REQUESTS = 429;

    /** A successful result. */
    public static <T> CloudOperationResult<T> ok(double requestCharge, @Nullable String etag, @Nullable T document) {
        return new CloudOperationResult<>(true, OK, requestCharge, etag, null, document);
    }

    /** A failed result with the given status and message. */
    public static <T> CloudOperationResult<T> failure(int statusCode, double requestCharge, String errorMessage) {
        return new CloudOperationResult<>(false, statusCode, requestCharge, null, errorMessage, null);
    }

    /** True when the operation failed because the ETag did not match (412). */
    public boolean isConcurrencyConflict() {
        return statusCode == PRECONDITION_FAILED;
    }

    /** True when the addressed document does not exist (404). */
    public boolean isNotFound() {
        return statusCode == NOT_FOUND;
    }

    /** True when a create found the document already present, or a transaction conflicted (409). */
    public boolean isConflict() {
        return statusCode == CONFLICT;
    }

    /** The document, if the result carries one. */
    public Optional<T> findDocument() {
        return Optional.ofNullable(document);
    }
}
