package org.spikemesh.compiler.program;

/**
 * The input side of one core: axons and their synapses. Axon {@code a} owns synapses
 * {@code axonStart[a] .. axonStart[a+1]-1}: target neuron (local), weight and delay. Weights of lanes with a
 * non-negative exponent are stored already shifted (a left shift distributes over int32 sums); axons of a group with
 * a negative exponent belong to a lane whose per-step sums are shifted right before they join the input ring, as
 * Lava does.
 * <p>
 * A memory can drop its per-synapse arrays ({@link #withoutTables()}) once a simulator has built its own tables
 * from them: the counts, lanes and largest delay stay, so reports and cost models still read the core's shape.
 *
 * @param axons number of axons
 * @param synapses number of synapses
 * @param axonStart offsets into the synapse arrays, one per axon plus one (null when dropped)
 * @param post target neuron of each synapse, local to the core (null when dropped)
 * @param weight weight of each synapse, shifted for lane 0 (null when dropped)
 * @param delay delay of each synapse in steps, or null when all are 0 or dropped
 * @param axonLane lane of each axon (0: direct; k &gt; 0: lane k with exponent {@code laneExp[k]}), or null when all
 *                 are 0 or dropped
 * @param laneExp exponent of each lane (index 0 unused)
 * @param maxDelay largest delay
 */
public record SynapseMemory(int axons, int synapses, int[] axonStart, short[] post, short[] weight, byte[] delay,
                            byte[] axonLane, int[] laneExp, int maxDelay) {
    /** Checks that the counts match the arrays, when the arrays are held. */
    public SynapseMemory {
        if (axonStart != null && (axons != axonStart.length - 1 || post == null || synapses != post.length
                || weight == null || weight.length != synapses)) {
            throw new IllegalArgumentException("synapse memory of " + axons + " axons and " + synapses
                    + " synapses does not match its arrays");
        }
        if (axonStart == null && (post != null || weight != null || delay != null || axonLane != null)) {
            throw new IllegalArgumentException("a synapse memory without axon offsets holds no synapse arrays");
        }
    }

    /**
     * A memory holding its arrays, counts taken from them.
     *
     * @param axonStart offsets into the synapse arrays, one per axon plus one
     * @param post target neuron of each synapse
     * @param weight weight of each synapse
     * @param delay delay of each synapse, or null when all are 0
     * @param axonLane lane of each axon, or null when all are 0
     * @param laneExp exponent of each lane
     * @param maxDelay largest delay
     */
    public SynapseMemory(int[] axonStart, short[] post, short[] weight, byte[] delay, byte[] axonLane, int[] laneExp,
                         int maxDelay) {
        this(axonStart.length - 1, post.length, axonStart, post, weight, delay, axonLane, laneExp, maxDelay);
    }

    /** @return number of lanes including the direct lane 0 */
    public int lanes() {
        return laneExp.length;
    }

    /** @return whether the per-synapse arrays are held ({@link #withoutTables()} drops them) */
    public boolean hasTables() {
        return axonStart != null;
    }

    /** @return the same memory without its per-synapse and per-axon arrays: counts, lanes and largest delay only */
    public SynapseMemory withoutTables() {
        return new SynapseMemory(axons, synapses, null, null, null, null, null, laneExp, maxDelay);
    }
}
