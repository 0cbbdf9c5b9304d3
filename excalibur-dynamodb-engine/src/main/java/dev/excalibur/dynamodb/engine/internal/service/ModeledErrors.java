package dev.excalibur.dynamodb.engine.internal.service;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The service's modeled errors (those with their own SDK exception class and, for some, modeled fields) as the
 * engine throws them: status 400, the wire error code and the message in {@link AwsErrorDetails}. Plain
 * validation errors come from {@code EngineErrors}. Internal to the engine.
 */
public final class ModeledErrors {

    private ModeledErrors() {}

    public static ResourceNotFoundException resourceNotFound(String message) {
        return ResourceNotFoundException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("ResourceNotFoundException", message))
                .build();
    }

    public static ResourceInUseException resourceInUse(String message) {
        return ResourceInUseException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("ResourceInUseException", message))
                .build();
    }

    /** "The conditional request failed", carrying {@code item} when it is not null (ALL_OLD on an existing item). */
    public static ConditionalCheckFailedException conditionalCheckFailed(Map<String, AttributeValue> item) {
        String message = "The conditional request failed";
        ConditionalCheckFailedException.Builder builder = ConditionalCheckFailedException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("ConditionalCheckFailedException", message));
        if (item != null) {
            builder.item(item);
        }
        return builder.build();
    }

    /** The cancellation of a transaction, with one reason per action; the message lists the reason codes. */
    public static TransactionCanceledException transactionCanceled(List<CancellationReason> reasons) {
        String message = "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(CancellationReason::code).collect(Collectors.joining(", ", "[", "]"));
        return TransactionCanceledException.builder()
                .message(message)
                .cancellationReasons(reasons)
                .statusCode(400)
                .awsErrorDetails(details("TransactionCanceledException", message))
                .build();
    }

    // Documentation is silent on the message; this is the wording the service's error is known by.
    public static IdempotentParameterMismatchException idempotentParameterMismatch() {
        String message =
                "Specified idempotent token was used with different request parameters within the idempotency window";
        return IdempotentParameterMismatchException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("IdempotentParameterMismatchException", message))
                .build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }
}
