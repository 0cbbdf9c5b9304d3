package dev.excalibur.data.cloudnative;

import java.util.concurrent.CompletableFuture;

/** Capability: health of the provider and its store. */
public interface PersistenceProviderHealth {

    /** True while the provider is open and initialized; does not call the store. */
    boolean isAvailable();

    /**
     * Really calls the store and completes with true when the provider's own storage is reachable
     * and ready, false otherwise (for DynamoDB: the provider's table is checked, or created when the
     * provider creates tables, and is ACTIVE). Other storage, such as a snapshot or grant store's
     * table, is not checked. Never completes exceptionally; false once the provider is closed.
     */
    CompletableFuture<Boolean> testConnection();
}
