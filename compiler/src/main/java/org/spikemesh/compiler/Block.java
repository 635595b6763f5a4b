package org.spikemesh.compiler;

/**
 * A core-sized slice {@code [lo, hi)} of one population and what it uses of the core's limits.
 *
 * @param id block number (blocks of a population are consecutive)
 * @param population the population it slices
 * @param lo first neuron
 * @param hi one past the last neuron
 * @param axons distinct input axons (pre neurons of any group with a synapse into the block)
 * @param synapses synapses stored in the block's core
 * @param memoryBytes synapse memory used in the chosen format
 * @param format dense or sparse (or "none" without synapses)
 * @param routes output routes: pairs (neuron, destination block) with at least one synapse
 */
public record Block(int id, Population population, int lo, int hi, int axons, long synapses, long memoryBytes,
                    String format, long routes) {
    /** @return neurons in the block */
    public int neurons() {
        return hi - lo;
    }
}
