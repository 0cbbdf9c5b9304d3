package dev.excalibur.cdc.dynamodb.processor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Whether a processor runs, as its coordinator and shard workers see it, and how they end it on a
 * failure: the first failure is kept and handed on once, later ones are dropped.
 */
final class ProcessorRun {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final Consumer<Throwable> onFailure;
    private volatile boolean running;
    private volatile boolean aborted;

    /**
     * @param onFailure told about the first failure, to stop the processor
     */
    ProcessorRun(Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    void start() {
        running = true;
    }

    /** Ends the run: nothing new is read or taken; with {@code abort}, nothing more is written either. */
    void end(boolean abort) {
        if (abort) {
            aborted = true;
        }
        running = false;
        stopping.countDown();
    }

    /** True between {@link #start()} and the end of the run (a stop, an abort or a failure). */
    boolean running() {
        return running && !aborted;
    }

    /** True once the run was aborted. */
    boolean aborted() {
        return aborted;
    }

    /** Waits, returning early (false) when the run ends. */
    boolean pause(Duration duration) {
        try {
            return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the run on a failure; the first one is kept and handed on. */
    void fail(Throwable error) {
        if (failure.compareAndSet(null, error)) {
            running = false;
            onFailure.accept(error);
        }
    }

    /** The failure that ended the run, or null. */
    @Nullable
    Throwable failure() {
        return failure.get();
    }
}
