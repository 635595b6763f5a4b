package org.spikemesh.compiler.program;

/**
 * The input side of one core: axons and their synapses. Axon {@code a} owns synapses
 * {@code axonStart[a] .. axonStart[a+1]-1}: target neuron (local), weight and delay. Weights of lanes with a
 * non-negative exponent are stored already shifted (a left shift distributes over int32 sums); axons of a group with
 * a negative exponent belong to a lane whose per-step sums are shifted right before they join the input ring, as
 * Lava does.
 *
 * @param axonStart offsets into the synapse arrays, one per axon plus one
 * @param post target neuron of each synapse, local to the core
 * @param weight weight of each synapse (shifted for lane 0)
 * @param delay delay of each synapse in steps, or null when all are 0
 * @param axonLane lane of each axon (0: direct; k &gt; 0: lane k with exponent {@code laneExp[k]}), or null when all are 0
 * @param laneExp exponent of each lane (index 0 unused)
 * @param maxDelay largest delay
 */
public record SynapseMemory(int[] axonStart, short[] post, short[] weight, byte[] delay, byte[] axonLane,
                            int[] laneExp, int maxDelay) {
    /** @return number of axons */
    public int axons() {
        return axonStart.length - 1;
    }

    /** @return number of synapses */
    public int synapses() {
        return post.length;
    }

    /** @return number of lanes including the direct lane 0 */
    public int lanes() {
        return laneExp.length;
    }
}
