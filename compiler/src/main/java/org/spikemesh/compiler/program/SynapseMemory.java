package org.spikemesh.compiler.program;

/**
 * The input side of one core: axons and their synapses. Axon {@code a} owns synapses
 * {@code axonStart[a] .. axonStart[a+1]-1}: target neuron (local), weight and delay. Weights of lanes with a
 * non-negative exponent are stored already shifted (a left shift distributes over int32 sums); axons of a group with
 * a negative exponent belong to a lane whose per-step sums are shifted right before they join the input ring, as
 * Lava does.
 * <p>
 * A memory can drop its per-synapse arrays ({@link #withoutTables()}) once a simulator has built its own tables
 * from them: the counts, lanes and largest delay stay, so reports and cost models still read the core's shape.
 * <p>
 * The axon offsets are held in 16 bits while the core's synapse count fits (every loihi-like and truenorth-like core),
 * else in 32: at 100 synapses per neuron on loihi-like nearly every synapse has an axon of its own, so this saves 2
 * bytes per synapse of a compiled program.
 *
 * (the constructor's parameters, each with the accessor of its name, but the offsets: {@link #axonStart(int)})
 * <ul><li>axons: number of axons; synapses: number of synapses;
 * <li>axonStart: offsets into the synapse arrays, one per axon plus one (null when dropped);
 * <li>post: target neuron of each synapse, local to the core (null when dropped)
 * <li>weight: weight of each synapse, shifted for lane 0 (null when dropped);
 * <li>delay: delay of each synapse in steps, or null when all are 0 or dropped;
 * <li>axonLane: lane of each axon (0: direct; k &gt; 0: lane k with exponent {@code laneExp[k]}), or null when all
 * are 0 or dropped;
 * <li>laneExp: exponent of each lane (index 0 unused); maxDelay: largest delay.</ul>
 */
public final class SynapseMemory {
    private final int axons;
    private final int synapses;
    /** the axon offsets, or null when dropped. */
    private final NarrowInts axonStart;
    private final short[] post;
    private final short[] weight;
    private final byte[] delay;
    private final byte[] axonLane;
    private final int[] laneExp;
    private final int maxDelay;

    /**
     * Checks that the counts match the arrays, when the arrays are held; keeps the offsets in 16 bits when they fit.
     *
     * @param axons number of axons
     * @param synapses number of synapses
     * @param axonStart offsets, one per axon plus one, or null for a memory without its arrays
     * @param post target neuron of each synapse, or null
     * @param weight weight of each synapse, or null
     * @param delay delay of each synapse, or null
     * @param axonLane lane of each axon, or null
     * @param laneExp exponent of each lane
     * @param maxDelay largest delay
     */
    public SynapseMemory(int axons, int synapses, int[] axonStart, short[] post, short[] weight, byte[] delay,
                         byte[] axonLane, int[] laneExp, int maxDelay) {
        if (axonStart != null && (axons != axonStart.length - 1 || post == null || synapses != post.length
                || weight == null || weight.length != synapses)) {
            throw new IllegalArgumentException("synapse memory of " + axons + " axons and " + synapses
                    + " synapses does not match its arrays");
        }
        if (axonStart == null && (post != null || weight != null || delay != null || axonLane != null)) {
            throw new IllegalArgumentException("a synapse memory without axon offsets holds no synapse arrays");
        }
        this.axons = axons;
        this.synapses = synapses;
        this.axonStart = NarrowInts.of(axonStart);
        this.post = post;
        this.weight = weight;
        this.delay = delay;
        this.axonLane = axonLane;
        this.laneExp = laneExp;
        this.maxDelay = maxDelay;
    }

    /**
     * A memory holding its arrays, counts taken from them.
     *
     * @param axonStart offsets into the synapse arrays, one per axon plus one
     * @param post target neuron of each synapse
     * @param weight weight of each synapse
     * @param delay delay of each synapse, or null when all are 0
     * @param axonLane lane of each axon, or null when all are 0
     * @param laneExp exponent of each lane
     * @param maxDelay largest delay
     */
    public SynapseMemory(int[] axonStart, short[] post, short[] weight, byte[] delay, byte[] axonLane, int[] laneExp,
                         int maxDelay) {
        this(axonStart.length - 1, post.length, axonStart, post, weight, delay, axonLane, laneExp, maxDelay);
    }

    /** @return number of lanes including the direct lane 0 */
    public int lanes() {
        return laneExp.length;
    }

    /** @return whether the per-synapse arrays are held ({@link #withoutTables()} drops them) */
    public boolean hasTables() {
        return post != null;
    }

    /**
     * @param axon an axon, or {@link #axons()} for the end of the last
     * @return the offset of its first synapse in the synapse arrays (the memory must hold its arrays)
     */
    public int axonStart(int axon) {
        return axonStart.get(axon);
    }

    /**
     * @param axon an axon
     * @return how many synapses it holds (the memory must hold its arrays)
     */
    public int axonSynapses(int axon) {
        return axonStart(axon + 1) - axonStart(axon);
    }

    /** @return number of axons */
    public int axons() {
        return axons;
    }

    /** @return number of synapses */
    public int synapses() {
        return synapses;
    }

    /** @return target neuron of each synapse, local to the core (null when dropped) */
    public short[] post() {
        return post;
    }

    /** @return weight of each synapse, shifted for lane 0 (null when dropped) */
    public short[] weight() {
        return weight;
    }

    /** @return delay of each synapse in steps, or null when all are 0 or dropped */
    public byte[] delay() {
        return delay;
    }

    /** @return lane of each axon, or null when all are 0 or dropped */
    public byte[] axonLane() {
        return axonLane;
    }

    /** @return exponent of each lane (index 0 unused) */
    public int[] laneExp() {
        return laneExp;
    }

    /** @return largest delay */
    public int maxDelay() {
        return maxDelay;
    }

    /** @return bytes of the per-axon and per-synapse arrays held */
    public long tableBytes() {
        return (axonStart == null ? 0 : axonStart.bytes()) + (post == null ? 0 : 2L * post.length) + (weight == null ? 0 : 2L * weight.length)
                + (delay == null ? 0 : delay.length) + (axonLane == null ? 0 : axonLane.length);
    }

    /** @return the same memory without its per-synapse and per-axon arrays: counts, lanes and largest delay only */
    public SynapseMemory withoutTables() {
        return new SynapseMemory(axons, synapses, null, null, null, null, null, laneExp, maxDelay);
    }
}
