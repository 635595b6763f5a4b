package org.spikemesh.simulator.chip;

/**
 * Per neuron of the program, what its messages into one shard add up to whenever it spikes: east-west and
 * north-south hops, chip crossings, messages that stay in their tile, and messages with an eastward and a westward
 * leg (the span starts and ends the shard writes at the source's tile). A route's counts depend only on where its
 * source and destination cores sit, so they are summed once when the shard is built instead of once per message
 * (the message's latency and the ends of its link spans at the destination are still counted per message).
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
    /** per program-wide neuron g, its sums at {@code FIELDS * g}. */
    final int[] sums;

    /**
     * @param in the shard's inbound table
     * @param geo where the cores sit
     * @param first the shard's first core
     * @param neurons neurons of the program
     */
    RouteSums(InboundTable in, RouteGeometry geo, int first, int neurons) {
        this.sums = new int[FIELDS * neurons];
        int[] record = in.neuron;
        int[] data = in.data;
        for (int g = 0; g < neurons; g++) {
            long src = geo.place[record[InboundTable.RECORD * g + InboundTable.CORE]];
            long ew = 0;
            long ns = 0;
            long cc = 0;
            long within = 0;
            long east = 0;
            long west = 0;
            for (int j = record[InboundTable.RECORD * g + InboundTable.START],
                 end = record[InboundTable.RECORD * g + InboundTable.SYNAPSES]; j < end; j++) {
                int seg = data[j];
                long dst = geo.place[first + (seg & in.coreMask)];
                int ex = RouteGeometry.tileX(dst) - RouteGeometry.tileX(src);
                int ey = RouteGeometry.tileY(dst) - RouteGeometry.tileY(src);
                ew += Math.abs(ex);
                ns += Math.abs(ey);
                cc += RouteGeometry.chipCrossings(src, dst);
                within += (ex | ey) == 0 ? 1 : 0;
                east += ex > 0 ? 1 : 0;
                west += ex < 0 ? 1 : 0;
            }
            put(g, EAST_WEST, ew);
            put(g, NORTH_SOUTH, ns);
            put(g, CROSSINGS, cc);
            put(g, WITHIN, within);
            put(g, EAST, east);
            put(g, WEST, west);
        }
    }

    private void put(int g, int field, long value) {
        if (value > Integer.MAX_VALUE) {
            throw new IllegalStateException("neuron " + g + " sends more than 2^31 hops in one spike");
        }
        sums[FIELDS * g + field] = (int) value;
    }

    /** @return bytes held */
    long bytes() {
        return 4L * sums.length;
    }
}
