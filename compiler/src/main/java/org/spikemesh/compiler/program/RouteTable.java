package org.spikemesh.compiler.program;

/**
 * The routes leaving one core. A neuron's spike is one message per route of that neuron (per-neuron fan-out, as
 * Loihi's output axon routes): {@code neuronRoutes[routeStart[i] .. routeStart[i+1]-1]} are packed entries
 * {@code slot << 16 | axon}: the destination slot in this table and the axon number at the destination core.
 * Each slot names its destination core; its XY path (hops, chip crossings, latency) comes from the program's
 * {@link MeshPaths}.
 *
 * <p>
 * A table can drop its arrays ({@link #withoutTables()}) once a simulator has built its own delivery tables from
 * them: at 100 synapses per neuron over a thousand cores nearly every core pair is a slot, so even the slot array
 * costs about 1.5 bytes per synapse. A dropped table keeps its source, mesh geometry and multicast tree.
 *
 * @param source program index of the core this table belongs to
 * @param routeStart per local neuron, offsets into {@code neuronRoutes} (null when dropped)
 * @param neuronRoutes packed (slot, axon) entries (null when dropped)
 * @param destCore program index of each slot's destination core (null when dropped)
 * @param paths the program's mesh geometry
 * @param treeLinks for a multicast router: the directed links of the union of the XY paths to every destination
 *                  core, each coded {@code direction * tiles + y * tilesX + x} of its source tile (direction 0 east,
 *                  1 west, 2 north, 3 south), sorted; null for unicast routers
 */
public record RouteTable(int source, int[] routeStart, int[] neuronRoutes, int[] destCore, MeshPaths paths,
                         int[] treeLinks) {
    /** Bits of the axon field in a packed route entry. */
    public static final int AXON_BITS = 16;
    /** Mask of the axon field. */
    public static final int AXON_MASK = (1 << AXON_BITS) - 1;

    /** @return number of destination slots */
    public int slots() {
        return destCore.length;
    }

    /**
     * @param slot a slot
     * @return hops east-west of its XY route
     */
    public int hopsEastWest(int slot) {
        return paths.hopsEastWest(source, destCore[slot]);
    }

    /**
     * @param slot a slot
     * @return hops north-south of its XY route
     */
    public int hopsNorthSouth(int slot) {
        return paths.hopsNorthSouth(source, destCore[slot]);
    }

    /**
     * @param slot a slot
     * @return chip-to-chip links crossed
     */
    public int chipCrossings(int slot) {
        return paths.chipCrossings(source, destCore[slot]);
    }

    /**
     * @param slot a slot
     * @return contention-free latency in whole ns
     */
    public int latencyNs(int slot) {
        return paths.latencyNs(source, destCore[slot]);
    }

    /** @return whether the route arrays are held ({@link #withoutTables()} drops them) */
    public boolean hasTables() {
        return neuronRoutes != null;
    }

    /** @return the same table without its per-neuron entries, offsets and slots: source, paths and tree only */
    public RouteTable withoutTables() {
        return new RouteTable(source, null, null, null, paths, treeLinks);
    }
}
