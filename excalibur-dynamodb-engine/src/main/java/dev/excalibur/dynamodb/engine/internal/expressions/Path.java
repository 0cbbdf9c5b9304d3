package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A document path with its placeholders substituted: map member names ({@link String}) and list
 * indexes ({@link Integer}). The first element is always a name (the top-level attribute). Internal to
 * the engine.
 */
record Path(List<Object> elements) {

    Path {
        elements = List.copyOf(elements);
    }

    String topName() {
        return (String) elements.get(0);
    }

    int length() {
        return elements.size();
    }

    Object element(int i) {
        return elements.get(i);
    }

    /** The value at this path in the item, or {@code null} when the path leads nowhere. */
    AttributeValue resolve(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(topName());
        for (int i = 1; i < elements.size() && value != null; i++) {
            value = step(value, elements.get(i));
        }
        return value;
    }

    /** The member or element {@code element} of {@code container}, or {@code null}. */
    static AttributeValue step(AttributeValue container, Object element) {
        if (element instanceof Integer index) {
            return container.hasL() && index < container.l().size()
                    ? container.l().get(index)
                    : null;
        }
        return container.hasM() ? container.m().get((String) element) : null;
    }

    /** Whether one path is a prefix of the other (or they are equal). */
    boolean overlaps(Path other) {
        int common = Math.min(length(), other.length());
        for (int i = 0; i < common; i++) {
            if (!element(i).equals(other.element(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the paths treat the same document node once as a map and once as a list
     * ({@code a.b} against {@code a[0]}).
     */
    boolean conflicts(Path other) {
        int common = Math.min(length(), other.length());
        for (int i = 0; i < common; i++) {
            Object mine = element(i);
            Object theirs = other.element(i);
            if (mine.getClass() != theirs.getClass()) {
                return true;
            }
            if (!mine.equals(theirs)) {
                return false;
            }
        }
        return false;
    }

    /** The service's rendering in error messages: {@code [a, b, [0]]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object element = elements.get(i);
            text.append(element instanceof Integer ? "[" + element + "]" : element);
        }
        return text.append(']').toString();
    }
}
