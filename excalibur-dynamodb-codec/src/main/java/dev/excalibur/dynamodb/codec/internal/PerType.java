package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import java.util.function.Function;

/** A value computed once per class (a Jackson reader or writer, say) and kept as long as the class lives. */
@InternalApi
public final class PerType<V> extends ClassValue<V> {

    private final Function<Class<?>, V> compute;

    public PerType(Function<Class<?>, V> compute) {
        this.compute = compute;
    }

    @Override
    protected V computeValue(Class<?> type) {
        return compute.apply(type);
    }
}
