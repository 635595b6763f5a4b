package org.spikemesh.compiler.program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers a program's cores by their place on the chip: program index k is the core with the k-th smallest global
 * core number (chip by chip, then tile by tile). The emitter numbers cores by block, population after population,
 * wherever the placer put them; in place order, a contiguous range of program cores, which is what a chip engine's
 * shard and a partitioned run's process are given, is a contiguous stretch of the mesh: its messages' turns, its link
 * spans and its cores' tiles lie in that stretch, not all over the mesh. Nothing a core does changes: its neurons,
 * synapse memory, route entries (slot, axon) and multicast tree are kept; only the program indices are renumbered, in
 * the cores' list, their route tables' sources and slots, the mesh geometry, the tile arrays, the plastic blocks and
 * the segments a streamed program emits.
 */
public final class CoreOrder {
    private CoreOrder() {
    }

    /**
     * @param p a program
     * @return the program with its cores in global core order (p itself when they are already)
     */
    public static ChipProgram byPlace(ChipProgram p) {
        int n = p.cores().size();
        long[] key = new long[n];
        for (int k = 0; k < n; k++) {
            key[k] = (long) p.cores().get(k).globalCore() << 32 | k;
        }
        Arrays.sort(key);
        int[] newIndex = new int[n];
        boolean same = true;
        for (int k = 0; k < n; k++) {
            newIndex[(int) key[k]] = k;
            same &= (int) key[k] == k;
        }
        return same ? p : renumbered(p, newIndex);
    }

    /**
     * @param p a program
     * @param newIndex the new program index of each core, a permutation of 0 .. n - 1
     * @return the program with core k of p as core newIndex[k]
     * @throws IllegalArgumentException when newIndex is not such a permutation, or a core of p is not numbered by its
     *                                  place in the list
     */
    public static ChipProgram renumbered(ChipProgram p, int[] newIndex) {
        int n = p.cores().size();
        if (newIndex.length != n) {
            throw new IllegalArgumentException(newIndex.length + " new indices for " + n + " cores");
        }
        int[] oldIndex = new int[n];
        Arrays.fill(oldIndex, -1);
        for (int k = 0; k < n; k++) {
            if (p.cores().get(k).index() != k) {
                throw new IllegalArgumentException("core " + k + " of the program says it is core "
                        + p.cores().get(k).index());
            }
            if (newIndex[k] < 0 || newIndex[k] >= n || oldIndex[newIndex[k]] >= 0) {
                throw new IllegalArgumentException("new index " + newIndex[k] + " of core " + k
                        + " is out of 0.." + (n - 1) + " or given twice");
            }
            oldIndex[newIndex[k]] = k;
        }
        if (n == 0) {
            return p;
        }
        MeshPaths paths = renumbered(p.cores().get(0).routes().paths(), oldIndex);
        List<CoreProgram> cores = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            CoreProgram c = p.cores().get(oldIndex[k]);
            cores.add(new CoreProgram(k, c.globalCore(), c.process(), c.lo(), c.hi(), c.neurons(), c.synapses(),
                    c.routes().renumbered(newIndex, paths), c.tile(), c.format(), c.memoryBytes()));
        }
        List<PlasticBlock> plastic = new ArrayList<>(p.plastic().size());
        for (PlasticBlock b : p.plastic()) {
            plastic.add(renumbered(b, newIndex));
        }
        return new ChipProgram(p.chip(), List.copyOf(cores), p.tilesX(), p.tilesY(), permuted(p.tileX(), oldIndex),
                permuted(p.tileY(), oldIndex), p.tilesInUse(), List.copyOf(plastic),
                p.stream() == null ? null : new Renumbered(p.stream(), newIndex));
    }

    /** @return values[oldIndex[k]] for each k */
    private static int[] permuted(int[] values, int[] oldIndex) {
        int[] r = new int[oldIndex.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = values[oldIndex[k]];
        }
        return r;
    }

    private static MeshPaths renumbered(MeshPaths m, int[] oldIndex) {
        return new MeshPaths(permuted(m.tileX(), oldIndex), permuted(m.tileY(), oldIndex),
                permuted(m.chipX(), oldIndex), permuted(m.chipY(), oldIndex), m.withinTileNs(), m.eastWestNs(),
                m.northSouthNs(), m.interChipNs());
    }

    /** The block's core and its inputs' source cores renumbered (inputs without an axon here keep theirs). */
    private static PlasticBlock renumbered(PlasticBlock b, int[] newIndex) {
        int[] preCore = b.preCore().clone();
        for (int i = 0; i < preCore.length; i++) {
            if (b.axonOfPre()[i] >= 0) {
                preCore[i] = newIndex[preCore[i]];
            }
        }
        return new PlasticBlock(b.process(), newIndex[b.core()], b.postOffset(), b.posts(), b.axonOfPre(), preCore,
                b.preLocal());
    }

    /** A streamed program's segments with their cores renumbered. */
    private record Renumbered(SynapseSegments segments, int[] newIndex) implements SynapseSegments {
        @Override
        public void forEach(Sink sink) {
            segments.forEach(new Sink() {
                @Override
                public int segment(int core, int neuron, int dest, int axon, int lane, int synapses) {
                    return sink.segment(newIndex[core], neuron, newIndex[dest], axon, lane, synapses);
                }

                @Override
                public void synapse(int dest, int place, int post, int weight, int delay) {
                    sink.synapse(newIndex[dest], place, post, weight, delay);
                }
            });
        }

        @Override
        public boolean delays() {
            return segments.delays();
        }
    }
}
