package dev.excalibur.data.cloudnative;

import java.util.Objects;

/**
 * Consistency requested for one read.
 *
 * @param level the level; never null
 */
public record ConsistencyOptions(ConsistencyLevel level) {

    private static final ConsistencyOptions STRONG = new ConsistencyOptions(ConsistencyLevel.STRONG);
    private static final ConsistencyOptions EVENTUAL = new ConsistencyOptions(ConsistencyLevel.EVENTUAL);
    private static final ConsistencyOptions DEFAULT = new ConsistencyOptions(ConsistencyLevel.DEFAULT);

    public ConsistencyOptions {
        Objects.requireNonNull(level, "level must not be null");
    }

    /** Strongly consistent read. */
    public static ConsistencyOptions strong() {
        return STRONG;
    }

    /** Eventually consistent read. */
    public static ConsistencyOptions eventual() {
        return EVENTUAL;
    }

    /** The provider's configured default. */
    public static ConsistencyOptions defaults() {
        return DEFAULT;
    }
}
