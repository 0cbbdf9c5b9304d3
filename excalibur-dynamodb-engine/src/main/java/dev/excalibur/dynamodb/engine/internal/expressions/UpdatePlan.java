package dev.excalibur.dynamodb.engine.internal.expressions;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import dev.excalibur.dynamodb.engine.internal.values.EngineErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The actions of an update (an UpdateExpression or legacy AttributeUpdates) and their application.
 * Every operand is evaluated against the item as it was before the update; then assignments are
 * applied in document order (so several {@code SET list[i]} past the end append in index order) and
 * removals in reverse document order (so {@code REMOVE list[1], list[3]} names the elements by their
 * original positions). {@code SET} overwrites; {@code ADD} adds to a number (a missing attribute counts
 * as 0) or unions a set; {@code DELETE} subtracts a set, and a set left empty is removed; {@code REMOVE}
 * of a missing attribute or list element does nothing. Internal to the engine.
 */
final class UpdatePlan implements Update {

    private static final String INVALID_PATH =
            "The document path provided in the update expression is invalid for update";

    /** One action: its target path and, for SET, ADD and DELETE, its operand. */
    sealed interface Action {
        Path path();
    }

    record SetAction(Path path, Operand value) implements Action {}

    record RemoveAction(Path path) implements Action {}

    record AddAction(Path path, AttributeValue value) implements Action {}

    record DeleteAction(Path path, AttributeValue value) implements Action {}

    private final List<Action> actions;
    private final boolean legacy;

