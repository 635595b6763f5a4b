/**
 * The arithmetic of on-chip learning, shared by the reference backend and the chip engine so that both give the same
 * weights bit for bit: pre and post traces with their per-epoch history, the learning rule evaluated per synapse in
 * Loihi's fixed point (Lava's bit-approximate model) or in floating point, and the stochastic rounding drawn from a
 * counter-based generator, so that nothing depends on how synapses are split over cores or threads.
 */
package org.spikemesh.simulator.learning;
