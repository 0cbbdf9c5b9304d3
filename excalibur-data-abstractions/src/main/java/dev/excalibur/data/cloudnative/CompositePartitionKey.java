package dev.excalibur.data.cloudnative;

import java.util.List;

/**
 * A partition key made of several components joined by a separator, for example
 * {@code TENANT#acme#USER#42}. Components must not contain the separator, so a composite value
 * always splits back into the same components.
 *
 * @param separator  the separator, not empty
 * @param components the components, at least one, none blank
 * @param path       informative path, may be empty
 */
public record CompositePartitionKey(String separator, List<String> components, String path) implements PartitionKey {

    public CompositePartitionKey {
        if (separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("separator must not be null or empty");
        }
        if (components == null || components.isEmpty()) {
            throw new IllegalArgumentException("components must contain at least one value");
        }
        components = List.copyOf(components);
        for (int i = 0; i < components.size(); i++) {
            String component = components.get(i);
            if (component.isBlank()) {
                throw new IllegalArgumentException("components[" + i + "] must not be blank");
            }
            if (component.contains(separator)) {
                throw new IllegalArgumentException(
                        "components[" + i + "] must not contain the separator '" + separator + "'");
            }
        }
        path = path == null ? "" : path;
    }

    /** A composite key of the given components with an empty path. */
    public static CompositePartitionKey of(String separator, String... components) {
        return new CompositePartitionKey(separator, List.of(components), "");
    }

    @Override
    public String value() {
        return String.join(separator, components);
    }
}
