package dev.excalibur.dynamodb.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the provider's DynamoDB and DynamoDB Streams clients connect, and as whom. The auto-configuration's
 * own bean reads {@code excalibur.dynamodb.endpoint}, {@code region}, {@code access-key} and
 * {@code secret-key}; a bean of this type in the context (a test's, or a Testcontainers-style setup's)
 * replaces it, and those properties are then ignored. Neither is used when the context has a
 * {@code DynamoDbAsyncClient} bean or runs the embedded engine ({@code excalibur.dynamodb.embedded=true}).
 *
 * <p>Credentials are static keys, or the AWS SDK's default credentials chain when both are null: the
 * provider builds and owns its clients from these values (with its timeouts and retries). For another
 * credentials provider, define a {@code DynamoDbAsyncClient} bean instead. Values the provider refuses
 * (an endpoint that is not an absolute URI, neither region nor endpoint, one key without the other) fail
 * the start-up with one message listing them.
 */
public interface DynamoDbConnectionDetails extends ConnectionDetails {

    /**
     * The endpoint, for example {@code http://localhost:8000}; null for AWS's endpoint of {@link #getRegion()}.
     */
    @Nullable
    String getEndpoint();

    /** The AWS region, for example {@code eu-west-1}; may be null with an endpoint. */
    @Nullable
    String getRegion();

    /** The static access key; null (with {@link #getSecretKey()}) for the default credentials chain. */
    default @Nullable String getAccessKey() {
        return null;
    }

    /** The static secret key, with {@link #getAccessKey()}; never logged. */
    default @Nullable String getSecretKey() {
        return null;
    }
}
