package org.spikemesh.simulator.chip;

/**
 * What a neuron's messages into one shard add up to whenever it spikes: east-west and north-south hops, chip
 * crossings, messages that stay in their tile, and messages with an eastward and a westward leg (the span starts and
 * ends the shard writes at the source's tile). A route's counts depend only on where its source and destination cores
 * sit, so they are summed once, into the neuron's block of the {@link InboundTable}, when the table is built instead
 * of once per message (the message's latency and the ends of its link spans at the destination are still counted per
 * message).
 */
final class RouteSums {
    /** ints per neuron. */
    static final int FIELDS = 6;
    static final int EAST_WEST = 0;
    static final int NORTH_SOUTH = 1;
    static final int CROSSINGS = 2;
    static final int WITHIN = 3;
    static final int EAST = 4;
    static final int WEST = 5;

    private RouteSums() {
    }

    /**
     * Sums the messages of the block at {@code block} of {@code data} (laid out as {@link InboundTable#data}: its
     * source core, its headers or, for a block of one weight, its targets) into the block's {@link #FIELDS} ints at
     * {@link InboundTable#SUMS}.
     *
     * @param data the table's ints
     * @param block where the block starts
     * @param first the shard's first core
     * @param coreMask the headers' core bits
     * @param coreOfNeuron the core of each neuron of the shard, for a block of one weight whose targets are places
     *                     (null when they hold their cores)
     * @param width bits of a target in a block of one weight
     * @param geo where the cores sit
     */
    static void sum(int[] data, int block, int first, int coreMask, char[] coreOfNeuron, int width,
                    RouteGeometry geo) {
        int srcCore = data[block + InboundTable.SOURCE];
        int count = data[block + InboundTable.HEADERS];
        long src = geo.place[srcCore];
        long ew = 0;
        long ns = 0;
        long cc = 0;
        long within = 0;
        long east = 0;
        long west = 0;
        // a block of one weight: -count targets, then its other segments' headers
        int targets = count < 0 ? -count : 0;
        int headers = count < 0 ? InboundTable.oneWeightHeaders(block, targets, width) - targets
                : block + InboundTable.META;
        int n = count < 0 ? targets + data[block + InboundTable.META + 1] : count;
        for (int k = 0; k < n; k++) {
            int local;
            if (k < targets) {
                int x = InboundTable.oneWeightTarget(data, block, k, width);
                local = coreOfNeuron != null ? coreOfNeuron[x] : x & coreMask;
            } else {
                local = data[headers + k] & coreMask;
            }
            long dst = geo.place[first + local];
            int ex = RouteGeometry.tileX(dst) - RouteGeometry.tileX(src);
            int ey = RouteGeometry.tileY(dst) - RouteGeometry.tileY(src);
            ew += Math.abs(ex);
            ns += Math.abs(ey);
            cc += RouteGeometry.chipCrossings(src, dst);
            within += (ex | ey) == 0 ? 1 : 0;
            east += ex > 0 ? 1 : 0;
            west += ex < 0 ? 1 : 0;
        }
        if (ew + ns > Integer.MAX_VALUE) {
            throw new IllegalStateException("a neuron of core " + srcCore + " sends more than 2^31 hops in one spike");
        }
        int at = block + InboundTable.SUMS;
        data[at + EAST_WEST] = (int) ew;
        data[at + NORTH_SOUTH] = (int) ns;
        data[at + CROSSINGS] = (int) cc;
        data[at + WITHIN] = (int) within;
        data[at + EAST] = (int) east;
        data[at + WEST] = (int) west;
    }
}
