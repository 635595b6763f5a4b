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
 * costs about 1.5 bytes per synapse. A dropped table keeps its source, mesh geometry and multicast tree. The slots'
 * cores are held in 16 bits while every core number fits (up to 65 535 cores), else in 32.
 */
public final class RouteTable {
    /** Bits of the axon field in a packed route entry. */
    public static final int AXON_BITS = 16;
    /** Mask of the axon field. */
    public static final int AXON_MASK = (1 << AXON_BITS) - 1;

    private final int source;
    private final int[] routeStart;
    private final int[] neuronRoutes;
    /** the slots' cores, or null when dropped. */
    private final NarrowInts destCore;
    private final int slots;
    /** route entries of all the core's neurons. */
    private final int entries;
    private final MeshPaths paths;
    private final int[] treeLinks;

    /**
     * @param source program index of the core this table belongs to
     * @param routeStart per local neuron, offsets into {@code neuronRoutes} (null when dropped)
     * @param neuronRoutes packed (slot, axon) entries (null when dropped)
     * @param destCore program index of each slot's destination core (null when dropped); read by {@link #destCore(int)}
     * @param paths the program's mesh geometry
     * @param treeLinks for a multicast router: the directed links of the union of the XY paths to every destination
     *                  core, each coded {@code direction * tiles + y * tilesX + x} of its source tile (direction 0 east,
     *                  1 west, 2 north, 3 south), sorted; null for unicast routers
     */
    public RouteTable(int source, int[] routeStart, int[] neuronRoutes, int[] destCore, MeshPaths paths,
                      int[] treeLinks) {
        this(source, routeStart, neuronRoutes, NarrowInts.of(destCore), destCore == null ? 0 : destCore.length,
                neuronRoutes == null ? 0 : neuronRoutes.length, paths, treeLinks);
    }

    /**
     * The table of a streamed program ({@link SynapseSegments}): each neuron's route count, the slot count, the paths
     * and the tree, without the entries and the slots' cores.
     *
     * @param source program index of the core
     * @param routeStart per local neuron, offsets of its routes (their count is the last)
     * @param slots number of destination slots
     * @param paths the program's mesh geometry
     * @param treeLinks the multicast tree's links, or null for unicast routers
     * @return the table
     */
    public static RouteTable streamed(int source, int[] routeStart, int slots, MeshPaths paths, int[] treeLinks) {
        return new RouteTable(source, routeStart, null, null, slots, routeStart[routeStart.length - 1], paths,
                treeLinks);
    }

    /** @return route entries of all the core's neurons (known with or without the arrays) */
    public int entries() {
        return entries;
    }

    /** @return program index of the core this table belongs to */
    public int source() {
        return source;
    }

    /**
     * @return per local neuron, offsets into {@link #neuronRoutes()} (null when dropped; held without the entries in
     *         a streamed program)
     */
    public int[] routeStart() {
        return routeStart;
    }

    /** @return packed (slot, axon) entries (null when dropped) */
    public int[] neuronRoutes() {
        return neuronRoutes;
    }

    /**
     * @param slot a slot
     * @return program index of its destination core (the table must hold its arrays)
     */
    public int destCore(int slot) {
        return destCore.get(slot);
    }

    /** @return the program's mesh geometry */
    public MeshPaths paths() {
        return paths;
    }

    /** @return the multicast tree's links, or null for unicast routers */
    public int[] treeLinks() {
        return treeLinks;
    }

    /** @return bytes of the per-neuron, per-route and per-slot arrays held */
    public long tableBytes() {
        return (routeStart == null ? 0 : 4L * routeStart.length)
                + (neuronRoutes == null ? 0 : 4L * neuronRoutes.length) + (destCore == null ? 0 : destCore.bytes());
    }

    /** @return number of destination slots */
    public int slots() {
        return slots;
    }

    /**
     * @param slot a slot
     * @return hops east-west of its XY route
     */
    public int hopsEastWest(int slot) {
        return paths.hopsEastWest(source, destCore(slot));
    }

    /**
     * @param slot a slot
     * @return hops north-south of its XY route
     */
    public int hopsNorthSouth(int slot) {
        return paths.hopsNorthSouth(source, destCore(slot));
    }

    /**
     * @param slot a slot
     * @return chip-to-chip links crossed
     */
    public int chipCrossings(int slot) {
        return paths.chipCrossings(source, destCore(slot));
    }

    /**
     * @param slot a slot
     * @return contention-free latency in whole ns
     */
    public int latencyNs(int slot) {
        return paths.latencyNs(source, destCore(slot));
    }

    /** @return whether the route arrays are held ({@link #withoutTables()} drops them) */
    public boolean hasTables() {
        return neuronRoutes != null;
    }

    /**
     * @return the same table without its per-neuron entries, offsets and slots: source, slot count, paths and tree
     *         only
     */
    public RouteTable withoutTables() {
        return new RouteTable(source, null, null, null, slots, entries, paths, treeLinks);
    }

    /**
     * The same table in a program whose cores are numbered anew ({@link CoreOrder}): its source and the slots' cores
     * renumbered, its entries (slot, axon) unchanged.
     *
     * @param newIndex the new program index of each old one
     * @param newPaths the renumbered program's mesh geometry
     * @return the table
     */
    RouteTable renumbered(int[] newIndex, MeshPaths newPaths) {
        int[] dest = null;
        if (destCore != null) {
            dest = new int[slots];
            for (int s = 0; s < slots; s++) {
                dest[s] = newIndex[destCore.get(s)];
            }
        }
        return new RouteTable(newIndex[source], routeStart, neuronRoutes, NarrowInts.of(dest), slots, entries, newPaths,
                treeLinks);
    }

    /** Every field as given: the one constructor the others and {@link #renumbered}, {@link #withoutTables} call. */
    private RouteTable(int source, int[] routeStart, int[] neuronRoutes, NarrowInts destCore, int slots, int entries,
                       MeshPaths paths, int[] treeLinks) {
        this.source = source;
        this.routeStart = routeStart;
        this.neuronRoutes = neuronRoutes;
        this.destCore = destCore;
        this.slots = slots;
        this.entries = entries;
        this.paths = paths;
        this.treeLinks = treeLinks;
    }
}
