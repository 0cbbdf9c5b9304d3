package dev.excalibur.data.dynamodb.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.internal.Futures;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The one way the provider and its stores call DynamoDB on a table: wait until the table is
 * ready, send the request with retries, observe the operation (a timer per operation and
 * outcome), and turn an unexpected failure into the provider's exception. An expected failure (a
 * failed condition, a cancelled transaction) becomes a result instead. Failures are not logged
 * here: the caller sees each one as a failed future.
 */
@InternalApi
public final class Calls {

    /** Observes one operation from its start to its outcome (see the provider's metrics). */
    public interface Observer {
        /** Runs {@code work} inside an observation of {@code operation} that ends with its outcome. */
        <O> CompletableFuture<O> observe(String operation, Supplier<CompletableFuture<O>> work);
    }

    private final DynamoDbAsyncClient client;
    private final String table;
    private final Supplier<? extends CompletableFuture<?>> ready;
    private final RetryPolicy retry;
    private final Observer observer;

    /**
     * @param client   the client requests are sent with
     * @param table    the table the calls address, named in errors
     * @param ready    completes once the table is ready; called before every request
     * @param retry    the retry policy for each request
     * @param observer observes each operation
     */
    public Calls(
            DynamoDbAsyncClient client,
            String table,
            Supplier<? extends CompletableFuture<?>> ready,
            RetryPolicy retry,
            Observer observer) {
        this.client = client;
        this.table = table;
        this.ready = ready;
        this.retry = retry;
        this.observer = observer;
    }

    /** The client requests are sent with. */
    public DynamoDbAsyncClient client() {
        return client;
    }

    /** The table the calls address. */
    public String table() {
        return table;
    }

    /** The retry policy requests run with. */
    public RetryPolicy retry() {
        return retry;
    }

    /**
     * One observed operation of one request: {@link #step} inside {@link #observe}.
     *
     * @param onExpectedFailure maps a failure the operation expects to a result, and returns null
     *                          for any other failure; null when no failure is expected
     */
    public <R, O> CompletableFuture<O> call(
            String operation,
            Supplier<CompletableFuture<R>> request,
            Function<R, O> onSuccess,
            Function<Throwable, O> onExpectedFailure) {
        return observe(operation, () -> step(operation, request, onSuccess, onExpectedFailure));
    }

    /** Observes an operation made of several steps (pages, batches) as one. */
    public <O> CompletableFuture<O> observe(String operation, Supplier<CompletableFuture<O>> work) {
        return observer.observe(operation, work);
    }

    /**
     * One request of an operation, not observed by itself: once the table is ready, sent with
     * retries; the response goes through {@code onSuccess}, an expected failure through
     * {@code onExpectedFailure}, any other failure (or a mapping that throws) fails the future
     * with the provider's exception for {@code operation}.
     */
    public <R, O> CompletableFuture<O> step(
            String operation,
            Supplier<CompletableFuture<R>> request,
            Function<R, O> onSuccess,
            Function<Throwable, O> onExpectedFailure) {
        CompletableFuture<O> result = new CompletableFuture<>();
        BiConsumer<R, Throwable> outcome = (response, error) -> {
            try {
                if (error == null) {
                    result.complete(onSuccess.apply(response));
                    return;
                }
                Throwable cause = Futures.unwrap(error);
                O expected = onExpectedFailure == null ? null : onExpectedFailure.apply(cause);
                if (expected != null) {
                    result.complete(expected);
                } else {
                    result.completeExceptionally(ServiceErrors.translate(operation, table, cause));
                }
            } catch (RuntimeException mappingFailure) {
                result.completeExceptionally(mappingFailure);
            }
        };
        CompletableFuture<?> readiness = ready.get();
        if (readiness.isDone() && !readiness.isCompletedExceptionally()) {
            // the usual case once the table is checked: no stage to wait on it
            retry.execute(request, outcome);
        } else {
            readiness.whenComplete((ignored, notReady) -> {
                if (notReady == null) {
                    retry.execute(request, outcome);
                } else {
                    outcome.accept(null, notReady);
                }
            });
        }
        return result;
    }
}
