package org.spikemesh.simulator.chip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The link loads of a run, kept either whole by the closer of each step ({@link LinkLoads#close} over every shard's
 * partial) or in bands of columns, one per shard, each closed by its own shard.
 *
 * <p><b>Bands.</b> When the shards' cores sit in bands of columns, west to east in shard order (ten loihi-like chips
 * side by side on 2 threads: columns 0-19 and 20-39), every difference a shard writes can be kept inside its own band:
 * a message's north-south span ends lie in its destination's column, its east-west span ends at its turn (the
 * destination's column) and at its source. The receiving shard writes the first ones; the source end is written by
 * the sending shard instead ({@link #sourceSpans}, added when it routes its spikes), since the sum of every partial is
 * what the loads come from, whichever shard wrote each difference. A shard's band is then closed from its own partial
 * and, per row, the sums of the rows of the bands west of it ({@link LinkLoads#rowSums}), which is all that crosses
 * between the shards; the closer of the step only picks the busiest link among the bands' busiest. Without bands every
 * shard's differences span the mesh, and the closer read each of them, line by line, and then its shard emptied it
 * again: about 80 cache lines a shard a step at 64 000 neurons, across the two dies of this machine.
 *
 * <p>Totals, windows and overflows are the same either way: each band keeps its own links', and they are put together
 * when read, between runs.
 */
final class LinkBands {
    private final int gx;
    private final int gy;
    private final LinkLoads[] bands;
    /** whether each shard closes its band (else one band, the whole mesh, closed by the closer of each step). */
    private final boolean byShards;
    private int busiestLink = -1;

    /** One band: the whole mesh, closed from every shard's partial by the closer of each step. */
    LinkBands(CostModel cost, int gx, int gy) {
        this(cost, gx, gy, null);
    }

    /**
     * @param cost the cost model
     * @param gx tiles along x of the whole system
     * @param gy tiles along y
     * @param bounds the first column of each shard's band and, last, tilesX ({@link #bounds}); null for the whole mesh
     *               closed by the closer
     */
    LinkBands(CostModel cost, int gx, int gy, int[] bounds) {
        this.gx = gx;
        this.gy = gy;
        this.byShards = bounds != null;
        int[] b = bounds != null ? bounds : new int[]{0, gx};
        this.bands = new LinkLoads[b.length - 1];
        for (int s = 0; s < bands.length; s++) {
            bands[s] = new LinkLoads(cost, gx, gy, b[s], b[s + 1]);
        }
    }

    /** @return whether each shard closes its own band of columns */
    boolean byShards() {
        return byShards;
    }

    /** @return the links of shard s's band */
    LinkLoads band(int s) {
        return bands[s];
    }

    /**
     * The bands of columns the shards' cores fall in, when they do: shard s's cores all lie in columns bounds[s] ..
     * bounds[s + 1] - 1, the first band starting at column 0 and the last ending at tilesX - 1 (the columns between two
     * shards' cores go to the eastern one).
     *
     * @param geo where the cores sit
     * @param lo each shard's first core
     * @param hi each shard's end core
     * @param gx tiles along x of the whole system
     * @return the bands' first columns and, last, gx; or null when two shards' cores share a column, or are not west
     *         to east in shard order
     */
    static int[] bounds(RouteGeometry geo, int[] lo, int[] hi, int gx) {
        int s = lo.length;
        int[] bounds = new int[s + 1];
        int previousEast = -1;
        for (int k = 0; k < s; k++) {
            if (lo[k] >= hi[k]) {
                return null;
            }
            int west = Integer.MAX_VALUE;
            int east = -1;
            for (int c = lo[k]; c < hi[k]; c++) {
                int x = RouteGeometry.tileX(geo.place[c]);
                west = Math.min(west, x);
                east = Math.max(east, x);
            }
            if (west <= previousEast) {
                return null;
            }
            bounds[k] = k == 0 ? 0 : west;
            previousEast = east;
        }
        bounds[s] = gx;
        return bounds;
    }

    /**
     * Per neuron of a shard, the source ends of the east-west spans of all its messages, into every shard: messages
     * with an eastward leg in the low half, less those with a westward leg in the high half, as
     * {@link StepPartial#eastWest} holds them (from each shard's {@link RouteSums}).
     *
     * @param tables every shard's inbound table
     * @param firstNeuron the shard's first neuron
     * @param neurons its neurons
     * @return per neuron, at its number less firstNeuron
     */
    static long[] sourceSpans(InboundTable[] tables, int firstNeuron, int neurons) {
        long[] spans = new long[neurons];
        for (InboundTable in : tables) {
            for (int i = 0; i < neurons; i++) {
                int g = firstNeuron + i;
                int block = in.start[g];
                if (block != in.start[g + 1]) {
                    int k = block + InboundTable.SUMS;
                    spans[i] += StepPartial.pair(in.data[k + RouteSums.EAST], -in.data[k + RouteSums.WEST]);
                }
            }
        }
        return spans;
    }

    /**
     * The loads of step t: closed here from every partial without bands; with bands (each closed by its shard
     * already), the busiest of the bands' busiest links.
     *
     * @return the load of the busiest link; {@link #busiestLink()} is the link
     */
    long close(int t, StepPartial[] ps) {
        if (!byShards) {
            long most = bands[0].close(t, ps);
            busiestLink = bands[0].busiestLink();
            return most;
        }
        int tiles = gx * gy;
        long eastWest = 0;
        int eastWestLink = -1;
        long northSouth = 0;
        int northSouthLink = -1;
        for (StepPartial p : ps) {
            // of equal loads, the first link in the whole mesh's order: east-west row by row, east before west at a
            // tile; north-south column by column, north before south
            if (p.eastWestMost > eastWest || p.eastWestMost == eastWest && eastWest > 0
                    && eastWestOrder(p.eastWestLink, tiles) < eastWestOrder(eastWestLink, tiles)) {
                eastWest = p.eastWestMost;
                eastWestLink = p.eastWestLink;
            }
            if (p.northSouthMost > northSouth || p.northSouthMost == northSouth && northSouth > 0
                    && northSouthOrder(p.northSouthLink, tiles) < northSouthOrder(northSouthLink, tiles)) {
                northSouth = p.northSouthMost;
                northSouthLink = p.northSouthLink;
            }
        }
        long most = Math.max(eastWest, northSouth);
        busiestLink = most == 0 ? -1 : eastWest >= northSouth ? eastWestLink : northSouthLink;
        return most;
    }

    /** @return an east-west link's place in row order, east before west at a tile */
    private static long eastWestOrder(int link, int tiles) {
        return 2L * (link % tiles) + link / tiles;
    }

    /** @return a north-south link's place in column order, north before south at a tile */
    private long northSouthOrder(int link, int tiles) {
        int tile = link % tiles;
        return 2L * ((long) (tile % gx) * gy + tile / gx) + link / tiles - 2;
    }

    /** @return the busiest link of the step last closed, coded direction * tiles + tile (-1: none) */
    int busiestLink() {
        return busiestLink;
    }

    /** @return messages beyond the buffers' depth on their link, over the run */
    long bufferOverflows() {
        long sum = 0;
        for (LinkLoads b : bands) {
            sum += b.bufferOverflows();
        }
        return sum;
    }

    /**
     * @param direction 0 east, 1 west, 2 north, 3 south
     * @return messages over the run on each link of that direction, indexed {@code y * tilesX + x} of its source tile
     */
    long[] totals(int direction) {
        long[] sum = bands[0].totals(direction);
        for (int s = 1; s < bands.length; s++) {
            long[] b = bands[s].totals(direction);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += b[i];
            }
        }
        return sum;
    }

    /** Sums the link loads over windows of k steps too (0: none), see {@link #byWindow}. */
    void every(int k) {
        for (LinkLoads b : bands) {
            b.every(k);
        }
    }

    /** Closes the link window in progress at step t. */
    void flushWindow(int t) {
        for (LinkLoads b : bands) {
            b.flushWindow(t);
        }
    }

    /**
     * @return link loads by window: rows of {window end step, direction (0 east, 1 west, 2 north, 3 south), link
     *         index y * tilesX + x of its source tile, messages}, by window, direction and link
     */
    long[][] byWindow() {
        if (bands.length == 1) {
            return bands[0].byWindow();
        }
        List<long[]> rows = new ArrayList<>();
        for (LinkLoads b : bands) {
            rows.addAll(Arrays.asList(b.byWindow()));
        }
        rows.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1])
                .thenComparingLong(r -> r[2]));
        return rows.toArray(new long[0][]);
    }
}
