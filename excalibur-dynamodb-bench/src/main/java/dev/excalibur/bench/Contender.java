package dev.excalibur.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** One way of storing orders; each call creates the n-th order, reads it back and updates it (3 requests). */
interface Contender extends Rounds.Workload {

    /** Requests one {@link #createReadUpdate} sends. */
    int OPERATIONS_PER_CALL = 3;

    String name();

    /** Creates order {@code n}, reads it, updates its status with an optimistic-concurrency check. */
    CompletableFuture<Void> createReadUpdate(int n);

    @Override
    default CompletableFuture<?> call(int n) {
        return createReadUpdate(n);
    }

    /** Fails the benchmark when a contender's operation did not do what it should. */
    static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark operation misbehaved: " + what);
        }
    }

    /**
     * As {@link #require(boolean, String)}, with a detail asked for only on failure (so a
     * contender's measured path builds no message strings the others do not).
     */
    static void require(boolean condition, String what, Supplier<@Nullable String> detail) {
        if (!condition) {
            require(false, what + ": " + detail.get());
        }
    }
}
