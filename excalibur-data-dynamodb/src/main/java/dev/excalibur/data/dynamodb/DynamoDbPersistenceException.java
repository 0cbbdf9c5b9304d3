package dev.excalibur.data.dynamodb;

import org.jspecify.annotations.Nullable;

/**
 * DynamoDB could not do what was asked, for a reason that is not an expected outcome (not found,
 * conflict and stale ETag are results): the service refused the request, retries ran out, or the
 * table is missing or misconfigured.
 */
public class DynamoDbPersistenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int statusCode;
    private final @Nullable String errorCode;

    /**
     * @param operation  the provider operation, such as {@code "create"}
     * @param statusCode the HTTP status of the service's answer, or 0 when there was none
     * @param errorCode  the service's error code, or null
     * @param message    what went wrong
     * @param cause      the underlying failure, or null
     */
    public DynamoDbPersistenceException(
            String operation, int statusCode, @Nullable String errorCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** The provider operation that failed. */
    public String operation() {
        return operation;
    }

    /** The HTTP status of the service's answer, or 0 when there was none. */
    public int statusCode() {
        return statusCode;
    }

    /** The service's error code (for example {@code ValidationException}), or null. */
    public @Nullable String errorCode() {
        return errorCode;
    }
}
