package org.spikemesh.simulator.chip;

import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.MeshPaths;

/**
 * Where the cores of a program sit, in the form the engine counts a message with: per core its tile and chip
 * coordinates packed in one long, and the contention-free latency of every (east-west hops, north-south hops, chip
 * crossings) triple. A message's hops, chip crossings, latency and link spans are computed from its source and
 * destination cores as it is delivered instead of being stored per route (16 bytes per synapse when every synapse is
 * its own message); the values are those of {@link MeshPaths}.
 */
final class RouteGeometry {
    /** Most entries of the latency table (64 MB). */
    private static final int MAX_LATENCIES = 1 << 24;
    /**
     * Most tiles for which the latency of every tile pair is tabled (2 MB at 1 024 tiles); system property
     * {@code spikemesh.engine.pair-latency-tiles} (0 computes every latency).
     */
    static final String PAIR_TILES_PROPERTY = "spikemesh.engine.pair-latency-tiles";
    /** per program core: tile x (bits 0-15), tile y (16-31), chip x (32-47), chip y (48-63). */
    final long[] place;
    /**
     * latency in ns of (ew, ns, cc) at {@code (ew * tilesY + ns) * crossings + cc}; empty when {@link #latencyNs}
     * computes the latencies instead ({@link #TABLE_ENTRIES_PROPERTY}) and {@link #columnPart} does not fit.
     */
    final int[] latency;
    /** chip crossings a route can make, plus one. */
    final int crossings;
    final int tilesY;
    /** tiles of the system. */
    final int tiles;
    /** per program core: its tile, {@code tileY * tilesX + tileX}. */
    final int[] tileOf;
    /** tile slots: {@code tilesY * (tilesX + 1)}, the tiles with one spare slot at the end of each row. */
    final int slots;
    /** per program core: its tile's slot, {@code tileY * (tilesX + 1) + tileX}. */
    final int[] slotOf;
    /**
     * latency in ns from tile a ({@link #tileOf}) to the tile in slot b ({@link #slotOf}) at {@code a * slots + b}, or
     * null when there are more tiles than
     * {@link #PAIR_TILES_PROPERTY} allows (1 024 by default) or a latency above 65 535 ns: one lookup per message
     * instead of the hops, chip crossings and index arithmetic (built from {@link #latency}, so the values are the
     * same).
     */
    final char[] pairLatency;
    /** tiles along x. */
    final int tilesX;
    /**
     * The index into {@link #latency} split into a part of the columns and a part of the rows, each a small table: at
     * {@code sx * tilesX + dx}, {@code |dx - sx| * tilesY * crossings} plus the chips crossed east or west; at
     * {@code sy * tilesY + dy}, {@code |dy - sy| * crossings} plus the chips crossed north or south. Their sum for a
     * message from tile (sx, sy) to (dx, dy) is the index {@link #latencyNs} computes from the cores' places; where
     * there is no {@link #pairLatency} the counts take the latency this way, with two lookups in tables that stay in
     * the first-level cache instead of the places and the arithmetic (a tile's chip column depends on its column only,
     * and its chip row on its row). Null (both) on systems of many columns ({@link #PART_ENTRIES_PROPERTY}).
     */
    final int[] columnPart;
    final int[] rowPart;
    /**
     * System property: the most entries of {@link #columnPart} and {@link #rowPart} together (default 16 384, 64 KB);
     * beyond, both are null and each latency is computed from the cores' places ({@link #latencyNs}). The parts grow
     * with the square of the columns: at 1 000 000 neurons on loihi-like (206 chips in a grid of 103 x 2, 824 columns)
     * the column part alone would take 2.7 MB, a miss of the second-level cache per message on top of the latency
     * table's.
     */
    static final String PART_ENTRIES_PROPERTY = "spikemesh.engine.latency-part-entries";

