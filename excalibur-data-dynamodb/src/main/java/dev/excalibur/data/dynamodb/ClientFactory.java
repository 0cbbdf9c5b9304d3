package dev.excalibur.data.dynamodb;

import dev.excalibur.dynamodb.internal.RetryPolicy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClientBuilder;

/**
 * Builds the SDK clients the provider owns. SDK retries are switched off: the provider's own
 * {@link RetryPolicy} retries, so attempts do not multiply.
 */
final class ClientFactory {

    /** Region used when only an endpoint (a local engine, say) is configured. */
    private static final Region ENDPOINT_ONLY_REGION = Region.US_EAST_1;

    private final DynamoDbOptions options;

    ClientFactory(DynamoDbOptions options) {
        this.options = options;
    }

    DynamoDbAsyncClient dynamoDb() {
        return configure(DynamoDbAsyncClient.builder()).build();
    }

    DynamoDbStreamsAsyncClient streams() {
        return configure(DynamoDbStreamsAsyncClient.builder()).build();
    }

    /** A Streams client with the region, endpoint and credentials of a caller's DynamoDB client. */
    static DynamoDbStreamsAsyncClient streamsLike(DynamoDbAsyncClient client) {
        DynamoDbServiceClientConfiguration configuration;
        try {
            configuration = client.serviceClientConfiguration();
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException(
                    "the pre-configured DynamoDB client does not expose its configuration;"
                            + " give the builder a streamsClient(...) as well",
                    e);
        }
        DynamoDbStreamsAsyncClientBuilder builder = DynamoDbStreamsAsyncClient.builder()
                .region(configuration.region())
                .credentialsProvider(configuration.credentialsProvider());
        configuration.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(options.region() != null ? Region.of(options.region()) : ENDPOINT_ONLY_REGION)
                .credentialsProvider(credentials())
                .overrideConfiguration(
                        c -> c.apiCallTimeout(options.requestTimeout()).retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (options.serviceUrl() != null) {
            builder.endpointOverride(options.serviceUrl());
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (options.accessKey() != null && !options.accessKey().isBlank()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(options.accessKey(), options.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
