package org.spikemesh.compiler.program;

/**
 * Where every mapped core sits (global tile and chip coordinates) and what a hop costs in time, shared by all routing
 * tables of a program: the hops, chip crossings and latency of a route are computed from it rather than stored per
 * route, which matters when a million-neuron network has a hundred million (core, destination) pairs.
 *
 * @param tileX global tile x of each core (program index)
 * @param tileY global tile y of each core
 * @param chipX chip column of each core
 * @param chipY chip row of each core
 * @param withinTileNs latency of a message that stays in its tile
 * @param eastWestNs latency per east-west hop
 * @param northSouthNs latency per north-south hop
 * @param interChipNs latency per chip-to-chip link crossed
 */
public record MeshPaths(int[] tileX, int[] tileY, int[] chipX, int[] chipY, double withinTileNs, double eastWestNs,
                        double northSouthNs, double interChipNs) {
    /**
     * @param a source core
     * @param b destination core
     * @return hops along x on the XY route
     */
    public int hopsEastWest(int a, int b) {
        return Math.abs(tileX[a] - tileX[b]);
    }

    /**
     * @param a source core
     * @param b destination core
     * @return hops along y
     */
    public int hopsNorthSouth(int a, int b) {
        return Math.abs(tileY[a] - tileY[b]);
    }

    /**
     * @param a source core
     * @param b destination core
     * @return chip-to-chip links crossed
     */
    public int chipCrossings(int a, int b) {
        return Math.abs(chipX[a] - chipX[b]) + Math.abs(chipY[a] - chipY[b]);
    }

    /**
     * Contention-free latency, as {@code ChipConfig.messageLatencyNs}: within-tile cost when both share a tile, else
     * hops by direction plus chip crossings, rounded to whole ns.
     *
     * @param a source core
     * @param b destination core
     * @return ns
     */
    public int latencyNs(int a, int b) {
        int ew = hopsEastWest(a, b);
        int ns = hopsNorthSouth(a, b);
        double t = ew + ns == 0 ? withinTileNs : ew * eastWestNs + ns * northSouthNs + chipCrossings(a, b) * interChipNs;
        return (int) Math.round(t);
    }
}