    RouteGeometry(ChipProgram program) {
        int n = program.cores().size();
        this.place = new long[n];
        this.tilesY = program.tilesY();
        this.tiles = program.tilesX() * tilesY;
        this.tileOf = new int[n];
        this.slots = tilesY * (program.tilesX() + 1);
        this.slotOf = new int[n];
        MeshPaths paths = n == 0 ? null : program.cores().get(0).routes().paths();
        int maxChipX = 0;
        int maxChipY = 0;
        for (int c = 0; c < n; c++) {
            int cx = paths.chipX()[c];
            int cy = paths.chipY()[c];
            if (paths.tileX()[c] > 0xFFFF || paths.tileY()[c] > 0xFFFF || cx > 0xFFFF || cy > 0xFFFF) {
                throw new IllegalArgumentException("core " + c + " sits beyond the 65535 tiles or chips per direction"
                        + " the engine counts");
            }
            place[c] = paths.tileX()[c] | (long) paths.tileY()[c] << 16 | (long) cx << 32 | (long) cy << 48;
            tileOf[c] = paths.tileY()[c] * program.tilesX() + paths.tileX()[c];
            slotOf[c] = paths.tileY()[c] * (program.tilesX() + 1) + paths.tileX()[c];
            maxChipX = Math.max(maxChipX, cx);
            maxChipY = Math.max(maxChipY, cy);
        }
        this.crossings = maxChipX + maxChipY + 1;
        long entries = (long) program.tilesX() * tilesY * crossings;
        if (entries > MAX_LATENCIES) {
            throw new IllegalArgumentException("the engine counts latencies of at most " + MAX_LATENCIES
                    + " (hops, chip crossings) combinations; this system has " + entries);
        }
        this.withinTileNs = paths == null ? 0 : (int) Math.round(paths.withinTileNs());
        this.eastWestNs = paths == null ? 0 : paths.eastWestNs();
        this.northSouthNs = paths == null ? 0 : paths.northSouthNs();
        this.interChipNs = paths == null ? 0 : paths.interChipNs();
        this.computed = n > 0 && entries > Integer.getInteger(TABLE_ENTRIES_PROPERTY, 16_384);
        // the table is read per message through the parts where they fit, else only when not computed
        boolean partsFit = (long) program.tilesX() * program.tilesX() + (long) tilesY * tilesY
                <= Integer.getInteger(PART_ENTRIES_PROPERTY, 16_384);
        this.latency = new int[n == 0 || computed && !partsFit ? 0 : (int) entries];
        for (int ew = 0; ew < program.tilesX() && latency.length > 0; ew++) {
            for (int ns = 0; ns < tilesY; ns++) {
                for (int cc = 0; cc < crossings; cc++) {
                    latency[(ew * tilesY + ns) * crossings + cc] = latencyOf(ew, ns, cc);
                }
            }
        }
        this.pairLatency = pairLatencies();
        this.tilesX = program.tilesX();
        int[][] parts = partsFit ? latencyParts(program.chip().mesh().tilesX(), program.chip().mesh().tilesY()) : null;
        this.columnPart = parts == null ? null : parts[0];
        this.rowPart = parts == null ? null : parts[1];
    }

    /**
     * @param chipTilesX tiles along x of one chip
     * @param chipTilesY tiles along y of one chip
     * @return {@link #columnPart} and {@link #rowPart}, built where they fit ({@link #PART_ENTRIES_PROPERTY})
     */
    private int[][] latencyParts(int chipTilesX, int chipTilesY) {
        checkChipGrid(chipTilesX, chipTilesY);
        int[] column = new int[tilesX * tilesX];
        for (int sx = 0; sx < tilesX; sx++) {
            for (int dx = 0; dx < tilesX; dx++) {
                column[sx * tilesX + dx] = Math.abs(dx - sx) * tilesY * crossings
                        + Math.abs(dx / chipTilesX - sx / chipTilesX);
            }
        }
        int[] row = new int[tilesY * tilesY];
        for (int sy = 0; sy < tilesY; sy++) {
            for (int dy = 0; dy < tilesY; dy++) {
                row[sy * tilesY + dy] = Math.abs(dy - sy) * crossings + Math.abs(dy / chipTilesY - sy / chipTilesY);
            }
        }
        return new int[][]{column, row};
    }

    /** Checks that every core sits on the chip its tile's column and row give, in a grid of chips of that size. */
    private void checkChipGrid(int chipTilesX, int chipTilesY) {
        for (int c = 0; c < place.length; c++) {
            int x = tileX(place[c]);
            int y = tileY(place[c]);
            if (x / chipTilesX != (int) (place[c] >>> 32 & 0xFFFF) || y / chipTilesY != (int) (place[c] >>> 48)) {
                throw new IllegalArgumentException("core " + c + " at tile (" + x + ", " + y + ") is not on chip ("
                        + x / chipTilesX + ", " + y / chipTilesY + ") of a grid of chips of " + chipTilesX + " x "
                        + chipTilesY + " tiles, where the engine counts its latencies");
            }
        }
    }

