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
 * @param stream for a streamed program, which holds no synapse and route arrays, its synapses emitted again from the
 *               network on each read; null for a program holding its arrays (or one without them after
 *               {@link #withoutTables()})
 */
public record ChipProgram(ChipConfig chip, List<CoreProgram> cores, int tilesX, int tilesY, int[] tileX, int[] tileY,
                          int tilesInUse, List<PlasticBlock> plastic, SynapseSegments stream) {
    /**
     * A program holding its synapse and route arrays.
     *
     * @param chip chip configuration
     * @param cores mapped cores
     * @param tilesX tiles along x
     * @param tilesY tiles along y
     * @param tileX global tile x of each core
     * @param tileY global tile y of each core
     * @param tilesInUse tiles in use
     * @param plastic the plastic synapse blocks
     */
    public ChipProgram(ChipConfig chip, List<CoreProgram> cores, int tilesX, int tilesY, int[] tileX, int[] tileY,
                       int tilesInUse, List<PlasticBlock> plastic) {
        this(chip, cores, tilesX, tilesY, tileX, tileY, tilesInUse, plastic, null);
    }

    /** @return whether the program's synapses are read from the network on demand ({@link #stream()}) */
    public boolean streamed() {
        return stream != null;
    }

    /**
     * @return the program's synapses, segment by segment: from its arrays, or emitted again for a streamed program
     * @throws IllegalStateException when the program holds neither (after {@link #withoutTables()})
     */
    public SynapseSegments segments() {
        if (stream != null) {
            return stream;
        }
        for (CoreProgram c : cores) {
            if (!c.synapses().hasTables() || !c.routes().hasTables()) {
                throw new IllegalStateException("this program has dropped its synapse and route arrays: build the"
                        + " simulator from the compiled program");
            }
        }
        return new TableSegments(this);
    }
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
