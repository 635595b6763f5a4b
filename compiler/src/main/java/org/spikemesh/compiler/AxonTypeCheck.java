package org.spikemesh.compiler;

import java.util.Arrays;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.process.Values;
import org.spikemesh.process.lib.SynapseTable;

/**
 * For chips whose synapses hold no weight ({@link org.spikemesh.chip.SynapseEncoding#axonTypes}, TrueNorth: a crossbar
 * bit per axon and neuron, a few weights per neuron, one per axon type, and one type per input axon of a core): gives
 * every input axon of every core a type such that each neuron's weight from an axon is its weight for that type, or
 * refuses the network naming the core, the axon and why.
 *
 * <p>An input axon is a synapse group's pre neuron reaching a core (as the partitioner counts axons). Types are given
 * first fit, axon after axon in the order of the groups and pre neurons: the first type for which every neuron the
 * axon reaches in the core has that weight already, or none yet (it then takes the axon's). This finds the types of
 * the usual networks, whose weights follow the pre population or the sign (CUBA: one type for the excitatory axons,
 * one for the inhibitory); a network it refuses may still have types first fit misses.
 */
final class AxonTypeCheck {
    /** a neuron's weight for a type not given yet (weights lie in -256..255). */
    private static final int UNSET = Integer.MIN_VALUE;

    private AxonTypeCheck() {
    }

    /**
     * @param net the flat network, fixed point
     * @param part its blocks, a core each
     * @param chip the chip; nothing is checked when its synapses hold their weights
     * @throws MappingException when a core's axons cannot be given types
     */
    static void check(FlatNetwork net, Partition part, ChipConfig chip) {
        int types = chip.core().encoding().axonTypes();
        if (types == 0) {
            return;
        }
        int[][] weightOfType = new int[net.populations().size()][];
        for (SynapseGroup g : net.groups()) {
            if (g.pre() == null || g.weights() == null) {
                continue;
            }
            for (Population q : g.posts()) {
                if (weightOfType[q.id()] == null) {
                    weightOfType[q.id()] = new int[q.size() * types];
                    Arrays.fill(weightOfType[q.id()], UNSET);
                }
                typeAxons(g, q, part.blockSize()[q.id()], weightOfType[q.id()], types, chip);
            }
        }
    }

    /** Gives a type to each axon of group g into the cores of population q, whose blocks hold kq neurons. */
    private static void typeAxons(SynapseGroup g, Population q, int kq, int[] table, int types, ChipConfig chip) {
        SynapseTable t = g.table();
        int[] rs = t.rowStart();
        int[] post = t.post();
        Values ws = g.weights();
        long[] row = new long[16];
        for (int i = 0; i < t.numInputs(); i++) {
            int len = rs[i + 1] - rs[i];
            if (row.length < len) {
                row = new long[Math.max(len, 2 * row.length)];
            }
            // the row's synapses by core: (block, synapse)
            for (int j = rs[i], n = 0; j < rs[i + 1]; j++, n++) {
                row[n] = (long) (post[j] / kq) << 32 | j;
            }
            Arrays.sort(row, 0, len);
            for (int from = 0; from < len; ) {
                int block = (int) (row[from] >>> 32);
                int to = from;
                while (to < len && (int) (row[to] >>> 32) == block) {
                    to++;
                }
                int type = firstFit(row, from, to, post, ws, table, types);
                if (type < 0) {
                    throw new MappingException(refusal(g, q, i, block, kq, row, from, to, post, ws, table, types, chip));
                }
                for (int k = from; k < to; k++) {
                    int j = (int) row[k];
                    table[post[j] * types + type] = (int) ws.get(j);
                }
                from = to;
            }
        }
    }

    /** @return the first type whose weights agree with the synapses row[from..to), or -1 */
    private static int firstFit(long[] row, int from, int to, int[] post, Values ws, int[] table, int types) {
        for (int type = 0; type < types; type++) {
            boolean fits = true;
            for (int k = from; k < to && fits; k++) {
                int j = (int) row[k];
                int have = table[post[j] * types + type];
                fits = have == UNSET || have == (int) ws.get(j);
            }
            if (fits) {
                return type;
            }
        }
        return -1;
    }

    /**
     * @return why the axon from pre neuron i of group g fits no type in block b of q: a neuron that would get more
     *         distinct weights than there are types, else the axons' weight patterns
     */
    private static String refusal(SynapseGroup g, Population q, int i, int block, int kq, long[] row, int from, int to,
                                  int[] post, Values ws, int[] table, int types, ChipConfig chip) {
        int lo = block * kq;
        int hi = Math.min(q.size(), lo + kq) - 1;
        String core = "the core of population " + q.name() + " holding neurons " + lo + ".." + hi;
        String rule = chip.name() + " gives each neuron " + types + " weights, one per axon type, and each input axon"
                + " of a core one type";
        for (int k = from; k < to; k++) {
            int j = (int) row[k];
            int n = post[j];
            java.util.TreeSet<Integer> distinct = new java.util.TreeSet<>();
            for (int type = 0; type < types; type++) {
                if (table[n * types + type] != UNSET) {
                    distinct.add(table[n * types + type]);
                }
            }
            distinct.add((int) ws.get(j));
            if (distinct.size() > types) {
                return "synapse group " + g.name() + ": neuron " + n + " of population " + q.name() + " receives "
                        + distinct.size() + " different weights " + distinct + "; " + rule + ", so at most " + types;
            }
        }
        return "synapse group " + g.name() + ": the axon from " + g.pre().name() + "[" + i + "] into " + core
                + " fits none of the " + types + " axon types: its weights to the core's neurons differ from those"
                + " of every type the core's earlier axons set; " + rule + " (types are given first fit, axon by axon)";
    }
}
