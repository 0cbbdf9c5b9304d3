package dev.excalibur.data.cloudnative.query;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Publishes the pages of a query, each read only on demand, one read in flight at a time. Each
 * subscriber gets its own run from the first query's token.
 */
final class PagePublisher<T> implements Flow.Publisher<CloudQueryResult<T>> {

    private final CloudQuery first;
    private final Function<CloudQuery, CompletableFuture<CloudQueryResult<T>>> read;

    PagePublisher(CloudQuery first, Function<CloudQuery, CompletableFuture<CloudQueryResult<T>>> read) {
        this.first = Objects.requireNonNull(first, "query must not be null");
        this.read = read;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super CloudQueryResult<T>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        subscriber.onSubscribe(new PageSubscription(subscriber));
    }

    private final class PageSubscription implements Flow.Subscription {
        private final Flow.Subscriber<? super CloudQueryResult<T>> subscriber;
        private @Nullable CloudQuery next = first;
        private long demand;
        private boolean reading;
        private boolean done;

        PageSubscription(Flow.Subscriber<? super CloudQueryResult<T>> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("request(n) needs n > 0, got " + n));
                return;
            }
            boolean start;
            synchronized (this) {
                if (done) {
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                start = !reading;
                reading = true;
            }
            if (start) {
                readNext();
            }
        }

        @Override
        public synchronized void cancel() {
            done = true;
        }

        private void readNext() {
            CloudQuery query;
            synchronized (this) {
                if (done) {
                    return;
                }
                query = next;
            }
            CompletableFuture<CloudQueryResult<T>> page;
            try {
                page = read.apply(query);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            page.whenComplete((result, error) -> {
                if (error != null) {
                    fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                } else {
                    deliver(query, result);
                }
            });
        }

        private void deliver(CloudQuery query, CloudQueryResult<T> result) {
            CloudQuery following =
                    result.hasMoreResults() ? query.withContinuationToken(result.continuationToken()) : null;
            boolean publish = !result.documents().isEmpty();
            synchronized (this) {
                if (done) {
                    return;
                }
                next = following;
                if (publish) {
                    demand--;
                }
            }
            if (publish) {
                subscriber.onNext(result);
            }
            boolean complete;
            boolean more;
            synchronized (this) {
                if (done) {
                    return;
                }
                complete = next == null;
                more = !complete && demand > 0;
                reading = more;
                done = complete;
            }
            if (complete) {
                subscriber.onComplete();
            } else if (more) {
                readNext();
            }
        }

        private void fail(Throwable error) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            subscriber.onError(error);
        }
    }
}
