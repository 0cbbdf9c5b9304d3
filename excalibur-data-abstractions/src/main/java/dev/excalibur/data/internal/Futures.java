package dev.excalibur.data.internal;

import dev.excalibur.data.InternalApi;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for a future the way every Excalibur module does: interruptibly, with the failure itself thrown. */
@InternalApi
public final class Futures {

    private Futures() {}

    /**
     * The future's value, waited for interruptibly. A failure is thrown as itself when it is a
     * runtime exception or an error (not wrapped in {@link CompletionException}), else wrapped in one;
     * an interrupt cancels the future, keeps the thread's interrupt flag and throws
     * {@link CancellationException}.
     */
    public static <R> R await(CompletableFuture<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting");
            cancelled.initCause(e);
            throw cancelled;
        } catch (ExecutionException e) {
            throwUnchecked(e);
            throw new CompletionException(unwrap(e));
        }
    }

    /**
     * The future's value, waited for without regard to interrupts (for calls that must finish, such
     * as a checkpoint written while stopping); a failure is thrown as by {@link #await}.
     */
    public static <R> R join(CompletableFuture<R> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throwUnchecked(e);
            throw e;
        }
    }

    /** Throws the failure inside {@code wrapper} when it is a runtime exception or an error; else returns. */
    private static void throwUnchecked(Throwable wrapper) {
        Throwable cause = unwrap(wrapper);
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
    }

    /** The failure inside completion and execution wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
