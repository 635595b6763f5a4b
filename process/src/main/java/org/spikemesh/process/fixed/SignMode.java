package org.spikemesh.process.fixed;

import java.util.Locale;

/** How a synapse group's weights are signed (Lava's {@code SignMode}). */
public enum SignMode {
    /** Weights of both signs: 9-bit range [-256, 255]. */
    MIXED,
    /** Non-negative weights [0, 255]. */
    EXCITATORY,
    /** Non-positive weights [-255, 0]. */
    INHIBITORY;

    /** @return the name used in network files */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text mixed, excitatory or inhibitory
     * @return the mode
     */
    public static SignMode parse(String text) {
        for (SignMode m : values()) {
            if (m.tag().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown sign_mode '" + text + "': valid are mixed, excitatory, inhibitory");
    }

    /**
     * Lava's {@code determine_sign_mode}: all weights &gt;= 0 is excitatory, all &lt;= 0 inhibitory, else mixed.
     *
     * @param weights the weights, as held
     * @return the mode
     */
    public static SignMode of(org.spikemesh.process.Values weights) {
        double min = weights.min();
        double max = weights.max();
        if (weights.size() == 0 || min >= 0) {
            return EXCITATORY;
        }
        if (max <= 0) {
            return INHIBITORY;
        }
        return MIXED;
    }
}
