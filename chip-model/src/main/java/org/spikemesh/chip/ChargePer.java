package org.spikemesh.chip;

import java.util.Arrays;
import java.util.List;

/** When a {@link Charge} of {@code core.events} is charged: the counted event it multiplies. */
public enum ChargePer {
    /** every mapped LIF neuron, every step (whether or not anything happens to it) */
    NEURON_STEP("neuron_step"),
    /** every neuron update that changes state (an active update, see the engine docs) */
    UPDATED_NEURON("updated_neuron"),
    /** every neuron update of a neuron at rest */
    RESTING_NEURON("resting_neuron"),
    /** every spike of a LIF neuron (spike sources excluded) */
    NEURON_SPIKE("neuron_spike"),
    /** every spike sent, by neurons and spike sources alike */
    SPIKE("spike"),
    /** every message sent: per (spike, destination core) with unicast routers, per spike with multicast ones */
    MESSAGE_OUT("message_out"),
    /** every (spike, destination core) pair, whatever the router */
    DESTINATION_CORE("destination_core"),
    /** every message received by a core */
    MESSAGE_IN("message_in"),
    /** every synaptic operation (optionally of one synapse format only) */
    SYNOP("synop");

    private final String yaml;

    ChargePer(String yaml) {
        this.yaml = yaml;
    }

    /** @return the name used in chip files */
    public String yaml() {
        return yaml;
    }

    /** @return the names used in chip files, in declaration order */
    public static List<String> names() {
        return Arrays.stream(values()).map(ChargePer::yaml).toList();
    }

    /**
     * @param name a name from a chip file
     * @return the matching value, or null when none matches
     */
    public static ChargePer of(String name) {
        for (ChargePer p : values()) {
            if (p.yaml.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
