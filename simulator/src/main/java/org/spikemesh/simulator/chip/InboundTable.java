package org.spikemesh.simulator.chip;

import org.spikemesh.compiler.program.ChipProgram;

/**
 * One shard's view of the synapse memories of its cores, re-indexed by source neuron: for every neuron of the
 * program (numbered across all cores), the segments it reaches in this shard, one per route (destination core and
 * axon), each with the axon's synapses copied in order. A spike is then delivered by one sequential walk instead of
 * one table lookup per message, and a batch to another shard carries one int per spike instead of one per message.
 * Built once from the {@link ChipProgram}'s segments ({@link InboundBuilder}), so it holds exactly the synapses the
 * chip stores.
 *
 * <p>Packed for memory and for one sequential read per spike, since with small cores most segments hold one
 * synapse: a neuron's block in one int array holds its core, its number of segments here and what its messages here
 * add up to ({@link RouteSums}), then its segments' headers (each its core in the shard and its synapse count), then
 * every segment's synapses (target in the core, weight) in the same order. Per neuron one int ({@link #start}) says
 * where its block starts, so a spike costs one read of that small array and one walk through its block (before, a
 * record of 16 bytes and the route sums of 24 each took a cache line of their own per spike and shard). A neuron
 * with no message into this shard has an empty block. The headers come first so that the next header's place does
 * not wait for the one before to be read (with headers between the synapses, each header's load waited on the count
 * in the previous one); the messages are counted from the headers alone.
 *
 * <p>A segment of one synapse whose weight fits in the bits left is packed whole into its header, flagged by the
 * sign bit: core, target and weight, with no synapse after. When some such weight needs more bits than a large shard
 * leaves, the header holds the weight's index in a small dictionary of the shard's most frequent weights instead
 * ({@link PackedWeights}). In large sparse networks nearly every message carries one
 * synapse, so this halves the table (CUBA at 64 000 neurons on loihi-like: 100 synapses and about 97 messages per
 * neuron) and the memory a spike reads. Tables with input lanes or delays, and segments into cores with plastic
 * synapses (whose weights learning rewrites at known places), are not packed.
 *
 * <p>A neuron whose one-synapse segments here all carry one weight (as CUBA's do: every excitatory synapse has one
 * weight, every inhibitory one another) has a block of one weight when that is shorter: after the {@link #SOURCE} and
 * the sums, its number of one-synapse segments negated ({@link #HEADERS}), the weight, the number of its other
 * segments; then each one-synapse segment's target in {@link #targetWidth} bits: in a shard of at most 65 536
 * neurons, its place in the shard's neuron arrays in 16 bits, two to an int (its core comes from
 * {@link #coreOfNeuron}); in a larger one, its core and its neuron in the core as in a packed header, in
 * {@link #coreBits} plus {@link #targetBits} bits, read as a stream of bits. Then its other segments' headers and
 * synapses as in any block. CUBA at 64 000 neurons with 80 inputs each on 1 thread: 16 bits a message instead of 32,
 * the engine's tables 4.9 -> 3.1 bytes per synapse. Tables with input lanes or delays have none, nor do neurons with
 * segments into plastic synapses.
 */
final class InboundTable {
    /** Ints of a block before its headers: {@link #SOURCE}, {@link #HEADERS}, then the {@link RouteSums} fields. */
    static final int META = 2 + RouteSums.FIELDS;
    /** Place in a block of the neuron's core (program index). */
    static final int SOURCE = 0;
    /**
     * Place in a block of the neuron's number of segments (headers) in this shard, negated for a block of one weight.
     */
    static final int HEADERS = 1;
    /** Place in a block of the first {@link RouteSums} field. */
    static final int SUMS = 2;
    /** System property: {@code false} builds no block of one weight (tests compare both layouts). */
    static final String ONE_WEIGHT_PROPERTY = "spikemesh.engine.one-weight-blocks";
    /**
     * System property: {@code core} writes the targets of blocks of one weight as core and neuron in the core in every
     * shard, as larger shards do (tests take that path on small networks); by default shards of at most
     * {@link #MAX_PLACE_NEURONS} neurons write places.
     */
    static final String TARGETS_PROPERTY = "spikemesh.engine.one-weight-targets";

    /**
     * the most neurons a shard may have for targets as places in 16 bits with a table of their cores
     * ({@link #coreOfNeuron}, 128 KB at most, read once a message). Beyond, a target holds its core: with places and
     * that table, CUBA at 1 000 000 neurons on one thread (2 MB) took 2.60-3.13 s against 2.05-2.42 s with headers
     * (1 000 steps).
     */
    static final int MAX_PLACE_NEURONS = 1 << 16;

