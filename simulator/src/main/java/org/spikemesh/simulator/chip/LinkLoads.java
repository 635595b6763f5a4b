package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * The link loads of each step: the shards' link-span differences ({@link StepPartial#eastWest},
 * {@link StepPartial#northSouth}) summed and turned into the messages on every link of the mesh by prefix sums, plus
 * the links multicast trees count directly. Keeps the busiest link of the step, the buffer overflows (what a link holds
 * beyond the buffers' depth), per-link totals over the run and, when asked, per-link loads by window of steps.
 */
final class LinkLoads {
    private final CostModel cost;
    private final int gx;
    private final int gy;
    /** per-link message totals: east, west, north, south, each tilesX*tilesY, indexed y*tilesX+x. */
    private final long[][] linkTotals;
    /** this step's messages per link, by direction (east, west, north, south) and source tile. */
    private final long[][] stepLinks;
    /** the busiest link of the step being closed, coded as RouteTable's tree links (-1: none). */
    private int busiestLink;
    /** messages beyond the buffers' depth on their link, over the run. */
    private long bufferOverflows;

    /**
     * @param cost the cost model (the buffers' depth)
     * @param gx tiles along x of the whole system
     * @param gy tiles along y
     */
    LinkLoads(CostModel cost, int gx, int gy) {
        this.cost = cost;
        this.gx = gx;
        this.gy = gy;
        this.linkTotals = new long[4][gx * gy];
        this.stepLinks = new long[4][gx * gy];
        this.columnSums = new long[gx];
        // made here, not on first use: see ChipEngine#stepPartials
        this.sumEastWest = new long[gy * (gx + 1)];
        this.sumNorthSouth = new long[gy * (gx + 1)];
    }

    /** @return the busiest link of the step last closed, coded direction * tiles + tile (-1: none) */
    int busiestLink() {
        return busiestLink;
    }

    /** @return messages beyond the buffers' depth on their link, over the run */
    long bufferOverflows() {
        return bufferOverflows;
    }

    /**
     * @param direction 0 east, 1 west, 2 north, 3 south
     * @return messages over the run on each link of that direction, indexed {@code y * tilesX + x} of its source tile
     */
    long[] totals(int direction) {
        return linkTotals[direction].clone();
    }

    private int linkEvery;
    private int linkFill;
    private long[][] linkWindow;
    private long[] linkRows = new long[0];
    private int linkRowCount;

    /** Sums the link loads over windows of k steps too (0: none), see {@link #byWindow}. */
    void every(int k) {
        linkEvery = k;
        linkWindow = k > 0 ? new long[4][gx * gy] : null;
    }

    /** Closes the link window in progress at step t (rows: step, direction, link index, messages; non-zero only). */
    void flushWindow(int t) {
        if (linkWindow == null || linkFill == 0) {
            return;
        }
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < linkWindow[d].length; i++) {
                if (linkWindow[d][i] != 0) {
                    if ((linkRowCount + 1) * 4 > linkRows.length) {
                        linkRows = Arrays.copyOf(linkRows, Math.max(64, linkRows.length * 2));
                    }
                    int at = linkRowCount * 4;
                    linkRows[at] = t;
                    linkRows[at + 1] = d;
                    linkRows[at + 2] = i;
                    linkRows[at + 3] = linkWindow[d][i];
                    linkRowCount++;
                    linkWindow[d][i] = 0;
                }
            }
        }
        linkFill = 0;
    }

    /**
     * @return link loads by window: rows of {window end step, direction (0 east, 1 west, 2 north, 3 south), link
     *         index y * tilesX + x of its source tile, messages}
     */
    long[][] byWindow() {
        long[][] r = new long[linkRowCount][];
        for (int k = 0; k < linkRowCount; k++) {
            r[k] = Arrays.copyOfRange(linkRows, k * 4, k * 4 + 4);
        }
        return r;
    }

    /** @return the sum of the shards' east-west (or north-south) link difference arrays, in a reused array */
    private long[] sumOf(StepPartial[] ps, boolean eastWest) {
        long[] first = eastWest ? ps[0].eastWest : ps[0].northSouth;
        long[] sum = eastWest ? sumEastWest : sumNorthSouth;
        System.arraycopy(first, 0, sum, 0, first.length);
        for (int k = 1; k < ps.length; k++) {
            long[] a = eastWest ? ps[k].eastWest : ps[k].northSouth;
            for (int i = 0; i < a.length; i++) {
                sum[i] += a[i];
            }
        }
        return sum;
    }

    private final long[] sumEastWest;
    private final long[] sumNorthSouth;

    /**
     * The loads of every link in step t, from the shards' partials: added to the totals and to the window (closed when
     * it is full); sets {@link #busiestLink()} and counts buffer overflows.
     *
     * @return the load of the busiest link
     */
    long close(int t, StepPartial[] ps) {
        long busiest = loads(ps);
        if (linkWindow != null && ++linkFill == linkEvery) {
            flushWindow(t);
        }
        return busiest;
    }

    private long loads(StepPartial[] ps) {
        long[][] load = stepLinks;
        int tiles = gx * gy;
        long[] h = ps[0].eastWest;
        long[] v = ps[0].northSouth;
        if (ps.length > 1) {
            // the shards' difference arrays summed first, in two vectorised loops per shard
            h = sumOf(ps, true);
            v = sumOf(ps, false);
        }
        prefixSums(h, v, load[0], load[1], load[2], load[3]);
        if (ps.length > 0 && ps[0].linkDirect.length > 0) {
            // multicast trees count every link they use directly
            long[] direct = sumDirect(ps, tiles);
            for (int d = 0; d < 4; d++) {
                long[] l = load[d];
                for (int i = 0; i < tiles; i++) {
                    l[i] += direct[d * tiles + i];
                }
            }
        }
        long depth = cost.bufferDepth();
        long busiestEastWest = 0;
        long busiestNorthSouth = 0;
        for (int d = 0; d < 4; d++) {
            long[] l = load[d];
            long[] total = linkTotals[d];
            long most = 0;
            long over = 0;
            for (int i = 0; i < tiles; i++) {
                long m = l[i];
                // what a link holds beyond the buffers' depth overflows
                over += Math.max(0, m - depth);
                most = Math.max(most, m);
                total[i] += m;
            }
            bufferOverflows += over;
            if (d < 2) {
                busiestEastWest = Math.max(busiestEastWest, most);
            } else {
                busiestNorthSouth = Math.max(busiestNorthSouth, most);
            }
            if (linkWindow != null) {
                long[] win = linkWindow[d];
                for (int i = 0; i < tiles; i++) {
                    win[i] += l[i];
                }
            }
        }
        busiestLink = busiestLinkOf(Math.max(busiestEastWest, busiestNorthSouth), busiestEastWest >= busiestNorthSouth);
        return Math.max(busiestEastWest, busiestNorthSouth);
    }

    /**
     * Each link's load is the prefix sum of its differences (the west ones taken one tile on, the south ones one row
     * on): along each row for east and west, down the columns for north and south. The sums run over the packed pairs
     * themselves, each half read back once from the running sum ({@link StepPartial#low}, {@link StepPartial#high}):
     * a sum of pairs is the pair of the sums while each half stays inside an int, as the step's messages keep it
     * (links 0.018-0.019 s of a 10 000-step run at 64 000 neurons on 1 thread, against 0.022-0.023 decoding every
     * difference first).
     */
    private void prefixSums(long[] h, long[] v, long[] east, long[] west, long[] north, long[] south) {
        int gx1 = gx + 1;
        for (int y = 0; y < gy; y++) {
            long sum = 0;
            long before = 0;
            for (int x = 0, at = y * gx1, i = y * gx; x < gx; x++, at++, i++) {
                sum += h[at];
                east[i] = StepPartial.low(sum);
                west[i] = before;
                before = StepPartial.high(sum);
            }
        }
        long[] column = columnSums;
        Arrays.fill(column, 0);
        for (int y = 0; y < gy; y++) {
            for (int x = 0, at = y * gx1, i = y * gx; x < gx; x++, at++, i++) {
                long sum = column[x];
                south[i] = StepPartial.high(sum);
                sum += v[at];
                north[i] = StepPartial.low(sum);
                column[x] = sum;
            }
        }
    }

    /** per column, the running sum of the north-south differences down it, while {@link #prefixSums} runs. */
    private final long[] columnSums;

    /**
     * The busiest link of the step, coded as direction * tiles + tile: the first link carrying {@code most} messages
     * with the east-west links taken row by row, then the north-south links column by column, east before west and
     * north before south at a tile (-1 when no link carries any).
     *
     * @param most the load of the busiest link
     * @param eastWest whether an east-west link carries it
     */
    private int busiestLinkOf(long most, boolean eastWest) {
        if (most == 0) {
            return -1;
        }
        long[][] load = stepLinks;
        int tiles = gx * gy;
        if (eastWest) {
            for (int i = 0; i < tiles; i++) {
                if (load[0][i] == most) {
                    return i;
                }
                if (load[1][i] == most) {
                    return tiles + i;
                }
            }
        } else {
            for (int x = 0; x < gx; x++) {
                for (int i = x; i < tiles; i += gx) {
                    if (load[2][i] == most) {
                        return 2 * tiles + i;
                    }
                    if (load[3][i] == most) {
                        return 3 * tiles + i;
                    }
                }
            }
        }
        throw new IllegalStateException("no link carries the busiest load " + most);
    }

    /** @return the shards' multicast link counts summed, by link code (direction * tiles + y * tilesX + x) */
    private long[] sumDirect(StepPartial[] ps, int tiles) {
        if (directSum == null) {
            directSum = new long[4 * tiles];
        }
        System.arraycopy(ps[0].linkDirect, 0, directSum, 0, directSum.length);
        for (int k = 1; k < ps.length; k++) {
            long[] a = ps[k].linkDirect;
            for (int i = 0; i < a.length; i++) {
                directSum[i] += a[i];
            }
        }
        return directSum;
    }

    private long[] directSum;

}
