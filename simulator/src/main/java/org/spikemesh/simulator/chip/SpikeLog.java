package org.spikemesh.simulator.chip;

/**
 * The spikes of one shard's cores in one step, in core order and, within a core, in neuron order, with the number of
 * active (state-changing) neuron updates up to and including each spiking neuron: what the detailed time model needs to
 * know when each message leaves its core. Preallocated for every neuron of the shard spiking at once.
 */
final class SpikeLog {
    /** first core of the shard. */
    final int first;
    /** per local core: one past its last entry. */
    final int[] coreEnd;
    /** per local core: its active neuron updates this step. */
    final int[] coreActive;
    /** per local core: time of its learning updates this step (0 without learning). */
    final double[] learnNs;
    /** per entry: the spiking neuron, local to its core. */
    final int[] neuron;
    /** per entry: active updates among the core's neurons 0 .. neuron (inclusive). */
    final int[] activeUpTo;
    /** per entry: true when the spike left its neuron at rest (u = 0 after the reset). */
    final boolean[] atRest;
    private int fill;

    SpikeLog(int first, int cores, int neurons) {
        this.first = first;
        this.coreEnd = new int[cores];
        this.coreActive = new int[cores];
        this.learnNs = new double[cores];
        this.neuron = new int[neurons];
        this.activeUpTo = new int[neurons];
        this.atRest = new boolean[neurons];
    }

    void clear() {
        fill = 0;
    }

    /** @return entries recorded this step */
    int fill() {
        return fill;
    }

    /** Sets the entry count after the entries were copied in from another partition. */
    void setFill(int n) {
        fill = n;
    }

    /**
     * Appends a core's spikes of this step; cores are recorded in order, every core every step.
     *
     * @param core the core, after {@link CoreRuntime#afterUpdate}
     */
    void record(CoreRuntime core) {
        int local = core.index - first;
        int[] sp = core.spikes;
        if (core.isNeuron() && core.spikeCount > 0) {
            NeuronArray na = core.neurons;
            int at = 0;
            int active = 0;
            for (int k = 0; k < core.spikeCount; k++) {
                int s = sp[k];
                for (; at <= s; at++) {
                    active += isActive(na, core.base + at) ? 1 : 0;
                }
                neuron[fill] = s;
                atRest[fill] = na.u[core.base + s] == 0;
                activeUpTo[fill++] = active;
            }
        } else {
            for (int k = 0; k < core.spikeCount; k++) {
                neuron[fill] = sp[k];
                atRest[fill] = false;
                activeUpTo[fill++] = 0;
            }
        }
        coreActive[local] = core.active;
        coreEnd[local] = fill;
    }

    /**
     * As {@link NeuronArray#scan} counts it: at rest when u and v are both 0 after the step (a spiking neuron's v already
     * reset), read from the state because the scan has cleared the flags by now (reading them made every neuron active,
     * so that a message left its core later by the updates of neurons at rest before it, by 3.7 ns each on
     * loihi-calibrated, and the core's trailing entry earlier by as much).
     */
    private static boolean isActive(NeuronArray na, int i) {
        return (na.u[i] | na.v[i]) != 0;
    }
}
