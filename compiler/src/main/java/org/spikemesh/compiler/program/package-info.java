/**
 * The compiled program the chip engine runs: per core the neuron state, the axon and synapse tables in the
 * chip's encoding, and the routing table with each route's precomputed path (hops, chip crossings, latency,
 * link span). Everything the engine needs and nothing it must recompute. A streamed program keeps the counts but not
 * the synapse and route arrays, and emits its synapses again from the network, segment by segment, whenever a
 * simulator reads them ({@link org.spikemesh.compiler.program.SynapseSegments}).
 */
package org.spikemesh.compiler.program;
