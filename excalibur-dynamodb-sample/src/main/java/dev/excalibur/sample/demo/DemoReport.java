package dev.excalibur.sample.demo;

import java.util.List;

/** What the scripted demo checked: one line per capability, and whether each behaved as documented. */
public record DemoReport(List<Check> checks) {

    /** One capability: its name, whether it behaved as documented, and what was seen. */
    public record Check(String name, boolean passed, String detail) {}

    public DemoReport {
        checks = List.copyOf(checks);
    }

    /** True when every check passed. */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** The check of this name, if the demo got that far. */
    public Check check(String name) {
        return checks.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named '" + name + "' in " + checks));
    }
}
