package org.spikemesh.compiler.program;

import java.util.List;
import org.spikemesh.chip.ChipConfig;

/**
 * A compiled network: the chip (with the number of chips used), the mapped cores and the mesh geometry the
 * engine needs for link accounting.
 *
 * @param chip chip configuration, {@code mesh.chips} set to the chips used
 * @param cores mapped cores in program order
 * @param tilesX tiles along x of the whole system (chips side by side)
 * @param tilesY tiles along y
 * @param tileX global tile x of each core
 * @param tileY global tile y of each core
 * @param tilesInUse tiles holding at least one mapped core
 * @param plastic the plastic synapse blocks, one per (learning process, core)
 */
public record ChipProgram(ChipConfig chip, List<CoreProgram> cores, int tilesX, int tilesY, int[] tileX, int[] tileY,
                          int tilesInUse, List<PlasticBlock> plastic) {
    /** @return synapses over all cores */
    public long synapses() {
        long n = 0;
        for (CoreProgram c : cores) {
            n += c.synapses().synapses();
        }
        return n;
    }

    /** @return bytes of the cores' synapse and route arrays, the part {@link #withoutTables()} drops */
    public long tableBytes() {
        long n = 0;
        for (CoreProgram c : cores) {
            n += c.synapses().tableBytes() + c.routes().tableBytes();
        }
        return n;
    }

    /**
     * The program as a simulator keeps it once it has built its own tables: every core
     * {@link CoreProgram#withoutTables() without its synapse and route arrays} (the bulk of a program: 13-16 bytes
     * per synapse at 100 synapses per neuron), the plastic blocks, which learning goes on reading, kept.
     *
     * @return the program without per-synapse arrays
     */
    public ChipProgram withoutTables() {
        List<CoreProgram> light = new java.util.ArrayList<>(cores.size());
        for (CoreProgram c : cores) {
            light.add(c.withoutTables());
        }
        return new ChipProgram(chip, List.copyOf(light), tilesX, tilesY, tileX, tileY, tilesInUse, plastic);
    }
}
