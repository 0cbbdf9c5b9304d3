package dev.excalibur.cdc.dynamodb.processor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A started processor's threads, named after it (daemons): one for coordination, and per shard
 * worked at once one for its work and one for its checkpoint writes.
 */
final class ProcessorThreads {

    final ScheduledExecutorService coordination;
    final ExecutorService workers;
    final ExecutorService checkpoints;

    ProcessorThreads(String processor, int maxConcurrentShards) {
        coordination =
                Executors.newSingleThreadScheduledExecutor(threads("excalibur-cdc-" + processor + "-coordinator"));
        workers = Executors.newFixedThreadPool(maxConcurrentShards, threads("excalibur-cdc-" + processor + "-shard"));
        checkpoints = Executors.newFixedThreadPool(
                maxConcurrentShards, threads("excalibur-cdc-" + processor + "-checkpoint"));
    }

    /**
     * Shuts down coordination, then the workers, then the checkpoint writers, waiting for each: for
     * what runs to finish (up to 120 s each), or with {@code now} for it to be interrupted (up to 30 s).
     */
    void shutdown(boolean now) {
        shutdown(coordination, now);
        shutdown(workers, now);
        shutdown(checkpoints, now);
    }

    private static void shutdown(ExecutorService executor, boolean now) {
        if (now) {
            executor.shutdownNow();
        } else {
            executor.shutdown();
        }
        try {
            if (!executor.awaitTermination(now ? 30 : 120, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
