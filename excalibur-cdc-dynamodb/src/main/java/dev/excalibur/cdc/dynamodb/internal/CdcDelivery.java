package dev.excalibur.cdc.dynamodb.internal;

import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcDeadLetterHandler;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.CdcProcessingException;
import dev.excalibur.data.InternalApi;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands changes to the user's handler the way every CDC runner does: per change in order (or per
 * batch), a failing call retried ({@code handlerAttempts}, the delay doubling from
 * {@code handlerRetryDelay}), then what the handler still fails on given to the dead-letter
 * handler, or processing stopped right before it.
 */
@InternalApi
public final class CdcDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(CdcDelivery.class);

    /**
     * How a delivery ended.
     *
     * @param handled the changes handled (or dead-lettered), from the first on
     * @param failure why processing must stop before the next change (the handler gave up on it
     *                and no dead-letter handler took it); null if all were handled, or if the
     *                runner is stopping anyway
     */
    public record Outcome(int handled, CdcProcessingException failure) {}

    private final String runner;
    private final CdcHandler handler;
    private final CdcBatchHandler batchHandler;
    private final CdcDeadLetterHandler deadLetterHandler;
    private final int attempts;
    private final Duration retryDelay;
    private final CdcMetrics metrics;

    /**
     * The delivery of changes to the handler of {@code settings}.
     *
     * @param runner  the runner's name, for logs and the failure
     * @param metrics told of handled changes and failed handler calls
     */
    public CdcDelivery(String runner, CdcRunnerSettings settings, CdcMetrics metrics) {
        this(
                runner,
                settings.handler(),
                settings.batchHandler(),
                settings.deadLetterHandler(),
                settings.handlerAttempts(),
                settings.handlerRetryDelay(),
                metrics);
    }

    private CdcDelivery(
            String runner,
            CdcHandler handler,
            CdcBatchHandler batchHandler,
            CdcDeadLetterHandler deadLetterHandler,
            int attempts,
            Duration retryDelay,
            CdcMetrics metrics) {
        this.runner = runner;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.deadLetterHandler = deadLetterHandler;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.metrics = metrics;
    }

    /**
     * A delivery that calls the handler (exactly one of {@code handler} and {@code batchHandler})
     * once per change or batch, without dead-letter handler or meters: for a runner whose caller
     * retries itself (Lambda retries from the first change not handled).
     */
    public static CdcDelivery singleAttempt(String runner, CdcHandler handler, CdcBatchHandler batchHandler) {
        return new CdcDelivery(runner, handler, batchHandler, null, 1, Duration.ZERO, new CdcMetrics(null, runner));
    }

    /**
     * Hands the changes of one read of one shard to the handler; the handled ones are counted in
     * the runner's metrics.
     *
     * @param stopping true once the runner stops (or loses the shard): no further change is
     *                 started, retry waits end, and a failure then stops nothing; a handler that
     *                 throws {@link InterruptedException} counts as stopping (the thread's interrupt
     *                 flag is set again). No changes: no handler call.
     */
    public Outcome deliver(String shardId, List<CdcChange> changes, BooleanSupplier stopping) {
        Outcome outcome = handOver(shardId, changes, stopping);
        metrics.handled(shardId, changes.subList(0, outcome.handled()));
        return outcome;
    }

    private Outcome handOver(String shardId, List<CdcChange> changes, BooleanSupplier stopping) {
        if (changes.isEmpty()) {
            return new Outcome(0, null);
        }
        if (batchHandler != null) {
            return handle(shardId, changes, () -> batchHandler.handle(changes), stopping);
        }
        for (int i = 0; i < changes.size(); i++) {
            if (stopping.getAsBoolean()) {
                return new Outcome(i, null);
            }
            CdcChange change = changes.get(i);
            Outcome outcome = handle(shardId, List.of(change), () -> handler.handle(change), stopping);
            if (outcome.handled() == 0) {
                return new Outcome(i, outcome.failure());
            }
        }
        return new Outcome(changes.size(), null);
    }

    /** One unit (a change, or a whole batch): all handled (or dead-lettered), or none. */
    private Outcome handle(String shardId, List<CdcChange> unit, HandlerCall call, BooleanSupplier stopping) {
        Exception error = attempt(shardId, call, stopping);
        if (error == null) {
            return new Outcome(unit.size(), null);
        }
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new Outcome(0, null);
        }
        if (stopping.getAsBoolean()) {
            return new Outcome(0, null);
        }
        if (deadLetterHandler != null) {
            try {
                deadLetterHandler.accept(unit, error);
                LOG.warn(
                        "CDC '{}': {} change(s) from shard {} handed to the dead-letter handler after {} attempt(s)",
                        runner,
                        unit.size(),
                        shardId,
                        attempts);
                return new Outcome(unit.size(), null);
            } catch (Exception deadLetterError) {
                error.addSuppressed(deadLetterError);
            }
        }
        return new Outcome(
                0, new CdcProcessingException(runner, shardId, unit.get(0).sequenceNumber(), attempts, error));
    }

    /** Calls up to the configured attempts, waiting between them; the last error, or null on success. */
    private Exception attempt(String shardId, HandlerCall call, BooleanSupplier stopping) {
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                call.run();
                return null;
            } catch (Exception e) {
                last = e;
                metrics.failed();
                LOG.warn(
                        "CDC '{}': handler failed on shard {} (attempt {} of {}): {}",
                        runner,
                        shardId,
                        attempt,
                        attempts,
                        e.toString());
                if (attempt < attempts && !pause(retryDelay.multipliedBy(1L << Math.min(attempt - 1, 10)), stopping)) {
                    return e;
                }
            }
        }
        return last;
    }

    /** Waits in steps of at most 100 ms; false (early) when the runner stops or the thread is interrupted. */
    private static boolean pause(Duration duration, BooleanSupplier stopping) {
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
