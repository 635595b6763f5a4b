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
        this.columnSums = new long[gx];
        // made here, not on first use: see StepCloser#stepPartials
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

    /**
     * Each link's load is the prefix sum of its differences (the west ones taken one tile on, the south ones one row
     * on): along each row for east and west, down the columns for north and south. The sums run over the packed pairs
     * themselves, each half read back once from the running sum ({@link StepPartial#low}, {@link StepPartial#high}):
     * a sum of pairs is the pair of the sums while each half stays inside an int, as the step's messages keep it
     * (links 0.018-0.019 s of a 10 000-step run at 64 000 neurons on 1 thread, against 0.022-0.023 decoding every
     * difference first). Each load goes straight into the totals, the window, the overflows and the search for the
     * busiest link, in one pass per direction pair with no array of the step's loads (two shards' differences added as
     * they are read): see {@link #eastWest} and {@link #northSouth}.
     *
     * @return the load of the busiest link
     */
    private long loads(StepPartial[] ps) {
        int tiles = gx * gy;
        long[] h = ps[0].eastWest;
        long[] v = ps[0].northSouth;
        long[] h2 = null;
        long[] v2 = null;
        if (ps.length == 2) {
            h2 = ps[1].eastWest;
            v2 = ps[1].northSouth;
        } else if (ps.length > 2) {
            // the shards' difference arrays summed first, in two vectorised loops per shard
            h = sumOf(ps, true);
            v = sumOf(ps, false);
        }
        long[] direct = ps.length > 0 && ps[0].linkDirect.length > 0 ? sumDirect(ps, tiles) : null;
        long eastWestMost = eastWest(h, h2, direct);
        int eastWestLink = found;
        long northSouthMost = northSouth(v, v2, direct);
        long most = Math.max(eastWestMost, northSouthMost);
        // the first link carrying the most: the east-west links first
        busiestLink = most == 0 ? -1 : eastWestMost >= northSouthMost ? eastWestLink : found;
        return most;
    }

    /** per column, the running sum of the north-south differences down it, while {@link #northSouth} runs. */
    private final long[] columnSums;

    /** the busiest link found by the last {@link #eastWest} or {@link #northSouth} (-1: none). */
    private int found;

    /**
     * The east-west links' loads of the step into the totals, the window and the overflows.
     *
     * @param h the summed differences, or the first shard's
     * @param h2 the second shard's differences to add, or null
     * @param direct the multicast trees' link counts, or null
     * @return the busiest load; {@link #found} is its first link, row by row, east before west at a tile
     */
    private long eastWest(long[] h, long[] h2, long[] direct) {
        int tiles = gx * gy;
        int gx1 = gx + 1;
        long[] eastTotal = linkTotals[0];
        long[] westTotal = linkTotals[1];
        long[] eastWindow = linkWindow == null ? null : linkWindow[0];
        long[] westWindow = linkWindow == null ? null : linkWindow[1];
        long depth = cost.bufferDepth();
        long most = 0;
        int link = -1;
        long over = 0;
        for (int y = 0; y < gy; y++) {
            long sum = 0;
            long before = 0;
            for (int x = 0, at = y * gx1, i = y * gx; x < gx; x++, at++, i++) {
                sum += h2 == null ? h[at] : h[at] + h2[at];
                long east = StepPartial.low(sum);
                long west = before;
                before = StepPartial.high(sum);
                if (direct != null) {
                    east += direct[i];
                    west += direct[tiles + i];
                }
                eastTotal[i] += east;
                westTotal[i] += west;
                // what a link holds beyond the buffers' depth overflows
                over += Math.max(0, east - depth) + Math.max(0, west - depth);
                if (east > most) {
                    most = east;
                    link = i;
                }
                if (west > most) {
                    most = west;
                    link = tiles + i;
                }
                if (eastWindow != null) {
                    eastWindow[i] += east;
                    westWindow[i] += west;
                }
            }
        }
        bufferOverflows += over;
        found = link;
        return most;
    }

    /**
     * The north-south links' loads of the step into the totals, the window and the overflows, row by row with a running
     * sum per column.
     *
     * @param v the summed differences, or the first shard's
     * @param v2 the second shard's differences to add, or null
     * @param direct the multicast trees' link counts, or null
     * @return the busiest load; {@link #found} is its first link column by column, north before south at a tile
     */
    private long northSouth(long[] v, long[] v2, long[] direct) {
        int tiles = gx * gy;
        int gx1 = gx + 1;
        long[] northTotal = linkTotals[2];
        long[] southTotal = linkTotals[3];
        long[] northWindow = linkWindow == null ? null : linkWindow[2];
        long[] southWindow = linkWindow == null ? null : linkWindow[3];
        long depth = cost.bufferDepth();
        long[] column = columnSums;
        Arrays.fill(column, 0);
        long most = 0;
        // the busiest link's place in column order: x * 2 * tilesY + 2 * y, plus 1 going south
        long first = Long.MAX_VALUE;
        int link = -1;
        long over = 0;
        for (int y = 0; y < gy; y++) {
            for (int x = 0, at = y * gx1, i = y * gx; x < gx; x++, at++, i++) {
                long sum = column[x];
                long south = StepPartial.high(sum);
                sum += v2 == null ? v[at] : v[at] + v2[at];
                long north = StepPartial.low(sum);
                column[x] = sum;
                if (direct != null) {
                    north += direct[2 * tiles + i];
                    south += direct[3 * tiles + i];
                }
                northTotal[i] += north;
                southTotal[i] += south;
                over += Math.max(0, north - depth) + Math.max(0, south - depth);
                if (north >= most && north > 0) {
                    long place = 2L * (x * gy + y);
                    if (north > most || place < first) {
                        most = north;
                        first = place;
                        link = 2 * tiles + i;
                    }
                }
                if (south >= most && south > 0) {
                    long place = 2L * (x * gy + y) + 1;
                    if (south > most || place < first) {
                        most = south;
                        first = place;
                        link = 3 * tiles + i;
                    }
                }
                if (northWindow != null) {
                    northWindow[i] += north;
                    southWindow[i] += south;
                }
            }
        }
        bufferOverflows += over;
        found = link;
        return most;
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
