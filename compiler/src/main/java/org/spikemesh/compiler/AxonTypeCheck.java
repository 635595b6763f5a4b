package org.spikemesh.compiler;

import java.util.Arrays;
import java.util.TreeSet;
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
 * axon reaches in the core has that weight already, or none yet (it then takes the axon's). A weight is the group's
 * integer weight with its exponent (w * 2^exp): two groups into one population agree only where both match. This finds
 * the types of the usual networks, whose weights follow the pre population or the sign (CUBA: one type for the
 * excitatory axons, one for the inhibitory). Where first fit misses, the partitioner halves the population's neurons
 * per core and tries again: on a core of one neuron it fails only when that neuron receives more distinct weights
 * than there are types.
 */
final class AxonTypeCheck {
    /** a neuron's weight for a type not given yet (weights lie in -256..255). */
    private static final int UNSET = Integer.MIN_VALUE;

    private final SynapseGroup group;
    private final Population post;
    /** neurons per core of {@link #post}. */
    private final int blockSize;
    /** per neuron of {@link #post} and type: its weight, or {@link #UNSET}; shared by every group into it. */
    private final int[] weightOfType;
    private final int types;
    private final ChipConfig chip;
    private final int[] postOf;
    private final Values weights;
    /** the group's weight exponent: part of each weight a type holds. */
    private final int exponent;
    /** the synapses of the pre neuron being typed, as (core's block, synapse), sorted. */
    private long[] row = new long[16];

    private AxonTypeCheck(SynapseGroup group, Population post, int blockSize, int[] weightOfType, ChipConfig chip) {
        this.group = group;
        this.post = post;
        this.blockSize = blockSize;
        this.weightOfType = weightOfType;
        this.types = chip.core().encoding().axonTypes();
        this.chip = chip;
        this.postOf = group.table().post();
        this.weights = group.weights();
        this.exponent = group.weightExp();
    }

    /**
     * Why the axons into some core of a population could not be given types.
     *
     * @param population the population's id
     * @param message one sentence naming the synapse group, the core and the axon or neuron
     */
    record Failure(int population, String message) {
    }

    /**
     * @param net the flat network, fixed point
     * @param part its blocks, a core each
     * @param chip the chip; nothing is checked when its synapses hold their weights
     * @return null when every core's axons have types, else the first core's failure
     */
    static Failure check(FlatNetwork net, Partition part, ChipConfig chip) {
        int types = chip.core().encoding().axonTypes();
        if (types == 0) {
            return null;
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
                Failure f = new AxonTypeCheck(g, q, part.blockSize()[q.id()], weightOfType[q.id()], chip).typeAxons();
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    /** @return the weight of synapse j as types hold it: its integer weight and its group's exponent */
    private int keyOf(int j) {
        return (int) weights.get(j) * 256 + exponent + 128;
    }

    /** @return a key as text: the weight, with its exponent when not 0 */
    private static String shown(int key) {
        int w = Math.floorDiv(key, 256);
        int e = Math.floorMod(key, 256) - 128;
        return e == 0 ? Integer.toString(w) : w + "*2^" + e;
    }

    /**
     * Gives a type to each axon of the group into the cores of the population.
     *
     * @return null, or the first core whose axon fits no type
     */
    private Failure typeAxons() {
        SynapseTable t = group.table();
        int[] rs = t.rowStart();
        for (int i = 0; i < t.numInputs(); i++) {
            int len = rs[i + 1] - rs[i];
            if (row.length < len) {
                row = new long[Math.max(len, 2 * row.length)];
            }
            for (int j = rs[i], n = 0; j < rs[i + 1]; j++, n++) {
                row[n] = (long) (postOf[j] / blockSize) << 32 | j;
            }
            Arrays.sort(row, 0, len);
            for (int from = 0; from < len; ) {
                int block = (int) (row[from] >>> 32);
                int to = from;
                while (to < len && (int) (row[to] >>> 32) == block) {
                    to++;
                }
                int type = firstFit(from, to);
                if (type < 0) {
                    return new Failure(post.id(), refusal(i, block, from, to));
                }
                for (int k = from; k < to; k++) {
                    int j = (int) row[k];
                    weightOfType[postOf[j] * types + type] = keyOf(j);
                }
                from = to;
            }
        }
        return null;
    }

    /** @return the first type whose weights agree with the synapses row[from..to), or -1 */
    private int firstFit(int from, int to) {
        for (int type = 0; type < types; type++) {
            boolean fits = true;
            for (int k = from; k < to && fits; k++) {
                int j = (int) row[k];
                int have = weightOfType[postOf[j] * types + type];
                fits = have == UNSET || have == keyOf(j);
            }
            if (fits) {
                return type;
            }
        }
        return -1;
    }

    /**
     * @return why the axon from pre neuron i fits no type in the given block: a neuron that would get more distinct
     *         weights than there are types, else the axons' weight patterns
     */
    private String refusal(int i, int block, int from, int to) {
        String rule = chip.name() + " gives each neuron " + types + " weights, one per axon type, and each input axon"
                + " of a core one type";
        for (int k = from; k < to; k++) {
            int j = (int) row[k];
            int n = postOf[j];
            TreeSet<Integer> distinct = new TreeSet<>();
            for (int type = 0; type < types; type++) {
                if (weightOfType[n * types + type] != UNSET) {
                    distinct.add(weightOfType[n * types + type]);
                }
            }
            distinct.add(keyOf(j));
            if (distinct.size() > types) {
                return "synapse group " + group.name() + ": neuron " + n + " of population " + post.name()
                        + " receives " + distinct.size() + " different weights " + distinct.stream()
                        .map(AxonTypeCheck::shown).toList() + "; " + rule + ", so at most " + types;
            }
        }
        int lo = block * blockSize;
        int hi = Math.min(post.size(), lo + blockSize) - 1;
        return "synapse group " + group.name() + ": the axon from " + group.pre().name() + "[" + i + "] into the core"
                + " of population " + post.name() + " holding neurons " + lo + ".." + hi + " fits none of the " + types
                + " axon types: its weights to the core's neurons differ from those of every type the core's earlier"
                + " axons set; " + rule + " (types are given first fit, axon by axon)";
    }
}
