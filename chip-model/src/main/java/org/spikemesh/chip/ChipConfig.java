package org.spikemesh.chip;

/**
 * A whole chip configuration ({@code spikemesh-chip/1}) with the derived quantities the compiler and the engine use.
 * Cores are numbered chip by chip, then tile row by row (x fastest), then core within the tile.
 *
 * @param name configuration name
 * @param mesh mesh and chips
 * @param core core capacities and costs
 * @param router network on chip
 * @param barrier end-of-step synchronisation
 * @param learning on-chip learning
 * @param staticPowerWatts leakage power of one chip
 * @param events extra per-event costs of a core ({@code core.events}), empty when none
 * @param timeModel how a step's time is derived ({@code time_model}, default per-step)
 */
public record ChipConfig(String name, Mesh mesh, Core core, Router router, Barrier barrier, Learning learning,
                         double staticPowerWatts, java.util.List<Charge> events, TimeModel timeModel) {

    /** Canonical constructor: copies the event list and checks for nulls. */
    public ChipConfig {
        events = java.util.List.copyOf(events);
        java.util.Objects.requireNonNull(timeModel, "timeModel");
    }

    /**
     * A configuration without extra events, with the per-step time model.
     *
     * @param name configuration name
     * @param mesh mesh and chips
     * @param core core capacities and costs
     * @param router network on chip
     * @param barrier end-of-step synchronisation
     * @param learning on-chip learning
     * @param staticPowerWatts leakage power of one chip
     */
    public ChipConfig(String name, Mesh mesh, Core core, Router router, Barrier barrier, Learning learning,
                      double staticPowerWatts) {
        this(name, mesh, core, router, barrier, learning, staticPowerWatts, java.util.List.of(), TimeModel.PER_STEP);
    }

    /**
     * @param model a time model
     * @return the same chip with that time model
     */
    public ChipConfig withTimeModel(TimeModel model) {
        return new ChipConfig(name, mesh, core, router, barrier, learning, staticPowerWatts, events, model);
    }

    /**
     * @param neurons the most neurons a core holds, at least 1
     * @return the same chip with cores of at most that many neurons (so that a small network spreads over many cores,
     *         shards and tiles: teaching, tests)
     */
    public ChipConfig withCoreNeurons(int neurons) {
        if (neurons < 1) {
            throw new ChipConfigException(name + ": core.max_neurons must be at least 1, got " + neurons);
        }
        Core k = core;
        Core small = new Core(neurons, k.maxFanInAxons(), k.maxFanOutRoutes(), k.synapseMemoryBytes(), k.encoding(),
                k.neuronStateBits(), k.clockMhz(), k.synop(), k.neuronUpdateActive(), k.neuronUpdateInactive(),
                k.spikeOut(), k.messageReceive());
        return new ChipConfig(name + "-" + neurons + "-neuron-cores", mesh, small, router, barrier, learning,
                staticPowerWatts, events, timeModel);
    }

    /** @return cores on one chip */
    public int coresPerChip() {
        return mesh.coresPerChip();
    }

    /**
     * @param chips chips used
     * @return cores available
     */
    public int totalCores(int chips) {
        return mesh.coresPerChip() * chips;
    }

    /**
     * @param globalCore core number
     * @return its coordinates
     */
    public CoreCoord coord(int globalCore) {
        if (globalCore < 0 || globalCore >= totalCores(mesh.chips())) {
            throw new IllegalArgumentException("core " + globalCore + " does not exist; valid is 0.." + (totalCores(mesh.chips()) - 1));
        }
        int chip = globalCore / mesh.coresPerChip();
        int local = globalCore % mesh.coresPerChip();
        int tile = local / mesh.coresPerTile();
        return new CoreCoord(chip, tile % mesh.tilesX(), tile / mesh.tilesX(), local % mesh.coresPerTile());
    }

    /**
     * XY hops east-west between two cores (chips side by side in their grid form one big mesh).
     *
     * @param a core
     * @param b core
     * @return hops along x
     */
    public int hopsEastWest(int a, int b) {
        return Math.abs(globalX(coord(a)) - globalX(coord(b)));
    }

    /**
     * @param a core
     * @param b core
     * @return hops along y
     */
    public int hopsNorthSouth(int a, int b) {
        return Math.abs(globalY(coord(a)) - globalY(coord(b)));
    }

    /**
     * @param a core
     * @param b core
     * @return XY hops between them (0 within a tile)
     */
    public int hops(int a, int b) {
        return hopsEastWest(a, b) + hopsNorthSouth(a, b);
    }

    /**
     * @param a core
     * @param b core
     * @return chip-to-chip links crossed on the XY route
     */
    public int chipCrossings(int a, int b) {
        CoreCoord ca = coord(a);
        CoreCoord cb = coord(b);
        return Math.abs(ca.chip() % mesh.chipGridX() - cb.chip() % mesh.chipGridX())
                + Math.abs(ca.chip() / mesh.chipGridX() - cb.chip() / mesh.chipGridX());
    }

    private int globalX(CoreCoord c) {
        return (c.chip() % mesh.chipGridX()) * mesh.tilesX() + c.tileX();
    }

    private int globalY(CoreCoord c) {
        return (c.chip() / mesh.chipGridX()) * mesh.tilesY() + c.tileY();
    }

    /**
     * Energy of one spike message from core a to core b: hops by direction plus chip crossings, or the within-tile
     * cost when both share a tile.
     *
     * @param a source core
     * @param b destination core
     * @return pJ
     */
    public double messageEnergyPj(int a, int b) {
        int ew = hopsEastWest(a, b);
        int ns = hopsNorthSouth(a, b);
        if (ew + ns == 0) {
            return router.withinTileSpike().energyPj();
        }
        return ew * router.hopEastWest().energyPj() + ns * router.hopNorthSouth().energyPj()
                + chipCrossings(a, b) * router.interChip().energyPj();
    }

    /**
     * Latency of one spike message without contention.
     *
     * @param a source core
     * @param b destination core
     * @return ns
     */
    public double messageLatencyNs(int a, int b) {
        int ew = hopsEastWest(a, b);
        int ns = hopsNorthSouth(a, b);
        if (ew + ns == 0) {
            return router.withinTileSpike().timeNs();
        }
        return ew * router.hopEastWest().timeNs() + ns * router.hopNorthSouth().timeNs()
                + chipCrossings(a, b) * router.interChip().timeNs();
    }

    /**
     * @param tilesInUse tiles with mapped cores
     * @return barrier time in ns
     */
    public double barrierNs(int tilesInUse) {
        return barrier.timeNs(tilesInUse);
    }

    /**
     * @param format dense, sparse or shared
     * @return bytes per stored synapse (fractional when bits are not a multiple of 8)
     */
    public double bytesPerSynapse(String format) {
        return core.encoding().bitsPerSynapse(format) / 8.0;
    }

    /** @return SHA-256 of the canonical YAML, for run summaries */
    public String hash() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest(ChipConfigs.toYaml(this).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
