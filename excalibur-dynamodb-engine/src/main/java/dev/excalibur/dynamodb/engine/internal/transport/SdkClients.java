package dev.excalibur.dynamodb.engine.internal.transport;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;

/**
 * How the engine's SDK clients are set up, in-process or over HTTP: the engine's region, fixed
 * credentials (the engine does not authenticate), the given endpoint, and SDK retries off so that
 * every error the engine answers reaches the caller as answered. Internal to the engine.
 */
public final class SdkClients {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("excalibur", "excalibur"));

    private SdkClients() {}

    /** Sets region, credentials, endpoint and the no-retry strategy on {@code builder}; returns it. */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, Region region) {
        return builder.region(region)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
}
