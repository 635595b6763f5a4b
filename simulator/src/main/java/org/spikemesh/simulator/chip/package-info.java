/**
 * The chip engine: runs a compiled {@link org.spikemesh.compiler.program.ChipProgram} timestep by timestep on
 * shards of cores, one thread each, exchanging spike batches over Disruptor ring buffers. Every counter is an
 * integer summed per core or per link, so spikes, state, op counts, link loads, energy and time do not depend on
 * the number of threads. {@link org.spikemesh.simulator.chip.ChipEngine} is the entry point;
 * {@link org.spikemesh.simulator.chip.CostModel} turns counts into time and energy.
 */
package org.spikemesh.simulator.chip;
