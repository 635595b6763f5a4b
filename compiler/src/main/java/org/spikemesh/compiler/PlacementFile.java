package org.spikemesh.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spikemesh.chip.ChipConfig;

/**
 * A placement file: CSV {@code population,first_neuron,chip,core}, one row per pinned block (the block of the
 * population that starts at that neuron), {@code core} numbered within its chip. Populations or blocks not listed are
 * placed automatically. {@code spikemesh map --write-placement} writes every block in this form, so a layout can be
 * edited and fed back with {@code --placement}.
 */
public final class PlacementFile {
    /**
     * One pinned block.
     *
     * @param population population name
     * @param firstNeuron first neuron of the block
     * @param chip chip number
     * @param core core within the chip
     * @param where file and line, for errors
     */
    public record Pin(String population, int firstNeuron, int chip, int core, String where) {
    }

    private PlacementFile() {
    }

    /**
     * @param file the placement file
     * @return its pins
     * @throws IOException when it cannot be read
     */
    public static List<Pin> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such placement file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Pin> pins = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || i == 0 && line.startsWith("population")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 4) {
                throw new IllegalArgumentException(where + ": expected population,first_neuron,chip,core, got '" + line
                        + "'");
            }
            try {
                pins.add(new Pin(f[0].trim(), Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim()), where));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": first_neuron, chip and core must be integers, got '" + line
                        + "'");
            }
        }
        return pins;
    }

    /**
     * @param c a compilation
     * @return its placement as file text, every block pinned where the compiler put it
     */
    public static String write(Compilation c) {
        ChipConfig chip = c.program().chip();
        StringBuilder sb = new StringBuilder("population,first_neuron,chip,core\n");
        for (org.spikemesh.compiler.program.CoreProgram k : c.program().cores()) {
            sb.append(k.process().name()).append(',').append(k.lo()).append(',')
                    .append(k.globalCore() / chip.coresPerChip()).append(',').append(k.globalCore() % chip.coresPerChip())
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * Resolves pins to block -&gt; global core, checking populations, block starts, cores and collisions.
     *
     * @param pins pins
     * @param part the partition
     * @param chip the chip (with the chips used)
     * @return global core per block, -1 where not pinned
     */
    static int[] resolve(List<Pin> pins, Partition part, ChipConfig chip) {
        int[] pinned = new int[part.blocks().size()];
        java.util.Arrays.fill(pinned, -1);
        java.util.Map<Integer, String> used = new java.util.HashMap<>();
        for (Pin p : pins) {
            Block b = null;
            StringBuilder starts = new StringBuilder();
            boolean known = false;
            for (Block k : part.blocks()) {
                if (k.population().name().equals(p.population())) {
                    known = true;
                    if (starts.length() < 80) {
                        starts.append(starts.length() == 0 ? "" : ", ").append(k.lo());
                    }
                    if (k.lo() == p.firstNeuron()) {
                        b = k;
                    }
                }
            }
            if (!known) {
                throw new MappingException(p.where() + ": no population '" + p.population() + "' in the network");
            }
            if (b == null) {
                throw new MappingException(p.where() + ": population " + p.population() + " has no block starting at"
                        + " neuron " + p.firstNeuron() + "; its blocks start at " + starts);
            }
            if (p.chip() < 0 || p.chip() >= chip.mesh().chips() || p.core() < 0 || p.core() >= chip.coresPerChip()) {
                throw new MappingException(p.where() + ": chip " + p.chip() + " core " + p.core() + " does not exist on "
                        + chip.name() + " x " + chip.mesh().chips() + " (chips 0.." + (chip.mesh().chips() - 1)
                        + ", cores 0.." + (chip.coresPerChip() - 1) + "); pass --chips to use more chips");
            }
            int global = p.chip() * chip.coresPerChip() + p.core();
            String before = used.put(global, p.where());
            if (before != null) {
                throw new MappingException(p.where() + ": chip " + p.chip() + " core " + p.core() + " is already taken by "
                        + before + "; one block per core");
            }
            if (pinned[b.id()] >= 0) {
                throw new MappingException(p.where() + ": block " + p.population() + "@" + p.firstNeuron()
                        + " is pinned twice");
            }
            pinned[b.id()] = global;
        }
        return pinned;
    }
}
