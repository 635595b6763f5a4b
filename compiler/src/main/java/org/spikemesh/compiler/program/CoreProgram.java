package org.spikemesh.compiler.program;

import org.spikemesh.process.Process;

/**
 * One mapped core: which neurons it holds, their initial state and parameters, its synapse memory and its routes.
 *
 * @param index program index (cores are numbered 0..n-1 in the program, in the order of
 *              their global core numbers: see {@link CoreOrder})
 * @param globalCore the core's number on the chip(s)
 * @param process the population's process (LIF, SpikeInput or PoissonSource)
 * @param lo first neuron of the process held here
 * @param hi one past the last
 * @param neurons LIF state and parameters, or null for a source core
 * @param synapses synapse memory (empty for cores without inputs)
 * @param routes routing table
 * @param tile global tile number (tiles with mapped cores count for the barrier)
 * @param format synapse format used: dense, sparse or none
 * @param memoryBytes synapse memory in the chip's encoding
 */
public record CoreProgram(int index, int globalCore, Process process, int lo, int hi, NeuronState neurons,
                          SynapseMemory synapses, RouteTable routes, int tile, String format, long memoryBytes) {
    /** @return neurons on the core */
    public int size() {
        return hi - lo;
    }

    /**
     * @return this core without its per-synapse and per-neuron-route arrays ({@link SynapseMemory#withoutTables()},
     *         {@link RouteTable#withoutTables()}); neuron state and parameters stay
     */
    public CoreProgram withoutTables() {
        return new CoreProgram(index, globalCore, process, lo, hi, neurons, synapses.withoutTables(),
                routes.withoutTables(), tile, format, memoryBytes);
    }
}
