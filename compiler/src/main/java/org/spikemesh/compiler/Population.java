package org.spikemesh.compiler;

import org.spikemesh.process.Process;
import org.spikemesh.process.lib.LIF;

/**
 * A group of neurons (or spike sources) of one leaf process, the unit the partitioner cuts into blocks.
 *
 * @param id position in the flat network
 * @param process the leaf process (LIF, SpikeInput or PoissonSource)
 * @param size number of neurons
 */
public record Population(int id, Process process, int size) {
    /** @return true for LIF neurons, false for spike sources */
    public boolean isNeuron() {
        return process instanceof LIF;
    }

    /** @return the process name */
    public String name() {
        return process.name();
    }
}
