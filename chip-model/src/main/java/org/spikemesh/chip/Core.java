package org.spikemesh.chip;

/**
 * One neuromorphic core: its capacities and its per-event costs.
 *
 * @param maxNeurons neurons (compartments)
 * @param maxFanInAxons input axons
 * @param maxFanOutRoutes output axon routes
 * @param synapseMemoryBytes synapse memory
 * @param encoding synapse encoding
 * @param neuronStateBits bits of u and v
 * @param clockMhz clock
 * @param synop one synaptic operation
 * @param neuronUpdateActive updating a neuron whose state changes
 * @param neuronUpdateInactive updating an idle neuron
 * @param spikeOut sending one spike message
 * @param messageReceive receiving one spike message
 */
public record Core(int maxNeurons, int maxFanInAxons, int maxFanOutRoutes, long synapseMemoryBytes,
                   SynapseEncoding encoding, int neuronStateBits, double clockMhz, Cost synop, Cost neuronUpdateActive,
                   Cost neuronUpdateInactive, Cost spikeOut, Cost messageReceive) {
}
