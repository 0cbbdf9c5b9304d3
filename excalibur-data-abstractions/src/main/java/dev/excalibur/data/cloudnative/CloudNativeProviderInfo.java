package dev.excalibur.data.cloudnative;

/** Capability: what the provider's store is and what it supports. */
public interface CloudNativeProviderInfo {

    /** The cloud service behind the provider. */
    CloudProviderType cloudProvider();

    /** Whether the store offers a change feed (DynamoDB Streams for DynamoDB). */
    boolean supportsChangeFeed();

    /** Whether the store can accept writes in several regions (DynamoDB global tables). */
    boolean supportsMultiRegionWrites();
}
