package org.spikemesh.process.lib;

/**
 * A synapse group's connectivity in compressed rows by pre-synaptic input: the synapses of input {@code i} are
 * {@code rowStart[i] .. rowStart[i+1]-1}, each with its post-synaptic output, its weight as given (before any
 * fixed-point preparation) and its delay in steps (0 = the one-step synaptic delay of Dense). The weights are the
 * process's own, as held (no copy into doubles: for a large network that copy alone would be 8 bytes per synapse).
 *
 * @param numInputs number of pre-synaptic inputs
 * @param numOutputs number of post-synaptic outputs
 * @param rowStart offsets, length numInputs + 1
 * @param post post-synaptic index of each synapse
 * @param weight weight of each synapse, as given, or null for the connectivity alone
 * @param delay delay of each synapse, or null when all are 0
 */
public record SynapseTable(int numInputs, int numOutputs, int[] rowStart, int[] post,
                           org.spikemesh.process.Values weight, int[] delay) {
    /** @return number of synapses */
    public int size() {
        return post.length;
    }

    /** @return the largest delay (0 when there are none) */
    public int maxDelay() {
        int m = 0;
        if (delay != null) {
            for (int d : delay) {
                m = Math.max(m, d);
            }
        }
        return m;
    }
}
