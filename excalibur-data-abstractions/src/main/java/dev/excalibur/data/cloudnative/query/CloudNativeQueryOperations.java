package dev.excalibur.data.cloudnative.query;

import dev.excalibur.data.internal.Futures;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Queries of one partition, page by page, with continuation tokens. Obtained with
 * {@code provider.getService(CloudNativeQueryOperations.class)}.
 *
 * <p>A page may be empty and still have a continuation token (the store stopped reading at its
 * page limit before finding a match): keep following tokens, or use {@link #queryAll} or
 * {@link #pages}, which do.
 */
public interface CloudNativeQueryOperations {

    /**
     * One page of documents. Completes with the documents in sort-key order and the token of the
     * next page (null on the last page).
     *
     * @throws IllegalArgumentException for a query the store cannot run (for example a
     *         strongly consistent read of a global index) or a token that does not belong to it
     */
    <T> CompletableFuture<CloudQueryResult<T>> query(CloudQuery query, Class<T> type);

    /** One page of documents of the query the callback builds. */
    default <T> CompletableFuture<CloudQueryResult<T>> query(Consumer<CloudQuery.Builder> query, Class<T> type) {
        return query(CloudQuery.of(query), type);
    }

    /**
     * The number of documents matching the query (its filter included), from its continuation
     * token on, counted by the store across every page.
     */
    CompletableFuture<Long> count(CloudQuery query);

    /**
     * Every document of the query, from its continuation token on, as a lazy stream: a page is
     * read only when the stream needs it, by blocking on it. Infrastructure failures are thrown by
     * the stream's terminal operation as the provider's exception.
     */
    default <T> Stream<T> queryAll(CloudQuery query, Class<T> type) {
        Iterator<T> documents = new Iterator<>() {
            private @Nullable CloudQuery next = query;
            private Iterator<T> page = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && next != null) {
                    CloudQueryResult<T> result = Futures.join(query(next, type));
                    page = result.documents().iterator();
                    next = result.hasMoreResults() ? next.withContinuationToken(result.continuationToken()) : null;
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(documents, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Every page of the query, from its continuation token on, published with back-pressure: the
     * next page is requested from the store only when the subscriber has demand. Empty pages that
     * carry a token are followed, not published.
     */
    default <T> Flow.Publisher<CloudQueryResult<T>> pages(CloudQuery query, Class<T> type) {
        return new PagePublisher<>(query, q -> query(q, type));
    }
}