    private UpdatePlan(List<Action> actions, boolean legacy) {
        this.actions = List.copyOf(actions);
        this.legacy = legacy;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        List<Map.Entry<Path, AttributeValue>> assignments = new ArrayList<>();
        List<Path> removals = new ArrayList<>();
        for (Action action : actions) {
            if (action instanceof SetAction set) {
                assignments.add(Map.entry(set.path(), Operand.required(set.value(), item)));
            } else if (action instanceof RemoveAction remove) {
                removals.add(remove.path());
            } else if (action instanceof AddAction add) {
                assignments.add(Map.entry(add.path(), added(add.path().resolve(item), add.value())));
            } else if (action instanceof DeleteAction delete) {
                AttributeValue current = delete.path().resolve(item);
                AttributeValue rest = current == null ? null : subtracted(current, delete.value());
                if (rest != null) {
                    assignments.add(Map.entry(delete.path(), rest));
                } else if (current != null) {
                    removals.add(delete.path());
                }
            }
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>(item);
        assignments.sort(Map.Entry.comparingByKey(PathProjection::comparePaths));
        for (Map.Entry<Path, AttributeValue> assignment : assignments) {
            edit(result, assignment.getKey(), new Assign(assignment.getValue()));
        }
        removals.sort(((Comparator<Path>) PathProjection::comparePaths).reversed());
        for (Path removal : removals) {
            edit(result, removal, REMOVE);
        }
        return result;
    }

    @Override
    public Set<String> topLevelNames() {
        Set<String> names = new LinkedHashSet<>();
        actions.forEach(action -> names.add(action.path().topName()));
        return names;
    }

    @Override
    public Projection updatedPaths() {
        return new PathProjection(actions.stream().map(Action::path).toList());
    }

    private AttributeValue added(AttributeValue current, AttributeValue operand) {
        if (current == null) {
            return operand;
        }
        String type = AttributeValues.typeName(current);
        if (!type.equals(AttributeValues.typeName(operand))) {
            throw mismatch();
        }
        return switch (type) {
            case "N" ->
                AttributeValue.fromN(AttributeValues.canonicalNumber(new BigDecimal(current.n())
                        .add(new BigDecimal(operand.n()))
                        .toPlainString()));
            case "SS" -> AttributeValue.fromSs(union(current.ss(), operand.ss(), s -> false));
            case "NS" -> AttributeValue.fromNs(union(current.ns(), operand.ns(), n -> false));
            case "BS" -> AttributeValue.fromBs(union(current.bs(), operand.bs(), b -> false));
            case "L" -> {
                if (!legacy) {
                    throw mismatch();
                }
                List<AttributeValue> joined = new ArrayList<>(current.l());
                joined.addAll(operand.l());
                yield AttributeValue.fromL(joined);
            }
            default -> throw mismatch();
        };
    }

    /** The set {@code current} without the members of {@code operand}, or {@code null} when nothing is left. */
    private AttributeValue subtracted(AttributeValue current, AttributeValue operand) {
        String type = AttributeValues.typeName(current);
        if (!type.equals(AttributeValues.typeName(operand))) {
            throw mismatch();
        }
        return switch (type) {
            case "SS" -> {
                List<String> rest = union(List.of(), current.ss(), operand.ss()::contains);
                yield rest.isEmpty() ? null : AttributeValue.fromSs(rest);
            }
            case "NS" -> {
                Set<BigDecimal> removed = new LinkedHashSet<>();
                operand.ns().forEach(n -> removed.add(new BigDecimal(n).stripTrailingZeros()));
                List<String> rest =
                        union(List.of(), current.ns(), n -> removed.contains(new BigDecimal(n).stripTrailingZeros()));
                yield rest.isEmpty() ? null : AttributeValue.fromNs(rest);
            }
            case "BS" -> {
                List<SdkBytes> rest = union(List.of(), current.bs(), operand.bs()::contains);
                yield rest.isEmpty() ? null : AttributeValue.fromBs(rest);
            }
            default -> throw mismatch();
        };
    }

    /** {@code first} followed by the members of {@code second} not already present and not {@code excluded}. */
    private static <T> List<T> union(List<T> first, List<T> second, Predicate<T> excluded) {
        Set<T> members = new LinkedHashSet<>(first);
        for (T member : second) {
            if (!excluded.test(member)) {
                members.add(member);
            }
        }
        return new ArrayList<>(members);
    }

    private RuntimeException mismatch() {
        return legacy ? EngineErrors.validation("Type mismatch for attribute to update") : Operand.incorrectDataType();
    }

    /**
     * What an action does where its path ends, in a map's members or a list's elements; walking
     * down to there is shared. A missing or non-container parent on the way is an invalid path.
     */
    private interface Edit {
        void member(Map<String, AttributeValue> members, String name);

        /** False if the edit leaves the list as it is. */
        boolean element(List<AttributeValue> elements, int index);
    }

    /** SET: a list index past the end appends. */
    private record Assign(AttributeValue value) implements Edit {
        @Override
        public void member(Map<String, AttributeValue> members, String name) {
            members.put(name, value);
        }

        @Override
        public boolean element(List<AttributeValue> elements, int index) {
            if (index >= elements.size()) {
                elements.add(value);
            } else {
                elements.set(index, value);
            }
            return true;
        }
    }

    // Documentation is silent on REMOVE under a missing or non-container parent: the engine refuses it
    // as it refuses SET there; a missing member or list element under an existing parent is a no-op.
    private static final Edit REMOVE = new Edit() {
        @Override
        public void member(Map<String, AttributeValue> members, String name) {
            members.remove(name);
        }

        @Override
        public boolean element(List<AttributeValue> elements, int index) {
            if (index >= elements.size()) {
                return false;
            }
            elements.remove(index);
            return true;
        }
    };

    private static void edit(Map<String, AttributeValue> item, Path path, Edit edit) {
        if (path.length() == 1) {
            edit.member(item, path.topName());
            return;
        }
        AttributeValue top = item.get(path.topName());
        if (top == null) {
            throw EngineErrors.validation(INVALID_PATH);
        }
        item.put(path.topName(), editInside(top, path, 1, edit));
    }

    private static AttributeValue editInside(AttributeValue container, Path path, int i, Edit edit) {
        boolean last = i == path.length() - 1;
        Object element = path.element(i);
        if (element instanceof String name) {
            if (!container.hasM()) {
                throw EngineErrors.validation(INVALID_PATH);
            }
            Map<String, AttributeValue> members = new LinkedHashMap<>(container.m());
            if (last) {
                edit.member(members, name);
            } else {
                AttributeValue child = members.get(name);
                if (child == null) {
                    throw EngineErrors.validation(INVALID_PATH);
                }
                members.put(name, editInside(child, path, i + 1, edit));
            }
            return AttributeValue.fromM(members);
        }
        int index = (Integer) element;
        if (!container.hasL()) {
            throw EngineErrors.validation(INVALID_PATH);
        }
        List<AttributeValue> elements = new ArrayList<>(container.l());
        if (last) {
            if (!edit.element(elements, index)) {
                return container;
            }
        } else {
            if (index >= elements.size()) {
                throw EngineErrors.validation(INVALID_PATH);
            }
            elements.set(index, editInside(elements.get(index), path, i + 1, edit));
        }
        return AttributeValue.fromL(elements);
    }

    /** Collects actions in the order they were written. */
    static final class Builder {
        private final List<Action> actions = new ArrayList<>();
        private final boolean legacy;

        Builder() {
            this(false);
        }

        /** {@code legacy}: AttributeUpdates semantics (ADD appends lists; type errors worded as the legacy API's). */
        Builder(boolean legacy) {
            this.legacy = legacy;
        }

        Builder set(Path path, Operand value) {
            actions.add(new SetAction(path, value));
            return this;
        }

        Builder remove(Path path) {
            actions.add(new RemoveAction(path));
            return this;
        }

        Builder addOrDelete(String section, Path path, AttributeValue value) {
            actions.add(section.equals("ADD") ? new AddAction(path, value) : new DeleteAction(path, value));
            return this;
        }

        UpdatePlan build() {
            return new UpdatePlan(actions, legacy);
        }
    }
}
