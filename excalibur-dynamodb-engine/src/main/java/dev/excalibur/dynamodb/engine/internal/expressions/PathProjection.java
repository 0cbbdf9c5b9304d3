package dev.excalibur.dynamodb.engine.internal.expressions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The projection of a set of non-overlapping document paths: the result holds each path that leads
 * somewhere, nested as in the item ({@code a.b} gives {@code {a: {b: ...}}}); the elements a projection
 * picks from one list come back as a list in index order ({@code a[3], a[1]} gives
 * {@code {a: [a[1], a[3]]}}). Paths that lead nowhere are absent. Internal to the engine.
 */
final class PathProjection implements Projection {

    private final List<Path> paths;

    PathProjection(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, List<List<Object>>> byName = new LinkedHashMap<>();
        for (Path path : paths) {
            byName.computeIfAbsent(path.topName(), name -> new ArrayList<>())
                    .add(path.elements().subList(1, path.length()));
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        byName.forEach((name, tails) -> {
            AttributeValue value = item.get(name);
            AttributeValue projected = value == null ? null : project(value, tails);
            if (projected != null) {
                result.put(name, projected);
            }
        });
        return result;
    }

    /** The parts of {@code value} the tails select, or {@code null} when none leads anywhere. */
    private static AttributeValue project(AttributeValue value, List<List<Object>> tails) {
        if (tails.stream().anyMatch(List::isEmpty)) {
            return value;
        }
        if (value.hasM()) {
            Map<Object, List<List<Object>>> byKey = group(tails, new LinkedHashMap<>());
            Map<String, AttributeValue> members = new LinkedHashMap<>();
            byKey.forEach((key, rest) -> {
                AttributeValue member = key instanceof String name ? value.m().get(name) : null;
                AttributeValue projected = member == null ? null : project(member, rest);
                if (projected != null) {
                    members.put((String) key, projected);
                }
            });
            return members.isEmpty() ? null : AttributeValue.fromM(members);
        }
        if (value.hasL()) {
            Map<Object, List<List<Object>>> byIndex = group(tails, new TreeMap<>((a, b) -> compareElements(a, b)));
            List<AttributeValue> elements = new ArrayList<>();
            byIndex.forEach((key, rest) -> {
                AttributeValue element =
                        key instanceof Integer index && index < value.l().size()
                                ? value.l().get(index)
                                : null;
                AttributeValue projected = element == null ? null : project(element, rest);
                if (projected != null) {
                    elements.add(projected);
                }
            });
            return elements.isEmpty() ? null : AttributeValue.fromL(elements);
        }
        return null;
    }

    private static Map<Object, List<List<Object>>> group(
            List<List<Object>> tails, Map<Object, List<List<Object>>> into) {
        for (List<Object> tail : tails) {
            into.computeIfAbsent(tail.get(0), key -> new ArrayList<>()).add(tail.subList(1, tail.size()));
        }
        return into;
    }

    /** Path elements in document order: list indexes numerically before member names. */
    static int compareElements(Object a, Object b) {
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return a instanceof Integer ? -1 : 1;
    }

    /** Paths in document order, element by element, shorter first. */
    static int comparePaths(Path a, Path b) {
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            int order = compareElements(a.element(i), b.element(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
