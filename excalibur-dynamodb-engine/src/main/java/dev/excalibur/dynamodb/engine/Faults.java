package dev.excalibur.dynamodb.engine;

import dev.excalibur.dynamodb.engine.internal.controls.Controls;
import java.util.List;
import java.util.Objects;

/**
 * The fault rules of one {@link DynamoDbEngine}: what it answers instead of (or after) serving the
 * requests they match, for every client of the engine, in-process and over HTTP. Rules are tried in
 * the order added (see {@link FaultRule} for matching and firing). Thread-safe: rules may be added and
 * removed while requests are served; a request sees the rules as they were when it was dispatched.
 */
public final class Faults {

    private final Controls controls;

    Faults(Controls controls) {
        this.controls = controls;
    }

    /** Adds {@code rule} after the rules already there; returns this, for chaining. */
    public Faults add(FaultRule rule) {
        controls.add(Objects.requireNonNull(rule, "rule"));
        return this;
    }

    /** Removes {@code rule} (every time it was added); false if it was not there (never added, fired its times, or removed). */
    public boolean remove(FaultRule rule) {
        return controls.remove(Objects.requireNonNull(rule, "rule"));
    }

    /** Removes every rule. */
    public void clear() {
        controls.clearRules();
    }

    /** The rules in force, in order; a rule that has fired all its times is no longer there. An immutable snapshot. */
    public List<FaultRule> rules() {
        return controls.rules();
    }

    @Override
    public String toString() {
        return "Faults" + rules();
    }
}
