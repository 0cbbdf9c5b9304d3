package dev.excalibur.data.cloudnative.changefeed;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The change feed of a provider's tables. Obtained with
 * {@code provider.getService(CloudNativeChangeFeedOperations.class)}.
 */
public interface CloudNativeChangeFeedOperations {

    /**
     * A started subscription to the changes of a table; completes once the table's change stream
     * is known, exceptionally if the table does not exist or has no change stream.
     *
     * @param container the table (the provider's naming rules, such as a prefix, apply), or null
     *                  for the provider's own table
     * @param type      the document type new and old images are read as
     * @param options   where to start and how to read; null for {@link ChangeFeedOptions#defaults()}
     * @throws IllegalArgumentException if a continuation token is malformed, altered or not a
     *         change feed token
     */
    <T> CompletableFuture<ChangeFeedSubscription<T>> subscribe(
            @Nullable String container, Class<T> type, @Nullable ChangeFeedOptions options);
}
