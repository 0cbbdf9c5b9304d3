package dev.excalibur.cdc.dynamodb.kcl;

import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcDeadLetterHandler;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Hands changes to the user's handler with bounded retries and exponential backoff, as
 * {@code CdcProcessor} does: a change (or batch) the handler still fails on after the last attempt
 * goes to the dead-letter handler if there is one, else delivery stops before it.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    /** How a delivery ended: the changes handled from the first, and the failure that stops the worker (or null). */
    record Outcome(int handled, RuntimeException failure) {
    }

    private final String worker;
    private final CdcHandler handler;
    private final CdcBatchHandler batchHandler;
    private final CdcDeadLetterHandler deadLetterHandler;
    private final int attempts;
    private final Duration retryDelay;
    private final BooleanSupplier stopping;

    Delivery(String worker, CdcHandler handler, CdcBatchHandler batchHandler, CdcDeadLetterHandler deadLetterHandler,
             int attempts, Duration retryDelay, BooleanSupplier stopping) {
        this.worker = worker;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.deadLetterHandler = deadLetterHandler;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.stopping = stopping;
    }

    Outcome deliver(List<CdcChange> changes) {
        if (batchHandler != null) {
            return handle(changes, () -> batchHandler.handle(changes));
        }
        for (int i = 0; i < changes.size(); i++) {
            CdcChange change = changes.get(i);
            Outcome outcome = handle(List.of(change), () -> handler.handle(change));
            if (outcome.handled() == 0) {
                return new Outcome(i, outcome.failure());
            }
        }
        return new Outcome(changes.size(), null);
    }

    /**
     * One unit (a change, or a whole batch): all handled (or dead-lettered), or none, with the
     * failure that stops the worker (null if the worker is stopping anyway).
     */
    private Outcome handle(List<CdcChange> unit, HandlerCall call) {
        Exception error = attempt(call);
        if (error == null) {
            return new Outcome(unit.size(), null);
        }
        if (stopping.getAsBoolean() || error instanceof InterruptedException) {
            return new Outcome(0, null);
        }
        if (deadLetterHandler != null) {
            try {
                deadLetterHandler.accept(unit, error);
                LOG.warn("KCL CDC worker '{}': {} change(s) from shard {} handed to the dead-letter handler after {} attempt(s)",
                        worker, unit.size(), unit.get(0).shardId(), attempts);
                return new Outcome(unit.size(), null);
            } catch (Exception deadLetterError) {
                error.addSuppressed(deadLetterError);
            }
        }
        CdcChange first = unit.get(0);
        return new Outcome(0, new IllegalStateException("KCL CDC worker '" + worker + "' stopped: the handler failed "
                + attempts + " time(s) on shard " + first.shardId() + " at sequence number " + first.sequenceNumber()
                + "; the checkpoint stays before it", error));
    }

    /** Calls up to the configured attempts, waiting between them; the last error, or null on success. */
    private Exception attempt(HandlerCall call) {
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                call.run();
                return null;
            } catch (Exception e) {
                last = e;
                LOG.warn("KCL CDC worker '{}': handler failed (attempt {} of {}): {}", worker, attempt, attempts, e.toString());
                if (attempt < attempts && !pause(retryDelay.multipliedBy(1L << Math.min(attempt - 1, 10)))) {
                    return e;
                }
            }
        }
        return last;
    }

    /** Waits in short steps; false (early) when the worker stops or the thread is interrupted. */
    private boolean pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        try {
            while (!stopping.getAsBoolean()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 100)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @FunctionalInterface
    private interface HandlerCall {
        void run() throws Exception;
    }
}