    /** @return bytes held */
    long bytes() {
        return 8L * place.length + 4L * latency.length + 4L * tileOf.length + 4L * slotOf.length
                + (pairLatency == null ? 0 : 2L * pairLatency.length)
                + (columnPart == null ? 0 : 4L * columnPart.length + 4L * rowPart.length);
    }

    /**
     * System property: the most entries of {@link #latency} read per message (default 16 384, 64 KB); beyond,
     * {@link #latencyNs} computes each latency as the table was filled instead of reading it. At 1 000 000 neurons on
     * loihi-like the table has 685 568 entries (2.7 MB): counting took 0.75 s computed against 1.06-1.45 s read (one
     * process each, taking turns); at 256 000 (16 128 entries) reading was the faster, 1.06 against 1.2 s.
     */
    static final String TABLE_ENTRIES_PROPERTY = "spikemesh.engine.latency-table-entries";
    /** whether {@link #latencyNs} computes the latencies rather than reading {@link #latency}. */
    private final boolean computed;
    /** the chip's latencies: within a tile (rounded), per hop east-west and north-south, per chip-to-chip link. */
    private final int withinTileNs;
    private final double eastWestNs;
    private final double northSouthNs;
    private final double interChipNs;

    /** @return the latency in ns between the tiles of cores a and b, as in {@link #latency} */
    int latencyNs(int a, int b) {
        long pa = place[a];
        long pb = place[b];
        int ew = Math.abs(tileX(pa) - tileX(pb));
        int ns = Math.abs(tileY(pa) - tileY(pb));
        int cc = chipCrossings(pa, pb);
        return computed ? latencyOf(ew, ns, cc) : latency[(ew * tilesY + ns) * crossings + cc];
    }

    /**
     * @return the latency in ns of a route of ew hops east or west, ns north or south and cc chip-to-chip links, as the
     *         chip's figures give it (within a tile when it makes no hop), rounded: what fills {@link #latency} and
     *         what {@link #latencyNs} computes without it
     */
    private int latencyOf(int ew, int ns, int cc) {
        return ew + ns == 0 ? withinTileNs
                : (int) Math.round(ew * eastWestNs + ns * northSouthNs + cc * interChipNs);
    }

    /** @return the tile x of a {@link #place} entry */
    static int tileX(long place) {
        return (int) place & 0xFFFF;
    }

    /** @return the tile y of a {@link #place} entry */
    static int tileY(long place) {
        return (int) place >>> 16;
    }

    /** @return the chip-to-chip links an XY route crosses between two {@link #place} entries */
    static int chipCrossings(long a, long b) {
        return Math.abs((int) (a >>> 32 & 0xFFFF) - (int) (b >>> 32 & 0xFFFF))
                + Math.abs((int) (a >>> 48) - (int) (b >>> 48));
    }

    /** @return the latency of every pair of tiles that hold cores, or null when too many tiles or too long */
    private char[] pairLatencies() {
        if (tiles > Integer.getInteger(PAIR_TILES_PROPERTY, 1024)) {
            return null;
        }
        int[] coreAt = new int[tiles];
        int[] coreInSlot = new int[slots];
        java.util.Arrays.fill(coreAt, -1);
        java.util.Arrays.fill(coreInSlot, -1);
        for (int c = 0; c < place.length; c++) {
            coreAt[tileOf[c]] = c;
            coreInSlot[slotOf[c]] = c;
        }
        char[] t = new char[tiles * slots];
        for (int a = 0; a < tiles; a++) {
            for (int b = 0; b < slots && coreAt[a] >= 0; b++) {
                if (coreInSlot[b] >= 0) {
                    int ns = latencyNs(coreAt[a], coreInSlot[b]);
                    if (ns > Character.MAX_VALUE) {
                        return null;
                    }
                    t[a * slots + b] = (char) ns;
                }
            }
        }
        return t;
    }
}
