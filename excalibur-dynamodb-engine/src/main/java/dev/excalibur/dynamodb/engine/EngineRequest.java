package dev.excalibur.dynamodb.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request the engine answered, as its request log keeps it ({@link DynamoDbEngine#requests()}).
 *
 * @param time       when it was answered, on the engine clock
 * @param operation  the operation name from {@code X-Amz-Target} without the API prefix ({@code "PutItem"},
 *                   {@code "GetRecords"}); the whole header for a target of neither API; null when it had none
 * @param tables     the tables it names (by {@code TableName}, a batch's {@code RequestItems}, a transaction's
 *                   actions, a stream ARN), in request order without repeats; empty when it names none or could
 *                   not be read
 * @param statusCode the HTTP status of the answer
 * @param errorCode  the error code of the answer ({@code "ValidationException"}, {@code "InternalServerError"}),
 *                   null for a success
 * @param requestId  the answer's {@code x-amzn-RequestId}
 */
public record EngineRequest(
        Instant time,
        @Nullable String operation,
        List<String> tables,
        int statusCode,
        @Nullable String errorCode,
        String requestId) {

    /** Copies {@code tables}; {@code time} and {@code tables} must not be null. */
    public EngineRequest {
        Objects.requireNonNull(time, "time");
        tables = List.copyOf(tables);
    }

    /** Whether the answer was a success (HTTP 200). */
    public boolean succeeded() {
        return statusCode == 200;
    }
}
