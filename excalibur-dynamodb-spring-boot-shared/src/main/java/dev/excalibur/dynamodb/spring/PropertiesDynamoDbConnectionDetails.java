package dev.excalibur.dynamodb.spring;

import org.jspecify.annotations.Nullable;

/** The connection of {@code excalibur.dynamodb.endpoint}, {@code region}, {@code access-key} and {@code secret-key}. */
final class PropertiesDynamoDbConnectionDetails implements DynamoDbConnectionDetails {

    private final ExcaliburDynamoDbProperties properties;

    PropertiesDynamoDbConnectionDetails(ExcaliburDynamoDbProperties properties) {
        this.properties = properties;
    }

    @Override
    public @Nullable String getEndpoint() {
        return properties.getEndpoint();
    }

    @Override
    public @Nullable String getRegion() {
        return properties.getRegion();
    }

    @Override
    public @Nullable String getAccessKey() {
        return properties.getAccessKey();
    }

    @Override
    public @Nullable String getSecretKey() {
        return properties.getSecretKey();
    }
}
