package dev.excalibur.data.cloudnative.changefeed;

import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * A started change feed: a publisher of the changes of one table, one subscriber at a time,
 * honouring its demand (no more changes are read than were requested). A subscriber that cancels
 * and a new one that subscribes later continue right after the last change delivered.
 *
 * <p>The publisher signals {@code onError} for a failure it cannot recover from (for example a
 * position older than the store's retention) and {@code onComplete} after {@link #close()}.
 *
 * @param <T> the document type
 */
public interface ChangeFeedSubscription<T> extends Flow.Publisher<ChangeFeedEvent<T>>, AutoCloseable {

    /** The subscription's id, unique per subscription. */
    String id();

    /** True until {@link #close()} or a failure ends the subscription. */
    boolean isActive();

    /**
     * The token that resumes right after the last change delivered (or at the start position, if
     * none was delivered yet); empty until the subscription knows the stream.
     */
    Optional<String> continuationToken();

    /** Stops reading; a current subscriber gets {@code onComplete}. Idempotent. */
    @Override
    void close();
}
