package dev.excalibur.data.cloudnative;

import java.util.concurrent.CompletableFuture;

/** Capability: health of the provider and its store. */
public interface PersistenceProviderHealth {

    /** True while the provider is open and initialized; does not call the store. */
    boolean isAvailable();

    /**
     * Really calls the store (for DynamoDB: describes every configured table) and completes with
     * true when each is reachable and active, false otherwise. Never completes exceptionally.
     */
    CompletableFuture<Boolean> testConnection();
}
