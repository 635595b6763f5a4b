package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * The event carried on a shard-to-shard ring buffer: all messages of one step from one shard to another, as
 * primitive arrays (the program-wide numbers of the neurons that spiked and reach that shard), plus, for the shard that reports to the listeners, that
 * step's spikes (pairs of core and neuron) and probed state. Arrays grow when needed and are reused step after step.
 */
final class Batch {
    int step;
    int[] messages = new int[256];
    int messageInts;
    int[] spikes = new int[64];
    int spikeInts;
    int[] state = new int[0];
    int stateInts;

    void reset(int t) {
        step = t;
        messageInts = 0;
        spikeInts = 0;
        stateInts = 0;
    }

    void addMessage(int neuron) {
        if (messageInts == messages.length) {
            messages = Arrays.copyOf(messages, messages.length * 2);
        }
        messages[messageInts++] = neuron;
    }

    void addSpike(int core, int neuron) {
        if (spikeInts + 2 > spikes.length) {
            spikes = Arrays.copyOf(spikes, spikes.length * 2);
        }
        spikes[spikeInts++] = core;
        spikes[spikeInts++] = neuron;
    }

    void addState(int[] values, int from, int n) {
        if (stateInts + n > state.length) {
            state = Arrays.copyOf(state, Math.max(state.length * 2, stateInts + n));
        }
        System.arraycopy(values, from, state, stateInts, n);
        stateInts += n;
    }
}
