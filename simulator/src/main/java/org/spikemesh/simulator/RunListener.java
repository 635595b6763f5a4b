package org.spikemesh.simulator;

import org.spikemesh.process.Process;
import org.spikemesh.process.Var;

/**
 * Receives what a backend records after each step. Arrays are only valid during the call (backends reuse them).
 */
public interface RunListener {
    /**
     * Spikes a process emitted at a step.
     *
     * @param step the step (1, 2, ...)
     * @param process the spiking process
     * @param neurons indices of the neurons that fired, ascending, in [0, count)
     * @param count number of spikes
     */
    default void spikes(int step, Process process, int[] neurons, int count) {
    }

    /**
     * The value of a probed Var after a step.
     *
     * @param step the step
     * @param var the Var
     * @param values its values (fixed-point runs: exact integers)
     */
    default void values(int step, Var var, double[] values) {
    }

    /**
     * Called after every step, after spikes and values.
     *
     * @param step the step that ended
     */
    default void stepEnded(int step) {
    }
}
