/**
 * The chip engine: runs a compiled {@link org.spikemesh.compiler.program.ChipProgram} timestep by timestep on
 * shards of cores, one thread each, exchanging spike batches over Disruptor ring buffers. Every counter is an
 * integer summed per core or per link, so spikes, state, op counts, link loads, energy and time do not depend on
 * the number of threads. {@link org.spikemesh.simulator.chip.ChipEngine} is the entry point;
 * {@link org.spikemesh.simulator.chip.CostModel} turns counts into time and energy; each shard delivers spikes from an
 * {@link org.spikemesh.simulator.chip.InboundTable}, built from the program's segments by
 * {@link org.spikemesh.simulator.chip.InboundBuilder}. A run can also be split over
 * processes ({@link org.spikemesh.simulator.chip.PartitionPlan}): shards in other processes are reached through a
 * {@link org.spikemesh.simulator.chip.PartitionWire} (Aeron, in the cluster module) by a bridge agent, and the
 * coordinator closes every step from all shards' partials, so the results equal a one-process run.
 */
package org.spikemesh.simulator.chip;
