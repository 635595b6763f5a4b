package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * Counts the messages of the spikes one shard delivered into the step's {@link StepPartial}: each message's
 * contention-free latency and, with unicast routers, the link spans of its XY route. The shard logs every spike it
 * delivers and the destination core of each of its messages, as the delivery reads them from the
 * {@link InboundTable} ({@link #log}); {@link #count} then counts what is logged and empties the log. With several
 * shards it runs once on the
 * shard's own deliveries while the other shards finish their step, and once more on those from their batches: every
 * count is a sum, so the split is exact.
 *
 * <p>The spike's hops, chip crossings, within-tile messages and the span ends at its source tile come summed from
 * {@link RouteSums}; the latency and the span ends that depend on the destination are counted per message. A message
 * from tile (sx, sy) to (dx, dy) turns at (dx, sy): its east or west span ends there, and its north or south span
 * starts there and ends at (dx, dy). The difference arrays of the partial ({@link StepPartial#eastWest},
 * {@link StepPartial#northSouth}) are indexed by tile slot and hold two counts per long.
 *
 * <p>Three ways to get the span ends, with the same counts:
 * <ul>
 *   <li><b>message by message</b>: each message adds one long at its turn in each array and subtracts one at its
 *   destination, with no branch (the direction picks the half and the sign; a route that keeps its column or row adds
 *   0): three read-modify-writes per message (kept for tests and comparisons: {@code each});</li>
 *   <li><b>by turns</b>, when not grouped: each message adds one to its turn's count per (source row, destination
 *   column), four counts of {@value #TURN_LANE} bits in one long (going east, west, north, south), and subtracts one
 *   at its destination as above; the turns are then added to the difference arrays, a row of the box at a time, once
 *   a step (sooner when they hold {@link #TURN_MAX} messages). Two read-modify-writes per message and a pass over the
 *   box's columns for each source row used. CUBA at 64 000 neurons on 2 threads: 0.342 and 0.347 s against 0.349 and
 *   0.348 s message by message (medians of 8 runs taking turns in one process; best runs 0.333 against 0.341-0.343);
 *   folded once a step instead of at each of a shard's two counts, 0.336 and 0.338 s against 0.337 and 0.342;</li>
 *   <li><b>grouped</b>: each message adds one to a cell per (source row, destination tile), three counts in one long
 *   (messages with an eastward leg, with a westward leg, all); the cells of the rows used are then folded into the
 *   difference arrays, row by row of destinations, in loops without branches over the columns. The destinations are
 *   the shard's cores, so cells are kept only for the tiles of the smallest box of tiles that holds them (a shard
 *   given a band of columns, a partition given some of the chips, a network on part of the mesh). One
 *   read-modify-write per message and a pass over {@code tilesY} times the box's tiles: taken when there are at least
 *   as many messages as cells, when the cells fit in {@value #MAX_CELLS} longs, and when no count can pass the
 *   {@value #LANE} bits of its lane. CUBA on ten loihi-like chips, 64 000 neurons, 2 624 cells (the whole mesh and a
 *   spare column): on 1 thread about 3 100 messages a step, grouped, and the pass over the messages took 0.13 instead
 *   of 0.157 s of a 0.7 s run; on 2 threads, where each shard counts twice a step, about 1 550 messages at a time,
 *   grouping and folding at each count was slower (0.445-0.459 against 0.426-0.428 s), and grouping chosen once a step
 *   and folded once measured the same as message by message; at 256 000 neurons on 1 thread, 26 000 cells, both took
 *   the same time. With the cores pinned column by column, so that each of 2 shards holds 20 of the 40 columns (1 280
 *   cells a shard, grouped in 74 % of the steps), 2 threads took 0.321 s against 0.328 s with the compiler's placement,
 *   whose shards both span the mesh (medians of 8 runs taking turns in one process).</li>
 * </ul>
 * Each destination core's tile x, slot and place in the box come from three small tables ({@link #columnOf},
 * {@link #slotOf}, {@link #boxOf}); the latency table of {@link RouteGeometry} is indexed by the destination's slot
 * too, so the latency is counted in the same pass over the logged messages. Systems of more than 1 024 tiles have no
 * such table: the latency is then looked up by the sum of a column part and a row part
 * ({@link RouteGeometry#columnPart}, {@link #rowOf}). CUBA at 256 000 neurons on 1 thread (1 344 tiles): the counts
 * took 0.825 and 0.830 s of a run against 1.058 s computing each latency from the cores' places (one process each,
 * taking turns); a table of tile pairs there (3.7 MB) took 1.38-1.42 s. At 64 000 neurons (320 tiles) the pair table
 * stays the faster, 0.124 against 0.149-0.159 s, and at 128 000 (672 tiles) both took the same.
 */
final class MessageCounter {
    /**
     * System property: {@code auto} (default), {@code grouped}, {@code turns} or {@code each}, how the span ends are
     * counted.
     */
    static final String SPANS_PROPERTY = "spikemesh.engine.span-counting";
    /** bits of each count in a cell. */
    static final int LANE = 21;
    private static final long LANE_MASK = (1L << LANE) - 1;
    /** the most messages one grouped count may take: no lane of a cell, nor of a column's sum, can overflow. */
    static final int MAX_GROUPED = (1 << LANE) - 1;
    /**
     * System property: the most messages the cells take between folds (default and at most {@link #MAX_GROUPED}); tests
     * set it low so that a step folds more than once, or counts some messages one by one.
     */
    static final String MAX_GROUPED_PROPERTY = "spikemesh.engine.span-cells-max";
    /** the most cells: beyond, the span ends are counted message by message. */
    static final int MAX_CELLS = 1 << 16;
    /** what a message adds to its cell: one in the lane of all messages, and one in its east or west lane. */
    private static final long ANY = 1L << 2 * LANE;

    private final RouteGeometry geo;
    private final InboundTable inbound;
    /** the shard's first core (program index). */
    private final int first;
    private final boolean unicast;
    private final int tilesY;
    /** tiles along x plus one: the stride of the tile slots. */
    private final int gx1;
    /** per core of the shard (local index): its tile's x, and its tile's slot y * (tilesX + 1) + x. */
    private final int[] columnOf;
    private final int[] slotOf;
    /** per core of the shard (local index): its tile's y, dy in {@link RouteGeometry#rowPart}. */
    private final int[] rowOf;
    /**
     * the box of tiles that holds the shard's cores: columns x0 .. x0 + boxWidth - 1, rows y0 .. y0 + boxHeight - 1.
     * Grouped counts keep cells for destinations in the box only.
     */
    private final int x0;
    private final int y0;
    private final int boxWidth;
    private final int boxHeight;
    /** per core of the shard (local index): its tile's place in the box, (y - y0) * boxWidth + x - x0. */
    private final int[] boxOf;
    /** the spikes delivered to the shard (program-wide neuron numbers) whose messages are not counted yet. */
    private int[] log = new int[1024];
    /** per logged spike, where its messages end in {@link #messageLog}. */
    private int[] logEnd = new int[1024];
    private int logged;
    /**
     * the destination of every message of the logged spikes (its core's index in the shard), spike after spike,
     * written by the delivery that reads them from the {@link InboundTable}: the counts need not know its layout.
     */
    int[] messageLog = new int[4096];
    private int messagesLogged;
    /** per source row sy and destination slot: the cells at {@code sy * slots + slot}, or null when not grouped. */
    private final long[] cells;
    /** per source row: whether a cell of it holds a count. */
    private final boolean[] rowUsed;
    /** per column, while a source row's cells are folded: its lanes, its spans going north, going south. */
    private final long[] columnLanes;
    private final long[] columnNorth;
    private final long[] columnSouth;
    /** the most messages the cells take between folds. */
    private final int maxGrouped;
    /** the most messages the turns take between folds. */
    private final int maxTurns;
    /** How the span ends are counted: {@link #AUTO}, {@link #GROUPED}, {@link #EACH} or {@link #TURNS}. */
    private final int mode;
    /** grouped when there are enough messages, else by turns. */
    private static final int AUTO = 0;
    /** always grouped where cells exist. */
    private static final int GROUPED = 1;
    /** message by message. */
    private static final int EACH = 2;
    /** by turns, never grouped. */
    private static final int TURNS = 3;
    /**
     * per source row sy and box column: the messages turning at (x0 + column, sy), four counts of {@value #TURN_LANE}
     * bits in a long (going east, west, north, south); null when the span ends are counted message by message.
     */
    private final long[] turns;
    /** per source row: whether a turn of it holds a count. */
    private final boolean[] turnRowUsed;

    MessageCounter(RouteGeometry geo, InboundTable inbound, int first, int last, int tilesX, boolean multicast) {
        this.geo = geo;
        this.inbound = inbound;
        this.first = first;
        this.unicast = !multicast;
        this.tilesY = geo.tilesY;
        this.gx1 = tilesX + 1;
        this.columnOf = new int[last - first];
        this.slotOf = new int[last - first];
        this.boxOf = new int[last - first];
        this.rowOf = new int[last - first];
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int c = first; c < last; c++) {
            long at = geo.place[c];
            int x = RouteGeometry.tileX(at);
            int y = RouteGeometry.tileY(at);
            columnOf[c - first] = x;
            slotOf[c - first] = y * gx1 + x;
            rowOf[c - first] = y;
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        this.x0 = last > first ? minX : 0;
        this.y0 = last > first ? minY : 0;
        this.boxWidth = last > first ? maxX - minX + 1 : 0;
        this.boxHeight = last > first ? maxY - minY + 1 : 0;
        for (int c = first; c < last; c++) {
            long at = geo.place[c];
            boxOf[c - first] = (RouteGeometry.tileY(at) - y0) * boxWidth + RouteGeometry.tileX(at) - x0;
        }
        String how = System.getProperty(SPANS_PROPERTY, "auto");
        this.mode = switch (how) {
            case "auto" -> AUTO;
            case "grouped" -> GROUPED;
            case "each" -> EACH;
            case "turns" -> TURNS;
            default -> throw new IllegalArgumentException("system property " + SPANS_PROPERTY + " is '" + how
                    + "'; valid: auto, grouped, turns, each");
        };
        this.maxGrouped = Math.max(1, Math.min(MAX_GROUPED, Integer.getInteger(MAX_GROUPED_PROPERTY, MAX_GROUPED)));
        this.maxTurns = Math.max(1, Math.min(TURN_MAX, Integer.getInteger(MAX_TURNS_PROPERTY, TURN_MAX)));
        long cellCount = (long) tilesY * boxWidth * boxHeight;
        boolean grouping = unicast && (mode == AUTO || mode == GROUPED) && cellCount <= MAX_CELLS;
        boolean byTurns = unicast && mode != EACH && (long) tilesY * boxWidth <= MAX_CELLS;
        this.turns = byTurns ? new long[tilesY * boxWidth] : null;
        this.turnRowUsed = byTurns ? new boolean[tilesY] : null;
        this.cells = grouping ? new long[(int) cellCount] : null;
        this.rowUsed = grouping ? new boolean[tilesY] : null;
        this.columnLanes = grouping ? new long[boxWidth] : null;
        this.columnNorth = grouping ? new long[boxWidth] : null;
        this.columnSouth = grouping ? new long[boxWidth] : null;
    }

    /**
     * Logs a spike delivered to the shard, whose messages {@link #count} counts: the caller writes the destinations of
     * its n messages into {@link #messageLog} from the place returned.
     *
     * @param g the spike's program-wide neuron
     * @param n its messages into this shard
     * @return where its messages go in {@link #messageLog}, which has room for them
     */
    int log(int g, int n) {
        if (logged == log.length) {
            log = Arrays.copyOf(log, 2 * log.length);
            logEnd = Arrays.copyOf(logEnd, 2 * logEnd.length);
        }
        int at = messagesLogged;
        if (at + n > messageLog.length) {
            messageLog = Arrays.copyOf(messageLog, Math.max(2 * messageLog.length, at + n));
        }
        messagesLogged = at + n;
        log[logged] = g;
        logEnd[logged++] = at + n;
        return at;
    }

    /**
     * Counts the messages of the spikes logged since the last call into the step's partial and empties the log. A
     * shard with others calls this twice a step: on its own deliveries while the others finish, then on their batches
     * ({@code endOfStep}); the first call of a step chooses how the spans are counted for the whole step, from its
     * messages (twice them when more are to come), and grouped counts are folded once, at the end of the step.
     */
    void count(StepPartial part, boolean endOfStep) {
        if (logged > 0) {
            long m = messagesLogged;
            if (!chosen) {
                grouping = cells != null && groups(endOfStep ? m : 2 * m);
                chosen = true;
            }
            if (grouping && m <= maxGrouped) {
                if (pending + m > maxGrouped) {
                    // no lane may overflow: what is in the cells goes into the partial first
                    fold(part);
                }
                pending += m;
                countGrouped(part);
            } else if (turns != null && m <= maxTurns) {
                if (turnsPending + m > maxTurns) {
                    // no lane of a turn may overflow
                    foldTurns(part);
                }
                turnsPending += m;
                countTurns(part);
            } else {
                countEach(part);
            }
            logged = 0;
            messagesLogged = 0;
        }
        if (endOfStep) {
            if (pending > 0) {
                fold(part);
            }
            if (turnsPending > 0) {
                foldTurns(part);
            }
            chosen = false;
        }
    }

    /** whether the step's spans are counted grouped, and whether that is chosen yet this step. */
    private boolean grouping;
    private boolean chosen;
    /** messages counted in the cells since they were last folded. */
    private long pending;
    /** messages counted in the turns since they were last folded. */
    private long turnsPending;

    private boolean groups(long messages) {
        return messages <= maxGrouped && (mode == GROUPED || messages >= cells.length);
    }

    /** Span ends and latencies message by message (see the class comment). */
    private void countEach(StepPartial part) {
        long[] place = geo.place;
        int[] start = inbound.start;
        char[] pair = geo.pairLatency;
        int[] lat = geo.latency;
        int[] xPart = geo.columnPart;
        int[] yPart = geo.rowPart;
        int[] rows = rowOf;
        int[] tileOf = geo.tileOf;
        long[] latency = part.latencyCount;
        long[] eastWest = part.eastWest;
        long[] northSouth = part.northSouth;
        int[] column = columnOf;
        int[] slot = slotOf;
        int[] data = inbound.data;
        int[] dest = messageLog;
        for (int q = 0, from = 0; q < logged; q++) {
            int block = start[log[q]];
            int srcCore = data[block + InboundTable.SOURCE];
            int stop = logEnd[q];
            int pairRow = pair == null ? 0 : geo.slots * tileOf[srcCore];
            long src = place[srcCore];
            int sx = RouteGeometry.tileX(src);
            int sy = RouteGeometry.tileY(src);
            int xb = sx * geo.tilesX;
            int yb = sy * tilesY;
            if (unicast) {
                int row = sy * gx1;
                int north = row + gx1 - 1;
                for (int h = from; h < stop; h++) {
                    int local = dest[h];
                    int dx = column[local];
                    int dt = slot[local];
                    latency[pair != null ? pair[pairRow + dt]
                            : xPart != null ? lat[xPart[xb + dx] + yPart[yb + rows[local]]]
                            : geo.latencyNs(srcCore, first + local)]++;
                    int ex = dx - sx;
                    // east (dx > sx): -1 in the low half; west (dx < sx): +1 in the high half
                    eastWest[row + dx] += ((long) (ex >>> 31) << 32) - (-ex >>> 31);
                    // north (a slot past the source's row): +1 low at the turn, -1 at the destination; south (a slot
                    // before it): -1 high at the turn, +1 at the destination
                    long d = ((north - dt) >>> 31) - ((long) ((dt - row) >>> 31) << 32);
                    northSouth[row + dx] += d;
                    northSouth[dt] -= d;
                }
                addSums(part, data, block, row + sx);
            } else {
                for (int h = from; h < stop; h++) {
                    int local = dest[h];
                    latency[pair != null ? pair[pairRow + slot[local]]
                            : xPart != null ? lat[xPart[xb + column[local]] + yPart[yb + rows[local]]]
                            : geo.latencyNs(srcCore, first + local)]++;
                }
            }
            from = stop;
        }
    }

    /** bits of each count of a turn. */
    static final int TURN_LANE = 16;
    /** the most messages the turns may take between folds: no lane of a turn can overflow. */
    static final int TURN_MAX = (1 << TURN_LANE) - 1;
    /**
     * System property: the most messages the turns take between folds (default and at most {@link #TURN_MAX}); tests
     * set it low so that a step folds more than once, or counts some messages one by one.
     */
    static final String MAX_TURNS_PROPERTY = "spikemesh.engine.span-turns-max";

    /**
     * Latencies and the span ends at the destinations message by message; the span ends at the turns summed per
     * (source row, destination column) first and added once per turn (see the class comment).
     */
    private void countTurns(StepPartial part) {
        long[] place = geo.place;
        int[] start = inbound.start;
        char[] pair = geo.pairLatency;
        int[] lat = geo.latency;
        int[] xPart = geo.columnPart;
        int[] yPart = geo.rowPart;
        int[] rows = rowOf;
        int[] tileOf = geo.tileOf;
        long[] latency = part.latencyCount;
        long[] northSouth = part.northSouth;
        long[] turn = turns;
        int[] column = columnOf;
        int[] slot = slotOf;
        int[] data = inbound.data;
        int[] dest = messageLog;
        int w = boxWidth;
        int left = x0;
        for (int q = 0, from = 0; q < logged; q++) {
            int block = start[log[q]];
            int srcCore = data[block + InboundTable.SOURCE];
            int stop = logEnd[q];
            int pairRow = pair == null ? 0 : geo.slots * tileOf[srcCore];
            long src = place[srcCore];
            int sx = RouteGeometry.tileX(src);
            int sy = RouteGeometry.tileY(src);
            int xb = sx * geo.tilesX;
            int yb = sy * tilesY;
            int row = sy * gx1;
            int north = row + gx1 - 1;
            int turnRow = sy * w - left;
            turnRowUsed[sy] = true;
            for (int h = from; h < stop; h++) {
                int local = dest[h];
                int dx = column[local];
                int dt = slot[local];
                latency[pair != null ? pair[pairRow + dt]
                        : xPart != null ? lat[xPart[xb + dx] + yPart[yb + rows[local]]]
                        : geo.latencyNs(srcCore, first + local)]++;
                int ex = dx - sx;
                // north: a slot past the source's row; south: a slot before it
                int n = (north - dt) >>> 31;
                int so = (dt - row) >>> 31;
                turn[turnRow + dx] += (-ex >>> 31) | (ex >>> 31) << TURN_LANE | (long) n << 2 * TURN_LANE
                        | (long) so << 3 * TURN_LANE;
                // north: -1 low at the destination; south: +1 high
                northSouth[dt] -= n - ((long) so << 32);
            }
            addSums(part, data, block, row + sx);
            from = stop;
        }
    }

    /** Adds the turns of the rows used to the partial's difference arrays at the turns' slots and clears them. */
    private void foldTurns(StepPartial part) {
        long[] turn = turns;
        long[] eastWest = part.eastWest;
        long[] northSouth = part.northSouth;
        int w = boxWidth;
        long mask = (1L << TURN_LANE) - 1;
        for (int sy = 0; sy < tilesY; sy++) {
            if (!turnRowUsed[sy]) {
                continue;
            }
            turnRowUsed[sy] = false;
            int at = sy * gx1 + x0;
            for (int i = 0, c = sy * w; i < w; i++, c++) {
                long v = turn[c];
                // east: -1 in the low half; west: +1 in the high half; north: +1 low; south: -1 high
                eastWest[at + i] += ((v >>> TURN_LANE & mask) << 32) - (v & mask);
                northSouth[at + i] += (v >>> 2 * TURN_LANE & mask) - ((v >>> 3 * TURN_LANE) << 32);
                turn[c] = 0;
            }
        }
        turnsPending = 0;
    }

    /** Adds a spike's {@link RouteSums} to the partial: its hops and the span ends at its source tile's slot. */
    private static void addSums(StepPartial part, int[] data, int block, int sourceSlot) {
        int k = block + InboundTable.SUMS;
        part.eastWest[sourceSlot] += StepPartial.pair(data[k + RouteSums.EAST], -data[k + RouteSums.WEST]);
        part.hopsEastWest += data[k + RouteSums.EAST_WEST];
        part.hopsNorthSouth += data[k + RouteSums.NORTH_SOUTH];
        part.chipCrossings += data[k + RouteSums.CROSSINGS];
        part.withinTile += data[k + RouteSums.WITHIN];
    }

    /** Latencies message by message and span ends through the cells (see the class comment; unicast only). */
    private void countGrouped(StepPartial part) {
        long[] place = geo.place;
        int[] start = inbound.start;
        char[] pair = geo.pairLatency;
        int[] lat = geo.latency;
        int[] xPart = geo.columnPart;
        int[] yPart = geo.rowPart;
        int[] rows = rowOf;
        int[] tileOf = geo.tileOf;
        long[] latency = part.latencyCount;
        long[] cell = cells;
        int[] column = columnOf;
        int[] slot = slotOf;
        int[] box = boxOf;
        int[] data = inbound.data;
        int[] dest = messageLog;
        int slots = geo.slots;
        int boxCells = boxWidth * boxHeight;
        for (int q = 0, from = 0; q < logged; q++) {
            int block = start[log[q]];
            int srcCore = data[block + InboundTable.SOURCE];
            int stop = logEnd[q];
            int pairRow = pair == null ? 0 : slots * tileOf[srcCore];
            long src = place[srcCore];
            int sx = RouteGeometry.tileX(src);
            int sy = RouteGeometry.tileY(src);
            int xb = sx * geo.tilesX;
            int yb = sy * tilesY;
            int cellRow = sy * boxCells;
            rowUsed[sy] = true;
            for (int h = from; h < stop; h++) {
                int local = dest[h];
                int dx = column[local];
                latency[pair != null ? pair[pairRow + slot[local]]
                        : xPart != null ? lat[xPart[xb + dx] + yPart[yb + rows[local]]]
                        : geo.latencyNs(srcCore, first + local)]++;
                int ex = dx - sx;
                // one in the lane of all messages; one in the low lane going east (ex > 0), the middle going west
                cell[cellRow + box[local]] += ANY + (-ex >>> 31) + ((long) (ex >>> 31) << LANE);
            }
            addSums(part, data, block, sy * gx1 + sx);
            from = stop;
        }
    }

    /** Folds the cells of the rows used into the partial's difference arrays (see {@link #foldRow}). */
    private void fold(StepPartial part) {
        for (int sy = 0; sy < tilesY; sy++) {
            if (rowUsed[sy]) {
                rowUsed[sy] = false;
                foldRow(part, sy);
            }
        }
        pending = 0;
    }

    /**
     * Folds the cells of source row sy into the partial's difference arrays and clears them: per destination row dy of
     * the box, the messages that go north (dy above sy) or south (below) start a span at their turn (dx, sy) and end it
     * at (dx, dy); per column, the east and west lanes summed over all dy end the east-west spans at the turn. The
     * loops run along the box's columns, a row of cells at a time (loops over the few rows, inside, took a third
     * longer: their exits are mispredicted).
     */
    private void foldRow(StepPartial part, int sy) {
        long[] cell = cells;
        long[] northSouth = part.northSouth;
        long[] lanes = columnLanes;
        long[] goNorth = columnNorth;
        long[] goSouth = columnSouth;
        int w = boxWidth;
        int base = sy * w * boxHeight;
        for (int dy = y0; dy < y0 + boxHeight; dy++) {
            int c = base + (dy - y0) * w;
            // the destinations of this row of cells: slots dy * (tilesX + 1) + x0 + i
            int d = dy * gx1 + x0;
            if (dy < sy) {
                for (int i = 0; i < w; i++) {
                    long v = cell[c + i];
                    long n = v >>> 2 * LANE;
                    lanes[i] += v;
                    goSouth[i] += n;
                    // south: +1 high at the destination
                    northSouth[d + i] += n << 32;
                }
            } else if (dy > sy) {
                for (int i = 0; i < w; i++) {
                    long v = cell[c + i];
                    long n = v >>> 2 * LANE;
                    lanes[i] += v;
                    goNorth[i] += n;
                    // north: -1 low at the destination
                    northSouth[d + i] -= n;
                }
            } else {
                for (int i = 0; i < w; i++) {
                    lanes[i] += cell[c + i];
                }
            }
        }
        Arrays.fill(cell, base, base + w * boxHeight, 0);
        long[] eastWest = part.eastWest;
        int turn = sy * gx1 + x0;
        for (int i = 0; i < w; i++) {
            long v = lanes[i];
            // east: -1 in the low half at the turn; west: +1 in the high half; north: +1 low, south: -1 high
            eastWest[turn + i] += ((v >>> LANE & LANE_MASK) << 32) - (v & LANE_MASK);
            northSouth[turn + i] += goNorth[i] - (goSouth[i] << 32);
            lanes[i] = 0;
            goNorth[i] = 0;
            goSouth[i] = 0;
        }
    }
}
