package dev.excalibur.data.cloudnative;

import org.jspecify.annotations.Nullable;

/**
 * The partition a document lives in. The provider decides which attribute holds the value;
 * {@link #path()} is informative only (the .NET package's {@code "/pk"}).
 */
public interface PartitionKey {

    /** The partition key value, never blank. */
    String value();

    /** The informative path of the key, such as {@code "/pk"}; may be empty. */
    String path();

    /**
     * A partition key with the given value and an empty path.
     *
     * @throws IllegalArgumentException if {@code value} is null or blank
     */
    static PartitionKey of(String value) {
        return new SimplePartitionKey(value, "");
    }

    /**
     * A partition key with the given value and path.
     *
     * @throws IllegalArgumentException if {@code value} is null or blank
     */
    static PartitionKey of(String value, @Nullable String path) {
        return new SimplePartitionKey(value, path == null ? "" : path);
    }
}
