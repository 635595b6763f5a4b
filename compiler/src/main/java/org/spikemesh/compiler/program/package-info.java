/**
 * The compiled program the chip engine runs: per core the neuron state, the axon and synapse tables in the
 * chip's encoding, and the routing table with each route's precomputed path (hops, chip crossings, latency,
 * link span). Everything the engine needs and nothing it must recompute.
 */
package org.spikemesh.compiler.program;
