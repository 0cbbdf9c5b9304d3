package dev.excalibur.dynamodb.spring;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;

/** Adjusts the provider's builder after the properties are applied: for what properties cannot say. */
@FunctionalInterface
public interface DynamoDbProviderCustomizer {

    /** Changes the builder (options, Jackson mapper, clients, registries). */
    void customize(DynamoDbPersistenceProvider.Builder builder);
}
