package org.spikemesh.simulator.reference;

/** The spikes an OutPort sent this step: neuron indices, ascending. Reused every step. */
final class SpikeBuffer {
    final int[] idx;
    int n;

    SpikeBuffer(int size) {
        this.idx = new int[size];
    }
}
