package dev.excalibur.dynamodb.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.internal.Futures;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Retries transient DynamoDB and DynamoDB Streams failures (throttling, 5xx, transaction
 * conflicts, a transaction with the same idempotency token still in progress, I/O errors) with
 * full-jitter exponential backoff; never validation or condition failures. Shared by the provider,
 * its change feed and the CDC processor.
 */
@InternalApi
public final class RetryPolicy {

    /** Up to 5 retries, backing off from 50 ms to 2 s: for callers without retry settings of their own. */
    public static final RetryPolicy STANDARD = new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(2));

    private final int maxRetries;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    private final Runnable onRetry;

    /**
     * @param maxRetries how often a failed call is repeated (0 = never)
     * @param baseDelay  the first backoff ceiling; doubled per retry
     * @param maxDelay   the largest backoff ceiling
     */
    public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
        this(maxRetries, baseDelay, maxDelay, () -> {});
    }

    /** As {@link #RetryPolicy(int, Duration, Duration)}, telling {@code onRetry} of every retry (for metrics). */
    public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Runnable onRetry) {
        this.maxRetries = maxRetries;
        this.baseDelayMillis = baseDelay.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
        this.onRetry = onRetry;
    }

    /** Runs the call, retrying it while it fails transiently and attempts remain. */
    public <R> CompletableFuture<R> execute(Supplier<CompletableFuture<R>> call) {
        CompletableFuture<R> result = new CompletableFuture<>();
        execute(call, (value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /**
     * As {@link #execute(Supplier)}, handing the outcome to {@code done} instead of a future (for a
     * caller that completes a future of its own with it): the value and null, or null and the last
     * attempt's failure, unwrapped. {@code done} is called once, on the thread that completed the
     * last attempt (or the caller's, when the call throws).
     */
    public <R> void execute(Supplier<CompletableFuture<R>> call, BiConsumer<? super R, ? super Throwable> done) {
        attempt(call, 0, done);
    }

    private <R> void attempt(
            Supplier<CompletableFuture<R>> call, int retry, BiConsumer<? super R, ? super Throwable> done) {
        CompletableFuture<R> attempt;
        try {
            attempt = call.get();
        } catch (RuntimeException e) {
            done.accept(null, e);
            return;
        }
        attempt.whenComplete((value, error) -> {
            if (error == null) {
                done.accept(value, null);
                return;
            }
            Throwable cause = Futures.unwrap(error);
            if (retry < maxRetries && isRetryable(cause)) {
                onRetry.run();
                CompletableFuture.delayedExecutor(backoffMillis(retry), TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(call, retry + 1, done));
            } else {
                done.accept(null, cause);
            }
        });
    }

    public long backoffMillis(int retry) {
        long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(retry, 30));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** True for a failure worth repeating the call for. */
    public static boolean isRetryable(Throwable error) {
        if (error instanceof TransactionCanceledException) {
            TransactionCanceledException canceled = (TransactionCanceledException) error;
            return canceled.hasCancellationReasons()
                    && canceled.cancellationReasons().stream()
                            .map(CancellationReason::code)
                            .anyMatch(code -> "TransactionConflict".equals(code) || "ThrottlingError".equals(code));
        }
        if (error instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) error;
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            return service.isThrottlingException()
                    || service.statusCode() >= 500
                    || "TransactionConflictException".equals(code)
                    || "TransactionInProgressException".equals(code)
                    || "RequestLimitExceeded".equals(code)
                    || "LimitExceededException".equals(code);
        }
        return error instanceof SdkClientException && error.getCause() instanceof IOException;
    }
}
