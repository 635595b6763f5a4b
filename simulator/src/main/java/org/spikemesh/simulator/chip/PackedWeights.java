package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * How an {@link InboundTable} writes the weight of a one-synapse message into the bits its header leaves (above the
 * core and the target): the weight itself when every such weight fits those bits, else an index into a small
 * dictionary of the most frequent weights. A large shard leaves few bits (1 000 000 neurons on one thread: 26 316
 * cores and 38 neurons per core leave 10 bits, and CUBA's inhibitory weight, -900, needs 11), yet such networks use
 * a handful of distinct weights, so with the dictionary every message of CUBA is packed at every size. A weight outside
 * the dictionary leaves its message unpacked, as before.
 */
final class PackedWeights {
    /** Bits the weights of one-synapse messages are counted in: a synapse memory holds 16-bit weights. */
    private static final int WEIGHTS = 1 << 16;

    private final int bits;
    /** index -> weight, or null when weights are written as they are. */
    private final int[] dictionary;
    /** weight + 32768 -> index + 1 (0: not in the dictionary); null when weights are written as they are. */
    private final int[] indexOf;

    /** one-synapse messages packed. */
    private final long packed;

    private PackedWeights(int bits, int[] dictionary, int[] indexOf, long packed) {
        this.bits = bits;
        this.dictionary = dictionary;
        this.indexOf = indexOf;
        this.packed = packed;
    }

    /** Counts the weights of the one-synapse messages a table could pack, to {@link #choose} from. */
    static final class Census {
        private final long[] count = new long[WEIGHTS];
        private long total;

        void add(int weight) {
            count[weight + WEIGHTS / 2]++;
            total++;
        }

        long total() {
            return total;
        }
    }

    /**
     * @param census the weights of the one-synapse messages
     * @param bits bits a header leaves for a weight (0 or fewer: nothing is packed)
     * @return the weights as they are when all fit in {@code bits} signed bits, else a dictionary of the 2^bits most
     *         frequent ones (ties: the smaller weight first, so the same program always gives the same table)
     */
    static PackedWeights choose(Census census, int bits) {
        if (bits <= 0) {
            return new PackedWeights(0, null, null, 0);
        }
        boolean allFit = true;
        int distinct = 0;
        for (int k = 0; k < WEIGHTS; k++) {
            if (census.count[k] != 0) {
                distinct++;
                allFit &= fits(k - WEIGHTS / 2, bits);
            }
        }
        if (allFit) {
            return new PackedWeights(bits, null, null, census.total);
        }
        // here a weight needs more than bits, so bits < 16 and the dictionary holds at most 2^15 entries
        int size = Math.min(distinct, 1 << bits);
        long[] byCount = new long[distinct];
        int at = 0;
        for (int k = 0; k < WEIGHTS; k++) {
            if (census.count[k] != 0) {
                // most frequent first, then the smaller weight: count descending in the high bits, weight ascending low
                // (a count is below 2^46: no table holds that many synapses)
                byCount[at++] = ((1L << 46) - census.count[k]) << 16 | k;
            }
        }
        Arrays.sort(byCount);
        int[] dictionary = new int[size];
        int[] indexOf = new int[WEIGHTS];
        long packed = 0;
        for (int i = 0; i < size; i++) {
            int k = (int) (byCount[i] & 0xFFFF);
            dictionary[i] = k - WEIGHTS / 2;
            indexOf[k] = i + 1;
            packed += census.count[k];
        }
        return new PackedWeights(bits, dictionary, indexOf, packed);
    }

    private static boolean fits(int w, int bits) {
        return w >= -(1 << (bits - 1)) && w < 1 << (bits - 1);
    }

    /**
     * @param weight a one-synapse message's weight
     * @return whether its message is packed
     */
    boolean packs(int weight) {
        if (bits <= 0) {
            return false;
        }
        return indexOf == null ? fits(weight, bits) : indexOf[weight + WEIGHTS / 2] != 0;
    }

    /**
     * @param weight a weight that {@link #packs}
     * @return what the header holds for it in its weight bits (the weight, or its index in the dictionary)
     */
    int code(int weight) {
        return indexOf == null ? weight : indexOf[weight + WEIGHTS / 2] - 1;
    }

    /** @return how many of the counted one-synapse messages are packed */
    long packed() {
        return packed;
    }

    /** @return the dictionary (index -> weight), or null when headers hold the weights themselves */
    int[] dictionary() {
        return dictionary;
    }
}
