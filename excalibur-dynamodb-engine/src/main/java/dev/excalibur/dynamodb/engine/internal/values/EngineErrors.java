package dev.excalibur.dynamodb.engine.internal.values;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The service's errors as the engine throws them: SDK exceptions carrying the wire error code and
 * message, which the in-process bridge and the HTTP server write back as {@code __type} and
 * {@code message}. Internal to the engine.
 */
public final class EngineErrors {

    private EngineErrors() {}

    /** A 400 {@code ValidationException} with the service's message. */
    public static DynamoDbException validation(String message) {
        return error(400, "ValidationException", message);
    }

    /** A service error with the given HTTP status, {@code __type} code and message. */
    public static DynamoDbException error(int status, String code, String message) {
        return (DynamoDbException) DynamoDbException.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }
}
