package org.spikemesh.compiler;

import org.spikemesh.compiler.program.ChipProgram;

/**
 * What the compiler returns.
 *
 * @param program the program for the chip engine
 * @param report how the network was mapped
 * @param network the flat (fixed-point) network that was mapped
 */
public record Compilation(ChipProgram program, MappingReport report, FlatNetwork network) {
}
