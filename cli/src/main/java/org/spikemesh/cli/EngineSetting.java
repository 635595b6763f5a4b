package org.spikemesh.cli;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engine setting of {@code bench cuba --setting NAME=V1,V2,...}: a system property of the chip engine (one of
 * {@value #PREFIX}*, such as {@code spikemesh.engine.span-counting}) with one value per entry of {@code --threads}, in
 * order. Each entry's engines are built and run with its value, so that two settings of the same thread count
 * ({@code --threads 2,2}) take turns in one process and the bench's speed-up line compares them as it compares thread
 * counts: a ratio of loops run seconds apart on the same host. On this shared machine separate processes moved between
 * 1.08x and 1.94x for the same code; two settings taking turns in one process moved by a few percent
 * (docs/performance.md, eighteenth round).
 */
final class EngineSetting {
    /** the prefix of the chip engine's system properties. */
    static final String PREFIX = "spikemesh.engine.";

    private final String name;
    private final List<String> values;

    private EngineSetting(String name, List<String> values) {
        this.name = name;
        this.values = values;
    }

    /**
     * @param option the option's text, {@code NAME=V1,V2,...}
     * @param entries the entries of {@code --threads}: one value each
     * @return the setting
     * @throws IllegalArgumentException naming what is wrong and what would be valid
     */
    static EngineSetting parse(String option, int entries) {
        int eq = option.indexOf('=');
        String name = eq < 0 ? option : option.substring(0, eq).trim();
        if (eq < 0 || !name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
            throw new IllegalArgumentException("--setting " + option + ": expected NAME=V1,V2,... with NAME a chip engine"
                    + " property (" + PREFIX + "NAME, e.g. " + PREFIX + "span-counting=grouped,turns)");
        }
        List<String> values = Arrays.stream(option.substring(eq + 1).split(",", -1)).map(String::trim).toList();
        if (values.size() != entries) {
            throw new IllegalArgumentException("--setting " + option + ": " + values.size() + " value"
                    + (values.size() == 1 ? "" : "s") + " for " + entries + " entr" + (entries == 1 ? "y" : "ies")
                    + " of --threads; give one value per thread count, in the same order");
        }
        if (values.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--setting " + option + ": a value is empty");
        }
        return new EngineSetting(name, values);
    }

    /** @return the property's name */
    String name() {
        return name;
    }

    /** @return the value of entry k of {@code --threads} */
    String value(int k) {
        return values.get(k);
    }

    /** @return entry k's value as printed beside its thread count: the name without {@value #PREFIX}, = and the value */
    String label(int k) {
        return name.substring(PREFIX.length()) + "=" + values.get(k);
    }

    /**
     * Builds something with the property set to entry k's value, and puts back what was there (or clears it) after: an
     * engine reads every one of its settings when it is built.
     *
     * @param k the entry of {@code --threads}
     * @param build what to build, an engine
     * @return what build made
     * @throws IllegalArgumentException when build refuses the value: its message, after the setting's name and value
     */
    <T> T building(int k, Supplier<T> build) {
        String before = System.getProperty(name);
        System.setProperty(name, values.get(k));
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--setting " + name + ", value " + (k + 1) + " '" + values.get(k)
                    + "': " + e.getMessage(), e);
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