    /** the most bits of a target written as core and neuron in the core: wider, the block keeps headers. */
    static final int MAX_TARGET_BITS = 24;
    /** per program-wide neuron g, where its block starts in {@link #data}; {@code start[g + 1]} ends it. */
    final int[] start;
    /** per neuron of the shard's cores, its routes in the whole program, at its number less {@link #firstNeuron}. */
    final int[] routesOut;
    /** the program-wide number of the shard's first neuron. */
    final int firstNeuron;
    /**
     * per neuron with messages into this shard, a block: {@link #META} ints; then its segments' headers, each with its
     * destination core (index in the shard) in the low {@link #coreBits} bits and above either the synapse count (sign
     * bit clear) or, for a packed segment (sign bit set), its synapse's target neuron in {@link #targetBits} bits and
     * weight (or its index in {@link #weightDictionary}) in the bits up to the sign bit; then the synapses of the
     * segments that are not packed, each its target neuron within the core (low 16 bits) and weight (high 16 bits,
     * signed). A block of one weight (see the class comment) holds its weight, its other segments' count and its
     * targets between the META ints and those headers.
     */
    final int[] data;
    final int coreBits;
    final int coreMask;
    /** bits of a packed segment's target neuron (above the core bits), and their mask. */
    final int targetBits;
    final int targetMask;
    /** right shift that takes a packed segment, shifted left by one, to its weight (the bits above its target). */
    final int weightShift;
    /**
     * the weights of packed segments by the index their headers hold, or null when the headers hold the weights
     * themselves (see {@link PackedWeights}).
     */
    final int[] weightDictionary;
    /** mask of a packed header's weight bits, taken to an index. */
    final int weightIndexMask;
    /** lane of each segment at its header's place in {@link #data}, or null when every segment is direct (lane 0). */
    final byte[] lane;
    /** delay of each synapse at its place in {@link #data}, or null when all are 0. */
    final byte[] delay;
    /** per core of the shard: its first neuron in the shard's neuron arrays. */
    final int[] base;
    /** per core of the program holding plastic synapses in this shard: first synapse of each axon here (else null). */
    private final int[][] axonSyn;
    /**
     * per neuron of the shard, at its place in the shard's neuron arrays: its core's index in the shard; null when no
     * block is of one weight.
     */
    final char[] coreOfNeuron;
    /**
     * bits of a target in a block of one weight: 16 for places (two to an int, {@link #coreOfNeuron} set), else
     * {@link #coreBits} plus {@link #targetBits}; 0 when no block is of one weight.
     */
    final int targetWidth;

    InboundTable(int[] start, int[] routesOut, int firstNeuron, int[] data, int coreBits, int targetBits,
                         int[] weightDictionary, byte[] lane, byte[] delay, int[] base, int[][] axonSyn,
                         char[] coreOfNeuron, int targetWidth) {
        this.start = start;
        this.routesOut = routesOut;
        this.firstNeuron = firstNeuron;
        this.data = data;
        this.coreBits = coreBits;
        this.coreMask = coreMaskOf(coreBits);
        this.targetBits = targetBits;
        this.targetMask = (1 << targetBits) - 1;
        this.weightShift = 1 + coreBits + targetBits;
        this.weightDictionary = weightDictionary;
        this.weightIndexMask = (1 << (31 - coreBits - targetBits)) - 1;
        this.lane = lane;
        this.delay = delay;
        this.base = base;
        this.axonSyn = axonSyn;
        this.coreOfNeuron = coreOfNeuron;
        this.targetWidth = targetWidth;
    }

    private static int coreMaskOf(int coreBits) {
        return (1 << coreBits) - 1;
    }

    /** The flag of a packed segment (a negative int). */
    static final int PACKED = 1 << 31;

    /**
     * System property: at most this many bits for a weight in a packed header (default: all the bits the header
     * leaves). Tests set it low so that small networks take the weight dictionary of {@link PackedWeights}.
     */
    static final String PACKED_WEIGHT_BITS_PROPERTY = "spikemesh.engine.packed-weight-bits";

    static int maxPackedWeightBits() {
        return Integer.getInteger(PACKED_WEIGHT_BITS_PROPERTY, 31);
    }

    /**
     * @param core a core of this shard holding plastic synapses
     * @return the shard-wide index of the first synapse of each of its axons
     */
    int[] axonSynapses(int core) {
        return axonSyn[core];
    }

    /**
     * @param data a table's ints
     * @param block where a block of one weight starts
     * @param k a message of it
     * @param width the table's {@link #targetWidth}
     * @return the message's target as written: its place in the shard's neuron arrays, or its core and its neuron in
     *         the core (the delivery reads the same bits as a stream)
     */
    static int oneWeightTarget(int[] data, int block, int k, int width) {
        int bit = k * width;
        int i = block + META + 2 + (bit >>> 5);
        int off = bit & 31;
        // the bits that pass the end of the int come from the next one
        int v = data[i] >>> off | (off + width > 32 ? data[i + 1] << (32 - off) : 0);
        return v & (1 << width) - 1;
    }

    /**
     * @param block where a block of one weight starts
     * @param targets its one-synapse messages
     * @param width the table's {@link #targetWidth}
     * @return where the headers of its other segments start
     */
    static int oneWeightHeaders(int block, int targets, int width) {
        return block + META + 2 + targetInts(targets, width);
    }

    /** @return the ints that targets of the given width take */
    static int targetInts(int targets, int width) {
        return (int) (((long) targets * width + 31) >>> 5);
    }

    /** @return whether a block of one weight is shorter than headers for this many one-synapse messages */
    static boolean oneWeightShorter(int targets, int width) {
        return 2 + targetInts(targets, width) < targets;
    }

    /** Sets the weight of the synapse at place i of {@link #data} (its target stays). */
    void setWeight(int i, short w) {
        data[i] = (data[i] & 0xFFFF) | w << 16;
    }

    /** @return bytes held by the table */
    long bytes() {
        return 4L * start.length + 4L * routesOut.length + 4L * data.length + (lane == null ? 0 : lane.length)
                + (delay == null ? 0 : delay.length) + 4L * base.length
                + (weightDictionary == null ? 0 : 4L * weightDictionary.length)
                + (coreOfNeuron == null ? 0 : 2L * coreOfNeuron.length);
    }
}
