package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A subscriber that requests what the test asks for and records what arrives. */
final class RecordingSubscriber<T> implements Flow.Subscriber<ChangeFeedEvent<T>> {

    private final BlockingQueue<ChangeFeedEvent<T>> events = new LinkedBlockingQueue<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final long initialDemand;
    private volatile Flow.Subscription subscription;
    private volatile Throwable error;
    private volatile boolean completed;

    RecordingSubscriber(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscribed.countDown();
        if (initialDemand > 0) {
            subscription.request(initialDemand);
        }
    }

    @Override
    public void onNext(ChangeFeedEvent<T> item) {
        events.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        error = throwable;
        ended.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        ended.countDown();
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    /** The next {@code count} events, failing after {@code seconds} without them. */
    List<ChangeFeedEvent<T>> take(int count, int seconds) throws InterruptedException {
        List<ChangeFeedEvent<T>> taken = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (taken.size() < count) {
            ChangeFeedEvent<T> event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("got " + taken.size() + " of " + count + " events in " + seconds + " s"
                        + (error == null ? "" : "; the feed failed: " + error));
            }
            taken.add(event);
        }
        return taken;
    }

    /** Events that arrive within {@code millis}, without waiting for a number of them. */
    List<ChangeFeedEvent<T>> drain(long millis) throws InterruptedException {
        Thread.sleep(millis);
        List<ChangeFeedEvent<T>> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    /** The failure the feed ended with, waiting up to {@code seconds}; null if it did not fail. */
    Throwable awaitError(int seconds) throws InterruptedException {
        ended.await(seconds, TimeUnit.SECONDS);
        return error;
    }

    boolean awaitCompletion(int seconds) throws InterruptedException {
        return ended.await(seconds, TimeUnit.SECONDS) && completed;
    }
}
