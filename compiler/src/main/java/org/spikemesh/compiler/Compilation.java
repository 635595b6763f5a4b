package org.spikemesh.compiler;

import org.spikemesh.compiler.program.ChipProgram;

/**
 * What the compiler returns.
 *
 * @param program the program for the chip engine
 * @param report how the network was mapped
 * @param network the flat (fixed-point) network that was mapped
 * @param graph the fixed-point process graph the program runs (the input itself unless it was quantised)
 */
public record Compilation(ChipProgram program, MappingReport report, FlatNetwork network,
                          org.spikemesh.process.ProcessGraph graph) {
}
