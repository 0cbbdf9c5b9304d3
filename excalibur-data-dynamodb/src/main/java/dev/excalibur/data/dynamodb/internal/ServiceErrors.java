package dev.excalibur.data.dynamodb.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceException;
import dev.excalibur.data.dynamodb.TableNotFoundException;
import dev.excalibur.data.internal.Futures;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Turns SDK failures into the provider's own exceptions. */
@InternalApi
public final class ServiceErrors {

    private ServiceErrors() {}

    /**
     * The provider exception for a failure to make {@code table} ready: a missing table becomes
     * {@link TableNotFoundException} naming the option that creates it, an unusable one
     * (other keys, no index, never ACTIVE) {@link DynamoDbPersistenceException}.
     */
    public static RuntimeException provisioning(String table, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof ResourceNotFoundException) {
            return new TableNotFoundException(
                    "initialize", table, cause.getMessage() + ", or enable createTablesIfMissing", cause);
        }
        if (cause instanceof IllegalStateException) {
            return new DynamoDbPersistenceException("initialize", 0, null, cause.getMessage(), cause);
        }
        return translate("initialize", table, cause);
    }

    /** The provider exception for a failure of {@code operation} on {@code table}. */
    public static RuntimeException translate(String operation, String table, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof DynamoDbPersistenceException
                || cause instanceof IllegalArgumentException
                || cause instanceof IllegalStateException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof ResourceNotFoundException) {
            return new TableNotFoundException(operation, table, cause);
        }
        if (cause instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) cause;
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null
                    ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            return new DynamoDbPersistenceException(
                    operation,
                    service.statusCode(),
                    code,
                    operation + " on table '" + table + "' failed: " + (code == null ? "" : code + ": ") + message,
                    cause);
        }
        return new DynamoDbPersistenceException(
                operation, 0, null, operation + " on table '" + table + "' failed: " + cause, cause);
    }
}
