package dev.excalibur.data.dynamodb;

import dev.excalibur.data.dynamodb.internal.ServiceErrors;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A store's table, made ready (created if missing and allowed, else verified) on first use, once; tried again after a failure. */
final class LazyTable {

    private final String table;
    private final Supplier<CompletableFuture<?>> ensure;
    private @Nullable CompletableFuture<Void> ready;

    LazyTable(String table, Supplier<CompletableFuture<?>> ensure) {
        this.table = table;
        this.ensure = ensure;
    }

    synchronized CompletableFuture<Void> ready() {
        if (ready == null || ready.isCompletedExceptionally()) {
            ready = ensure.get().handle((done, error) -> {
                if (error != null) {
                    throw ServiceErrors.provisioning(table, error);
                }
                return null;
            });
        }
        return ready;
    }
}
