package dev.excalibur.dynamodb.engine.internal.streams;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/** The DynamoDB Streams errors the engine answers, with the service's codes and messages. Internal to the engine. */
final class StreamErrors {

    private StreamErrors() {}

    /** An unknown (or deleted and past retention) stream; the service's wording as its answers quote it. */
    static ResourceNotFoundException streamNotFound(String streamArn) {
        String message = "Requested resource not found: Stream: " + streamArn + " not found";
        return ResourceNotFoundException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("ResourceNotFoundException", message))
                .build();
    }

    /** A shard the stream never had, or one that left it after retention; the service's wording as its answers quote it. */
    static ResourceNotFoundException shardNotFound() {
        String message = "Requested resource not found: Shard does not exist";
        return ResourceNotFoundException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("ResourceNotFoundException", message))
                .build();
    }

    /** The message the API model documents for the error's message member. */
    static ExpiredIteratorException expiredIterator() {
        String message = "The provided iterator exceeds the maximum age allowed.";
        return ExpiredIteratorException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("ExpiredIteratorException", message))
                .build();
    }

    /** The message the API model documents for the error's message member. */
    static TrimmedDataAccessException trimmed() {
        String message = "The data you are trying to access has been trimmed.";
        return TrimmedDataAccessException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("TrimmedDataAccessException", message))
                .build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }
}
