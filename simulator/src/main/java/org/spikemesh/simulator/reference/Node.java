package org.spikemesh.simulator.reference;

import org.spikemesh.process.Process;
import org.spikemesh.process.Var;

/**
 * One leaf process as the reference backend runs it. Within step t: delay elements {@link #emit} what they
 * accumulated at t-1, the other processes {@link #step} in dependency order, then delay elements {@link #receive}
 * the spikes of step t.
 */
abstract class Node {
    final Process process;

    Node(Process process) {
        this.process = process;
    }

    /** Delay elements: send the activation accumulated at the previous step. */
    void emit(int step) {
    }

    /** Non-delay processes: read inputs, update state, send outputs. */
    void step(int step) {
    }

    /** Delay elements: accumulate the inputs of this step for the next. */
    void receive(int step) {
    }

    /** @return the spikes this node sent this step, or null if it sends none */
    SpikeBuffer spikesOut() {
        return null;
    }

    abstract double[] read(Var var);

    abstract void write(Var var, double[] values);
}
