package dev.excalibur.data.cloudnative.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Attribute changes to an existing document: set a value, remove an attribute, or add to a
 * number (or to a set). Immutable; build with {@link #builder()}. Names are top-level attribute
 * names, taken literally.
 *
 * @param actions the changes, in the order given
 */
public record CloudPatch(List<Action> actions) {

    /** What an action does. */
    public enum Kind {
        SET,
        REMOVE,
        ADD
    }

    /**
     * One change.
     *
     * @param kind      what to do
     * @param attribute the top-level attribute
     * @param value     the value to set or add; null for {@link Kind#REMOVE} (and a stored null for SET)
     */
    public record Action(
            Kind kind, String attribute, @Nullable Object value) {
        public Action {
            Objects.requireNonNull(kind, "kind must not be null");
            if (attribute == null || attribute.isEmpty()) {
                throw new IllegalArgumentException("patch attribute name must not be null or empty");
            }
            if (kind == Kind.ADD && value == null) {
                throw new IllegalArgumentException("add to '" + attribute + "' needs a number or a set, not null");
            }
        }
    }

    public CloudPatch {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a patch needs at least one action");
        }
        actions = List.copyOf(actions);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Action action : actions) {
            if (!seen.add(action.attribute())) {
                throw new IllegalArgumentException("a patch changes attribute '" + action.attribute() + "' twice");
            }
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the actions of a {@link CloudPatch}. */
    public static final class Builder {
        private final List<Action> actions = new ArrayList<>();

        private Builder() {}

        /** Sets the attribute to the value (mapped as document properties are). */
        public Builder set(String attribute, @Nullable Object value) {
            actions.add(new Action(Kind.SET, attribute, value));
            return this;
        }

        /** Removes the attribute. */
        public Builder remove(String attribute) {
            actions.add(new Action(Kind.REMOVE, attribute, null));
            return this;
        }

        /** Adds the number to a numeric attribute (starting from 0 when absent), or the elements to a set. */
        public Builder add(String attribute, Object value) {
            actions.add(new Action(Kind.ADD, attribute, value));
            return this;
        }

        /** The patch. */
        public CloudPatch build() {
            return new CloudPatch(actions);
        }
    }
}
