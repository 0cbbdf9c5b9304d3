package dev.excalibur.dynamodb.spring;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Hands a property to a builder only when it is set, so that an unset one keeps the library's own
 * default. (Boot's {@code PropertyMapper} does this on Boot 4 by default and on Boot 3 only when told
 * to; this works the same on both.)
 */
final class PropertyValues {

    private PropertyValues() {}

    static <T> void ifSet(@Nullable T value, Consumer<? super T> target) {
        if (value != null) {
            target.accept(value);
        }
    }
}
