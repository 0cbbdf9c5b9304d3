package dev.excalibur.data.cloudnative.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The publisher's protocol, over an in-memory page source (no store involved). */
class PagePublisherTest {

    private static final CloudQuery QUERY = CloudQuery.of(q -> q.partitionKey("p"));

    /** Pages by token: null -> "1" -> "2" -> "3" -> end; page "1" is empty. */
    private static final Map<String, CloudQueryResult<String>> PAGES = Map.of(
            "first", new CloudQueryResult<>(List.of("a", "b"), 1, "1"),
            "1", new CloudQueryResult<>(List.of(), 1, "2"),
            "2", new CloudQueryResult<>(List.of("c"), 1, "3"),
            "3", new CloudQueryResult<>(List.of("d"), 1, null));

    private final AtomicInteger reads = new AtomicInteger();

    private CompletableFuture<CloudQueryResult<String>> read(CloudQuery query) {
        reads.incrementAndGet();
        String token = query.continuationToken() == null ? "first" : query.continuationToken();
        return CompletableFuture.completedFuture(PAGES.get(token));
    }

    @Test
    void readsOnlyOnDemandAndSkipsEmptyPages() {
        Recorder recorder = new Recorder();
        new PagePublisher<>(QUERY, this::read).subscribe(recorder);

        assertThat(reads.get()).isZero();
        recorder.subscription.request(1);
        assertThat(recorder.items).containsExactly(List.of("a", "b"));
        assertThat(reads.get()).isEqualTo(1);

        recorder.subscription.request(1);
        assertThat(recorder.items).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(reads.get()).isEqualTo(3);
        assertThat(recorder.completed).isFalse();

        recorder.subscription.request(5);
        assertThat(recorder.items).hasSize(3);
        assertThat(recorder.completed).isTrue();
        assertThat(reads.get()).isEqualTo(4);
    }

    @Test
    void failureOfAReadEndsWithOnError() {
        Recorder recorder = new Recorder();
        IllegalStateException boom = new IllegalStateException("boom");
        new PagePublisher<String>(QUERY, q -> CompletableFuture.failedFuture(boom)).subscribe(recorder);

        recorder.subscription.request(1);

        assertThat(recorder.error).isSameAs(boom);
        assertThat(recorder.items).isEmpty();
    }

    @Test
    void nonPositiveRequestIsAProtocolError() {
        Recorder recorder = new Recorder();
        new PagePublisher<>(QUERY, this::read).subscribe(recorder);

        recorder.subscription.request(0);

        assertThat(recorder.error).isInstanceOf(IllegalArgumentException.class);
        assertThat(reads.get()).isZero();
    }

    @Test
    void cancelStopsFurtherReads() {
        Recorder recorder = new Recorder();
        new PagePublisher<>(QUERY, this::read).subscribe(recorder);
        recorder.subscription.request(1);

        recorder.subscription.cancel();
        recorder.subscription.request(10);

        assertThat(reads.get()).isEqualTo(1);
        assertThat(recorder.completed).isFalse();
    }

    private static final class Recorder implements Flow.Subscriber<CloudQueryResult<String>> {
        Flow.Subscription subscription;
        final List<List<String>> items = new ArrayList<>();
        boolean completed;
        Throwable error;

        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        public void onNext(CloudQueryResult<String> page) {
            items.add(page.documents());
        }

        public void onError(Throwable t) {
            error = t;
        }

        public void onComplete() {
            completed = true;
        }
    }
}
