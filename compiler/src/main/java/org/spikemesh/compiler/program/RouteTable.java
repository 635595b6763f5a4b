package org.spikemesh.compiler.program;

/**
 * The routes leaving one core. A neuron's spike is one message per route of that neuron (per-neuron fan-out, as
 * Loihi's output axon routes): {@code neuronRoutes[routeStart[i] .. routeStart[i+1]-1]} are packed entries
 * {@code slot << 16 | axon}: the destination slot in this table and the axon number at the destination core.
 * Each slot has its destination core and its XY path, precomputed.
 *
 * @param routeStart per local neuron, offsets into {@code neuronRoutes}
 * @param neuronRoutes packed (slot, axon) entries
 * @param destCore program index of each slot's destination core
 * @param hopsEastWest hops along x of each slot's path
 * @param hopsNorthSouth hops along y
 * @param chipCrossings chip-to-chip links crossed
 * @param latencyNs contention-free latency of the path, rounded to whole ns
 */
public record RouteTable(int[] routeStart, int[] neuronRoutes, int[] destCore, int[] hopsEastWest,
                         int[] hopsNorthSouth, int[] chipCrossings, int[] latencyNs) {
    /** Bits of the axon field in a packed route entry. */
    public static final int AXON_BITS = 16;
    /** Mask of the axon field. */
    public static final int AXON_MASK = (1 << AXON_BITS) - 1;

    /** @return number of destination slots */
    public int slots() {
        return destCore.length;
    }
}
