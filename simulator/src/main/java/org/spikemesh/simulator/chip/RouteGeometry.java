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
    /** per program core: tile x (bits 0-15), tile y (16-31), chip x (32-47), chip y (48-63). */
    final long[] place;
    /** latency in ns of (ew, ns, cc) at {@code (ew * tilesY + ns) * crossings + cc}. */
    final int[] latency;
    /** chip crossings a route can make, plus one. */
    final int crossings;
    final int tilesY;

    RouteGeometry(ChipProgram program) {
        int n = program.cores().size();
        this.place = new long[n];
        this.tilesY = program.tilesY();
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
            maxChipX = Math.max(maxChipX, cx);
            maxChipY = Math.max(maxChipY, cy);
        }
        this.crossings = maxChipX + maxChipY + 1;
        long entries = (long) program.tilesX() * tilesY * crossings;
        if (entries > MAX_LATENCIES) {
            throw new IllegalArgumentException("the engine counts latencies of at most " + MAX_LATENCIES
                    + " (hops, chip crossings) combinations; this system has " + entries);
        }
        this.latency = new int[n == 0 ? 0 : (int) entries];
        for (int ew = 0; ew < program.tilesX() && n > 0; ew++) {
            for (int ns = 0; ns < tilesY; ns++) {
                for (int cc = 0; cc < crossings; cc++) {
                    double t = ew + ns == 0 ? paths.withinTileNs()
                            : ew * paths.eastWestNs() + ns * paths.northSouthNs() + cc * paths.interChipNs();
                    latency[(ew * tilesY + ns) * crossings + cc] = (int) Math.round(t);
                }
            }
        }
    }

    /** @return bytes held */
    long bytes() {
        return 8L * place.length + 4L * latency.length;
    }
}
