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
     * source core, its headers) into the block's {@link #FIELDS} ints at {@link InboundTable#SUMS}.
     *
     * @param data the table's ints
     * @param block where the block starts
     * @param first the shard's first core
     * @param coreMask the headers' core bits
     * @param geo where the cores sit
     */
    static void sum(int[] data, int block, int first, int coreMask, RouteGeometry geo) {
        int srcCore = data[block + InboundTable.SOURCE];
        long src = geo.place[srcCore];
        long ew = 0;
        long ns = 0;
        long cc = 0;
        long within = 0;
        long east = 0;
        long west = 0;
        for (int j = block + InboundTable.META, end = j + data[block + InboundTable.HEADERS]; j < end; j++) {
            long dst = geo.place[first + (data[j] & coreMask)];
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
