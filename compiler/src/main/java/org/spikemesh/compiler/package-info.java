/**
 * The compiler: maps a {@link org.spikemesh.process.ProcessGraph} onto a {@link org.spikemesh.chip.ChipConfig}.
 * Each stage is a class with one job: {@link org.spikemesh.compiler.Flattener} (populations and synapse groups),
 * {@link org.spikemesh.compiler.Quantiser} (float to fixed point), {@link org.spikemesh.compiler.Partitioner}
 * (core-sized blocks under every core limit), {@link org.spikemesh.compiler.Placer} (greedy start plus annealing),
 * {@link org.spikemesh.compiler.RouteBuilder} (XY routes, routing tables, multicast trees) and
 * {@link org.spikemesh.compiler.Emitter} (the {@link org.spikemesh.compiler.program.ChipProgram}).
 * {@link org.spikemesh.compiler.Compiler} runs them in order and returns the program with its
 * {@link org.spikemesh.compiler.MappingReport}; a network that does not fit raises a one-line
 * {@link org.spikemesh.compiler.MappingException}.
 */
package org.spikemesh.compiler;
