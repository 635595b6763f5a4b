package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;

/**
 * Link loads of a step on a mesh of 4 x 3 tiles, from messages whose XY routes are worked out by hand: each message
 * (sx, sy) -> (dx, dy) loads the east (or west) links of row sy from sx towards dx, then the north (or south) links of
 * column dx from sy towards dy; a link is named by the tile it leaves. The differences are written as the counts
 * write them ({@link StepPartial#eastWest}, {@link StepPartial#northSouth}), split over one, two or three shards.
 */
class LinkLoadsTest {
    private static final int GX = 4;
    private static final int GY = 3;
    private static final int TILES = GX * GY;

    /** the messages: source x, y, destination x, y. */
    private static final List<int[]> MESSAGES = List.of(
            new int[]{0, 0, 2, 0},   // east: (0,0) and (1,0)
            new int[]{3, 1, 1, 1},   // west: (3,1) and (2,1)
            new int[]{1, 0, 1, 2},   // north: (1,0) and (1,1)
            new int[]{2, 2, 2, 0},   // south: (2,2) and (2,1)
            new int[]{0, 1, 3, 2},   // east (0,1), (1,1), (2,1); north (3,1)
            new int[]{0, 0, 1, 0},   // east (0,0)
            new int[]{0, 0, 3, 1});  // east (0,0), (1,0), (2,0); north (3,0)

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2, 3})
    void shouldLoadEveryLinkOnTheRoutesAndFindTheBusiest(int shards) {
        LinkLoads links = new LinkLoads(new CostModel(ChipConfigs.preset("loihi-like"), TILES), GX, GY);
        StepPartial[] ps = partials(shards);
        for (int m = 0; m < MESSAGES.size(); m++) {
            add(ps[m % shards], MESSAGES.get(m));
        }
        long busiest = links.close(1, ps);
        long[] east = new long[TILES];
        east[at(0, 0)] = 3;
        east[at(1, 0)] = 2;
        east[at(2, 0)] = 1;
        east[at(0, 1)] = 1;
        east[at(1, 1)] = 1;
        east[at(2, 1)] = 1;
        long[] west = new long[TILES];
        west[at(3, 1)] = 1;
        west[at(2, 1)] = 1;
        long[] north = new long[TILES];
        north[at(1, 0)] = 1;
        north[at(1, 1)] = 1;
        north[at(3, 1)] = 1;
        north[at(3, 0)] = 1;
        long[] south = new long[TILES];
        south[at(2, 2)] = 1;
        south[at(2, 1)] = 1;
        assertArrayEquals(east, links.totals(0));
        assertArrayEquals(west, links.totals(1));
        assertArrayEquals(north, links.totals(2));
        assertArrayEquals(south, links.totals(3));
        // three messages leave (0,0) going east
        assertEquals(3, busiest);
        assertEquals(at(0, 0), links.busiestLink());
        // the totals add up over steps: the same messages again
        StepPartial[] again = partials(shards);
        for (int m = 0; m < MESSAGES.size(); m++) {
            add(again[(m + 1) % shards], MESSAGES.get(m));
        }
        assertEquals(3, links.close(2, again));
        assertEquals(6, links.totals(0)[at(0, 0)]);
        assertEquals(2, links.totals(3)[at(2, 1)]);
    }

    /**
     * Ties: among equally busy links the first east-west link row by row (east before west at a tile), else the first
     * north-south link column by column (north before south); an east-west link wins a tie with a north-south one.
     */
    @Test
    void shouldNameTheFirstOfEquallyBusyLinks() {
        CostModel cost = new CostModel(ChipConfigs.preset("loihi-like"), TILES);
        // two messages north through (2,0) and two south through (1,2) and (1,1): column 1 comes first, and in it
        // row 1 (south (1,1)) before row 2
        StepPartial[] ps = partials(2);
        add(ps[0], new int[]{2, 0, 2, 1});
        add(ps[1], new int[]{2, 0, 2, 1});
        add(ps[0], new int[]{1, 2, 1, 0});
        add(ps[1], new int[]{1, 2, 1, 0});
        LinkLoads links = new LinkLoads(cost, GX, GY);
        assertEquals(2, links.close(1, ps));
        assertEquals(3 * TILES + at(1, 1), links.busiestLink(), "south from (1,1)");
        // the same with two messages west from (3,2) to (2,2): an east-west link as busy wins
        add(ps[0], new int[]{3, 2, 2, 2});
        add(ps[1], new int[]{3, 2, 2, 2});
        LinkLoads withWest = new LinkLoads(cost, GX, GY);
        assertEquals(2, withWest.close(1, ps));
        assertEquals(TILES + at(3, 2), withWest.busiestLink(), "west from (3,2)");
        // north before south at one tile: two north through (0,1) (0,0)->(0,2) and two south (0,2)->(0,0), which
        // leave (0,2) and (0,1): in column 0 row 0 comes first, north from (0,0)
        StepPartial[] column = partials(1);
        for (int k = 0; k < 2; k++) {
            add(column[0], new int[]{0, 0, 0, 2});
            add(column[0], new int[]{0, 2, 0, 0});
        }
        LinkLoads sameColumn = new LinkLoads(cost, GX, GY);
        assertEquals(2, sameColumn.close(1, column));
        assertEquals(2 * TILES + at(0, 0), sameColumn.busiestLink(), "north from (0,0)");
        LinkLoads empty = new LinkLoads(cost, GX, GY);
        assertEquals(0, empty.close(1, partials(2)), "no messages, no load");
        assertEquals(-1, empty.busiestLink(), "and no busiest link");
    }

    /** Messages beyond the buffers' depth on a link overflow: depth + 3 messages east from (0,0) to (1,0). */
    @Test
    void shouldCountWhatALinkHoldsBeyondTheBuffers() {
        CostModel cost = new CostModel(ChipConfigs.preset("loihi-like"), TILES);
        int depth = cost.bufferDepth();
        StepPartial[] ps = partials(2);
        for (int k = 0; k < depth + 3; k++) {
            add(ps[k % 2], new int[]{0, 0, 1, 0});
        }
        // and depth + 1 north from (3,0) to (3,2): two links of depth + 1, one over each
        for (int k = 0; k < depth + 1; k++) {
            add(ps[k % 2], new int[]{3, 0, 3, 2});
        }
        LinkLoads links = new LinkLoads(cost, GX, GY);
        assertEquals(depth + 3, links.close(1, ps));
        assertEquals(3 + 1 + 1, links.bufferOverflows());
    }

    /**
     * The totals and the windows of two steps (a window ends at step 2, the window in progress is flushed at step 3)
     * are the hand-worked loads of each step added up.
     */
    @Test
    void shouldAddTheStepsLoadsIntoTotalsAndWindows() {
        LinkLoads links = new LinkLoads(new CostModel(ChipConfigs.preset("loihi-like"), TILES), GX, GY);
        links.every(2);
        // step 1: every message; step 2: the first three; step 3: the last one twice
        for (int t = 1; t <= 3; t++) {
            StepPartial[] ps = partials(2);
            List<int[]> step = t == 1 ? MESSAGES : t == 2 ? MESSAGES.subList(0, 3)
                    : List.of(MESSAGES.get(6), MESSAGES.get(6));
            for (int m = 0; m < step.size(); m++) {
                add(ps[m % 2], step.get(m));
            }
            links.close(t, ps);
        }
        links.flushWindow(3);
        // east from (0,0): 3 messages in step 1 (0->2, 0->1, 0->3 along row 0), 1 in step 2 (0->2), 2 in step 3
        assertEquals(3 + 1 + 2, links.totals(0)[at(0, 0)]);
        // east from (2,0): step 1 (0,0)->(3,1); step 3 twice
        assertEquals(1 + 2, links.totals(0)[at(2, 0)]);
        // west from (3,1): step 1 (3,1)->(1,1) and step 2 again
        assertEquals(2, links.totals(1)[at(3, 1)]);
        // north from (1,1): step 1 and step 2 ((1,0)->(1,2)); north from (3,0): step 1 and twice in step 3
        assertEquals(2, links.totals(2)[at(1, 1)]);
        assertEquals(3, links.totals(2)[at(3, 0)]);
        // south from (2,2): step 1 only
        assertEquals(1, links.totals(3)[at(2, 2)]);
        long messagesOnLinks = 0;
        for (int d = 0; d < 4; d++) {
            for (long l : links.totals(d)) {
                messagesOnLinks += l;
            }
        }
        // hops: step 1 has 2 + 2 + 2 + 2 + 4 + 1 + 4 = 17, step 2 has 2 + 2 + 2 = 6, step 3 has 2 * 4 = 8
        assertEquals(17 + 6 + 8, messagesOnLinks);
        // the windows: steps 1-2 closed at step 2, step 3 at the flush; rows {step, direction, link, messages}
        long[][] rows = links.byWindow();
        long windowed = 0;
        for (long[] r : rows) {
            windowed += r[3];
            if (r[1] == 0 && r[2] == at(0, 0)) {
                assertEquals(r[0] == 2 ? 3 + 1 : 2, r[3], "east from (0,0) in the window ending at step " + r[0]);
            }
        }
        assertEquals(17 + 6 + 8, windowed);
        assertEquals(2, rows[0][0], "the first window ends at step 2");
        assertEquals(3, rows[rows.length - 1][0], "the last at the flush, step 3");
    }

    private static int at(int x, int y) {
        return y * GX + x;
    }

    private static StepPartial[] partials(int n) {
        StepPartial[] ps = new StepPartial[n];
        for (int k = 0; k < n; k++) {
            ps[k] = new StepPartial(GX, GY, 100, false, null);
        }
        return ps;
    }

    /**
     * Writes one message's span ends as documented on {@link StepPartial}: east +1 low where its span starts, -1 where
     * it ends; west +1 high where it ends, -1 where it starts; north +1 low at the row it starts, -1 at the row it ends;
     * south +1 high at the row it ends, -1 at the row it starts. Slots are y * (tilesX + 1) + x.
     */
    private static void add(StepPartial p, int[] m) {
        int sx = m[0];
        int sy = m[1];
        int dx = m[2];
        int dy = m[3];
        if (dx > sx) {
            p.eastWest[slot(sx, sy)] += StepPartial.pair(1, 0);
            p.eastWest[slot(dx, sy)] += StepPartial.pair(-1, 0);
        } else if (dx < sx) {
            p.eastWest[slot(dx, sy)] += StepPartial.pair(0, 1);
            p.eastWest[slot(sx, sy)] += StepPartial.pair(0, -1);
        }
        if (dy > sy) {
            p.northSouth[slot(dx, sy)] += StepPartial.pair(1, 0);
            p.northSouth[slot(dx, dy)] += StepPartial.pair(-1, 0);
        } else if (dy < sy) {
            p.northSouth[slot(dx, dy)] += StepPartial.pair(0, 1);
            p.northSouth[slot(dx, sy)] += StepPartial.pair(0, -1);
        }
    }

    private static int slot(int x, int y) {
        return y * (GX + 1) + x;
    }
}
