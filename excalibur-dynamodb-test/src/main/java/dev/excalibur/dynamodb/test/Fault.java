package dev.excalibur.dynamodb.test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A service error that a {@link FaultInjector} answers instead of DynamoDB: the same exception
 * type, status code, error code and message the SDK produces when the real service sends it; or,
 * with {@link #ioError}, a connection that fails before any answer. Immutable.
 */
public final class Fault {

    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.dynamodb.model.";

    private final int statusCode;
    private final @Nullable String errorCode;
    private final String message;
    private final List<CancellationReason> cancellationReasons;
    private final boolean ioError;

    private Fault(
            int statusCode, @Nullable String errorCode, String message, List<CancellationReason> cancellationReasons) {
        this(statusCode, errorCode, message, cancellationReasons, false);
    }

    private Fault(
            int statusCode,
            @Nullable String errorCode,
            String message,
            List<CancellationReason> cancellationReasons,
            boolean ioError) {
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.message = message;
        this.cancellationReasons = cancellationReasons;
        this.ioError = ioError;
    }

    /** 400 {@code ProvisionedThroughputExceededException}: the table's throughput was exceeded. */
    public static Fault throttling() {
        return of(
                400,
                "ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded.");
    }

    /** 500 {@code InternalServerError}. */
    public static Fault serverError() {
        return of(500, "InternalServerError", "Internal server error");
    }

    /**
     * 400 {@code TransactionCanceledException} with one cancellation reason {@code TransactionConflict},
     * which is what DynamoDB answers when another transaction holds the item.
     */
    public static Fault transactionConflict() {
        return new Fault(
                400,
                "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
                List.of(CancellationReason.builder()
                        .code("TransactionConflict")
                        .message("Transaction is ongoing for the item")
                        .build()));
    }

    /** 400 {@code ValidationException} with the given message; never worth retrying. */
    public static Fault validation(String message) {
        return of(400, "ValidationException", message);
    }

    /**
     * A connection failure with no answer (reset, refused, closed mid-request): the SDK's
     * {@link SdkClientException} whose cause is an {@link IOException} with the given message, as
     * the SDK reports a network error. Such a fault has no status code ({@link #statusCode()} is 0)
     * and no error code ({@link #errorCode()} is null). With
     * {@link FaultInjector#failNextAfterDelivery} it is the connection that drops after the engine
     * applied the request.
     */
    public static Fault ioError(String message) {
        return new Fault(0, null, Objects.requireNonNull(message, "message"), List.of(), true);
    }

    /**
     * Any service error. The exception is the SDK's typed one when the error code names one
     * ({@code ResourceNotFoundException}, {@code InternalServerError}, ...), else {@link DynamoDbException}.
     */
    public static Fault of(int statusCode, String errorCode, String message) {
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode must be 400-599, was " + statusCode);
        }
        if (Objects.requireNonNull(errorCode, "errorCode").isBlank()) {
            throw new IllegalArgumentException("errorCode must not be blank");
        }
        return new Fault(statusCode, errorCode, Objects.requireNonNull(message, "message"), List.of());
    }

    /** The HTTP status code; 0 for an {@link #ioError}. */
    public int statusCode() {
        return statusCode;
    }

    /** The DynamoDB error code, such as {@code ProvisionedThroughputExceededException}; null for an {@link #ioError}. */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** The error message. */
    public String message() {
        return message;
    }

    /** The exception the SDK would throw for this error. */
    SdkException toException() {
        if (ioError) {
            return SdkClientException.builder()
                    .message("Unable to execute HTTP request: " + message + " (injected fault)")
                    .cause(new IOException(message))
                    .build();
        }
        DynamoDbException.Builder builder = typedBuilder();
        if (!cancellationReasons.isEmpty() && builder instanceof TransactionCanceledException.Builder canceled) {
            canceled.cancellationReasons(cancellationReasons);
        }
        builder.statusCode(statusCode)
                .message(message + " (Service: DynamoDb, Status Code: " + statusCode + ", injected fault)")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(errorCode)
                        .errorMessage(message)
                        .serviceName("DynamoDb")
                        .build());
        return (DynamoDbException) builder.build();
    }

    private DynamoDbException.Builder typedBuilder() {
        for (String name : List.of(errorCode, errorCode + "Exception")) {
            try {
                Class<?> type = Class.forName(MODEL_PACKAGE + name);
                if (DynamoDbException.class.isAssignableFrom(type)) {
                    return (DynamoDbException.Builder) type.getMethod("builder").invoke(null);
                }
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                // not a modeled error: try the next name, then the generic exception
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return DynamoDbException.builder();
    }

    @Override
    public String toString() {
        if (ioError) {
            return "Fault[I/O error: " + message + "]";
        }
        return "Fault[" + statusCode + " " + errorCode + ": " + message + "]";
    }
}
