package org.spikemesh.chip;

/** How the engine turns a step's counted events into the step's time (docs/time-model.md). */
public enum TimeModel {
    /** slowest core + traffic (longest path + busiest link serialisation) + barrier */
    PER_STEP("per-step"),
    /** messages scheduled one by one: senders in order, receivers in arrival order, link congestion (SANA-FE's model) */
    DETAILED("detailed");

    private final String yaml;

    TimeModel(String yaml) {
        this.yaml = yaml;
    }

    /** @return the name used in chip files and on the command line */
    public String yaml() {
        return yaml;
    }

    /**
     * @param name a name from a chip file or the command line
     * @return the matching model, or null when none matches
     */
    public static TimeModel of(String name) {
        for (TimeModel m : values()) {
            if (m.yaml.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
