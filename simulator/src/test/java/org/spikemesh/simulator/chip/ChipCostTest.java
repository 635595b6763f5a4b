package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.simulator.RunConfig;

/**
 * Time and energy of tiny programs on teaching-2x2, computed by hand from the preset: synop 1 ns / 10 pJ, neuron
 * update active 2 ns / 20 pJ, inactive 1 ns / 10 pJ, spike out 1 ns / 5 pJ, message receive 1 ns / 5 pJ, east-west
 * hop 10 ns / 10 pJ, link bandwidth 0.1 message/ns, buffer depth 4, barrier 100 ns at 1 tile to 400 ns at 4 tiles
 * (linear: 200 ns at 2 tiles) and 50 pJ, static power 1 mW (1 pJ per ns).
 */
class ChipCostTest {
    private static final ChipConfig TEACHING = ChipConfigs.preset("teaching-2x2");

    /** {@code k} input neurons all spiking at step 1 into one LIF (du 4095, dv 0, vth 1000: it never fires). */
    private static ProcessGraph fanIn(int k) {
        java.util.Map<Integer, int[]> spikes = new java.util.HashMap<>();
        for (int i = 0; i < k; i++) {
            spikes.put(i, new int[]{1});
        }
        SpikeInput in = SpikeInput.of("in", new int[]{k}, spikes);
        double[][] w = new double[1][k];
        java.util.Arrays.fill(w[0], 10);
        Dense d = Dense.of("w", w, 8, 0, null);
        LIF lif = LIF.builder("lif").shape(1).du(4095).dv(0).vth(1000).biasMant(0).biasExp(0).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        return ProcessGraph.of(in, d, lif);
    }

    private static ChipEngine run(ProcessGraph g, int steps) {
        ChipProgram p = Compiler.compile(g, TEACHING, new CompileOptions(0, 1, 0, null)).program();
        ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), 1);
        e.run(steps);
        return e;
    }

    private static int lifCore(ChipEngine e) {
        for (CoreProgram c : e.program().cores()) {
            if (c.process().name().equals("lif")) {
                return c.globalCore();
            }
        }
        throw new AssertionError("no lif core");
    }

    @Test
    void shouldCostOneSpikeOverOneHopExactly() {
        try (ChipEngine e = run(fanIn(1), 3)) {
            Accounts a = e.accounts();
            // the greedy start puts the two cores on neighbouring tiles (0,0) and (1,0): one east-west hop
            assertEquals(1, a.counts().get("hops_east_west"));
            // step 1: input core 1 spike (1 ns); LIF core: inactive update 1 + synop 1 + receive 1 = 3 ns (slowest);
            // traffic: 1 hop 10 ns, no queue; barrier 200 ns (2 tiles)  -> 213 ns
            assertEquals(213.0, a.stepNs(0), 1e-9);
            assertEquals(3.0, a.stepComputeNs(0), 1e-9);
            assertEquals(10.0, a.stepTrafficNs(0), 1e-9);
            assertEquals(lifCore(e), a.criticalCore(0));
            // steps 2 and 3: the LIF is active (u = 640, then v = 640): 2 ns + barrier 200 ns, no traffic
            assertEquals(202.0, a.stepNs(1), 1e-9);
            assertEquals(202.0, a.stepNs(2), 1e-9);
            assertEquals(617.0, a.timeNs(), 1e-9);
            // energy step 1: spike 5 + inactive 10 + synop 10 + receive 5 + hop 10 + barrier 50 + static 213 = 303 pJ
            assertEquals(303.0, a.stepPj(0), 1e-9);
            assertEquals(272.0, a.stepPj(1), 1e-9);
            // the same by kind (synaptic ops, neuron updates, spikes, hops, inter-chip, learning, barrier, static):
            // step 1: synop 10; inactive update 10; spike 5 + receive 5; hop 10; barrier 50; static 213
            assertKinds(a, 0, 10, 10, 10, 10, 0, 0, 50, 213);
            // step 2: active update 20; barrier 50; static 202 -> 272 pJ
            assertKinds(a, 1, 0, 20, 0, 0, 0, 0, 50, 202);
            Map<String, Double> kind = a.energyByKind();
            assertEquals(10.0, kind.get("synaptic_ops"), 1e-9);
            assertEquals(50.0, kind.get("neuron_updates"), 1e-9);
            assertEquals(10.0, kind.get("spikes"), 1e-9);
            assertEquals(10.0, kind.get("hops"), 1e-9);
            assertEquals(150.0, kind.get("barrier"), 1e-9);
            assertEquals(617.0, kind.get("static"), 1e-9);
            assertEquals(847.0, kind.get("total"), 1e-9);
            assertEquals(1, a.latencyHistogram().getTotalCount());
            assertEquals(10, a.latencyHistogram().getMaxValue());
        }
    }

    /** Asserts row i's energy by kind, in the order of {@link Accounts#ENERGY_KINDS}, and that they add up to its total. */
    static void assertKinds(Accounts a, int i, double... pj) {
        assertEquals(Accounts.ENERGY_KINDS.size(), pj.length);
        double sum = 0;
        for (int k = 0; k < pj.length; k++) {
            assertEquals(pj[k], a.stepPj(i, k), 1e-9, Accounts.ENERGY_KINDS.get(k) + " of row " + i);
            sum += pj[k];
        }
        assertEquals(sum, a.stepPj(i), 1e-9, "the kinds of row " + i + " add up to its energy");
    }

    @Test
    void shouldChargeOneBarrierPerStepWhenTheSeriesSumWindowsOfSteps() {
        // as shouldCostOneSpikeOverOneHopExactly, with the series summing 2 steps a row: 3 steps are rows {1, 2}
        // and {3}. The run still closed 3 barriers of 50 pJ: 150 pJ, not one per row
        ProcessGraph g = fanIn(1);
        ChipProgram p = Compiler.compile(g, TEACHING, new CompileOptions(0, 1, 0, null)).program();
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), 1)) {
            Accounts a = e.accounts();
            a.seriesEvery(2);
            e.run(3);
            assertEquals(2, a.steps());
            assertEquals(150.0, a.energyByKind().get("barrier"), 1e-9);
            // 303 + 272 + 272 pJ as step by step
            assertEquals(847.0, a.energyByKind().get("total"), 1e-9);
            // row 1 = steps 1 and 2: 303 + 272 = 575 pJ; row 2 = step 3: 272 pJ
            assertKinds(a, 0, 10, 30, 10, 10, 0, 0, 100, 415);
            assertKinds(a, 1, 0, 20, 0, 0, 0, 0, 50, 202);
            assertEquals(575.0, a.stepPj(0), 1e-9);
        }
    }

    @Test
    void shouldHistogramEveryStepTimeWhenReadMidRunAndAtTheEnd() {
        // the step times reach their histogram a thousand at a time: 1 500 and then 2 500 steps cross that twice, and
        // the read in between must leave nothing out or count nothing twice
        try (ChipEngine e = run(fanIn(1), 1500)) {
            Accounts a = e.accounts();
            // step 1 as in shouldCostOneSpikeOverOneHopExactly: 213 ns; after it the LIF stays active (dv 0 keeps
            // v = 640, below vth 1000): 2 ns + barrier 200 ns each step
            org.HdrHistogram.Histogram h = a.stepTimeHistogram();
            assertEquals(1500, h.getTotalCount());
            assertEquals(1, h.getCountAtValue(213));
            assertEquals(1499, h.getCountAtValue(202));
            e.run(1000);
            h = a.stepTimeHistogram();
            assertEquals(2500, h.getTotalCount());
            assertEquals(1, h.getCountAtValue(213));
            assertEquals(2499, h.getCountAtValue(202));
            assertEquals(202, h.getMinValue());
            assertEquals(213, h.getMaxValue());
        }
    }

    @Test
    void shouldQueueTwoMessagesOnOneLink() {
        try (ChipEngine e = run(fanIn(2), 1)) {
            Accounts a = e.accounts();
            // input core: 2 spikes = 2 ns; LIF core: inactive 1 + synops 2 + receives 2 = 5 ns;
            // traffic: path 10 ns + the second message waits (2 - 1) / 0.1 = 10 ns; barrier 200 -> 225 ns
            assertEquals(225.0, a.stepNs(0), 1e-9);
            assertEquals(2, a.stepBusiestLink(0));
            // each message's latency: 10 ns path + mean wait (2 - 1) / (2 * 0.1) = 5 ns
            assertEquals(2, a.latencyHistogram().getTotalCount());
            assertEquals(15, a.latencyHistogram().getMinValue());
            assertEquals(15, a.latencyHistogram().getMaxValue());
            assertEquals(0, a.counts().get("buffer_overflows"));
            // energy: 2 spikes 2 x 5 = 10 + 1 inactive update 10 + 2 synops 2 x 10 = 20 + 2 receives 2 x 5 = 10
            // + 2 east-west hops 2 x 10 = 20 + barrier 50 + static 1 pJ/ns x 225 ns = 225 -> 345 pJ
            assertEquals(345.0, a.stepPj(0), 1e-9);
            // by kind: synaptic ops 20; neuron updates 10; spikes 10 + receives 10 = 20; hops 20; barrier 50;
            // static 225
            assertKinds(a, 0, 20, 10, 20, 20, 0, 0, 50, 225);
        }
    }

    @Test
    void shouldCountMessagesBeyondTheBufferDepth() {
        try (ChipEngine e = run(fanIn(6), 1)) {
            Accounts a = e.accounts();
            // six messages on one link with room for four: two overflow; the last leaves (6 - 1) / 0.1 = 50 ns late
            assertEquals(2, a.counts().get("buffer_overflows"));
            // input core 6 ns; LIF core 1 + 6 + 6 = 13 ns; traffic 10 + 50; barrier 200 -> 273 ns
            assertEquals(273.0, a.stepNs(0), 1e-9);
        }
    }

    @Test
    void shouldChargeTheBarrierOfOneTileWhenEverythingSharesIt() {
        // a LIF alone, no traffic: 1 tile in use -> 100 ns barrier; with bias 1 its v is never 0, so it is active
        LIF lif = LIF.builder("solo").shape(1).du(0).dv(0).vth(100000).biasMant(1).biasExp(0).build();
        ProcessGraph g = ProcessGraph.of(lif);
        try (ChipEngine e = run(g, 2)) {
            // step 1: v = 0 + 0 + 1 = 1 -> active update 2 ns; barrier 100 ns
            assertEquals(102.0, e.accounts().stepNs(0), 1e-9);
            // energy: active 20 + barrier 50 + static 102 = 172 pJ
            assertEquals(172.0, e.accounts().stepPj(0), 1e-9);
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    /**
     * The same on 1, 2 and 4 threads. The network has two cores (input and LIF), and the engine makes at most one
     * shard per core: 4 threads give 2 shards.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads, {1} shards")
    @org.junit.jupiter.params.provider.CsvSource({"1,1", "2,2", "4,2"})
    void shouldCostOneSpikeCrossingTwoHopsExactly(int threads, int shards) throws java.io.IOException {
        // pinned: the input on core 0 (tile (0,0)), the LIF on core 3 (tile (1,1)): one east-west and one north-south
        // hop. Step 1: LIF core 3 ns (inactive 1 + synop 1 + receive 1); path 10 + 20 = 30 ns; barrier 200 ns (2 tiles)
        // -> 233 ns. Energy: spike 5 + inactive 10 + synop 10 + receive 5 + hops 10 + 20 + barrier 50 + static 233
        // = 343 pJ.
        java.nio.file.Path pins = tmp.resolve("pins.csv");
        java.nio.file.Files.writeString(pins, "population,first_neuron,chip,core\nin,0,0,0\nlif,0,0,3\n");
        ProcessGraph g = fanIn(1);
        ChipProgram p = Compiler.compile(g, TEACHING, new CompileOptions(0, 1, 0, null)
                .withPins(org.spikemesh.compiler.PlacementFile.read(pins))).program();
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), threads)) {
            assertEquals(2, e.program().cores().size());
            assertEquals(shards, e.shards());
            e.run(1);
            Accounts a = e.accounts();
            assertEquals(1, a.counts().get("hops_east_west"));
            assertEquals(1, a.counts().get("hops_north_south"));
            assertEquals(233.0, a.stepNs(0), 1e-9);
            assertEquals(343.0, a.stepPj(0), 1e-9);
            assertEquals(30, a.latencyHistogram().getMaxValue());
            assertEquals(3, a.criticalCore(0));
        }
    }

    /** One input neuron feeding two single-neuron populations, on tiles (1,0) and (1,1) by a placement file. */
    private ChipEngine fork(ChipConfig chip, int threads) throws java.io.IOException {
        return fork(chip, threads, "in,0,0,0\na,0,0,1\nb,0,0,3\n", "a", "b");
    }

    /**
     * One input neuron feeding a single-neuron LIF population (du 4095, dv 0, vth 1000: it does not fire in step 1)
     * per name of {@code targets}, each through a Dense of weight 10, pinned as {@code pinRows} says
     * (population,first_neuron,chip,core rows), run for one step on {@code threads} threads.
     */
    private ChipEngine fork(ChipConfig chip, int threads, String pinRows, String... targets)
            throws java.io.IOException {
        SpikeInput in = SpikeInput.of("in", new int[]{1}, java.util.Map.of(0, new int[]{1}));
        java.util.List<org.spikemesh.process.Process> procs = new java.util.ArrayList<>(java.util.List.of(in));
        for (String t : targets) {
            Dense d = Dense.of("d" + t, new double[][]{{10}}, 8, 0, null);
            LIF lif = LIF.builder(t).shape(1).du(4095).dv(0).vth(1000).build();
            in.sOut().connect(d.sIn());
            d.aOut().connect(lif.aIn());
            procs.add(d);
            procs.add(lif);
        }
        ProcessGraph g = ProcessGraph.of(procs.toArray(new org.spikemesh.process.Process[0]));
        java.nio.file.Path pins = tmp.resolve("fork.csv");
        java.nio.file.Files.writeString(pins, "population,first_neuron,chip,core\n" + pinRows);
        ChipProgram p = Compiler.compile(g, chip, new CompileOptions(0, 1, 0, null)
                .withPins(org.spikemesh.compiler.PlacementFile.read(pins))).program();
        ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), threads);
        // one shard per thread, but never more shards than cores (the input's and one per target)
        assertEquals(1 + targets.length, p.cores().size());
        assertEquals(Math.min(threads, 1 + targets.length), e.shards(), "shards on " + threads + " threads");
        e.run(1);
        return e;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 4})
    void shouldCountAMulticastTreeOnceWhereUnicastCountsEveryPath(int threads) throws java.io.IOException {
        // unicast: (0,0)->(1,0) is one east hop, (0,0)->(1,1) east then north: 3 hops, 2 messages, east link (0,0)
        // carries 2. Step: slowest core 3 ns; traffic: longest path 10 + 20 = 30 ns, plus (2 - 1) / 0.1 = 10 ns of
        // queueing; barrier 100 + 300 * (3 - 1) / 3 = 300 ns (3 tiles) -> 343 ns. Energy: spike 5 + 2 inactive updates
        // 20 + 2 synops 20 + 2 receives 10 + hops 10 + 10 + 20 + barrier 50 + static 343 = 488 pJ.
        try (ChipEngine u = fork(TEACHING, threads)) {
            Accounts a = u.accounts();
            assertEquals(2, a.counts().get("messages"));
            assertEquals(2, a.counts().get("hops_east_west"));
            assertEquals(1, a.counts().get("hops_north_south"));
            assertEquals(343.0, a.stepNs(0), 1e-9);
            assertEquals(488.0, a.stepPj(0), 1e-9);
        }
        // multicast: one packet copied along the tree {east (0,0), north (1,0)}: 2 hops, east link carries 1; no
        // queueing -> 333 ns; hops 10 + 20 = 30 pJ -> 468 pJ.
        org.spikemesh.chip.Router r = TEACHING.router();
        ChipConfig mc = new ChipConfig(TEACHING.name(), TEACHING.mesh(), TEACHING.core(),
                new org.spikemesh.chip.Router(r.topology(), r.hopEastWest(), r.hopNorthSouth(), r.withinTileSpike(),
                        r.interChip(), r.linkBandwidthMsgsPerNs(), r.bufferDepth(), true),
                TEACHING.barrier(), TEACHING.learning(), TEACHING.staticPowerWatts());
        try (ChipEngine m = fork(mc, threads)) {
            Accounts a = m.accounts();
            assertEquals(1, a.counts().get("messages"));
            assertEquals(1, a.counts().get("hops_east_west"));
            assertEquals(1, a.counts().get("hops_north_south"));
            assertEquals(1, a.stepBusiestLink(0));
            assertEquals(333.0, a.stepNs(0), 1e-9);
            assertEquals(468.0, a.stepPj(0), 1e-9);
            assertEquals(1, m.accounts().linkTotals(0)[0], "east link of tile (0,0)");
            assertEquals(1, m.accounts().linkTotals(2)[1], "north link of tile (1,0)");
        }
    }
    /**
     * The fork plus a third target c on core 2, tile (0,1): every tile of teaching-2x2 is in use, so the barrier is the
     * table's own 4-tile point, 400 ns. Unicast, XY routes from the input on (0,0): a on (1,0) east 1 hop (10 ns); b on
     * (1,1) east then north, 2 hops (10 + 20 = 30 ns); c on (0,1) north 1 hop (20 ns). The east link of (0,0) carries
     * a and b: 2 messages; the north links of (0,0) and (1,0) carry 1 each.
     * <p>Time of step 1: input core 1 spike = 1 ns; each LIF core inactive update 1 + synop 1 + receive 1 = 3 ns, the
     * slowest (cores 1, 2 and 3 tie: the lowest, 1, is critical); traffic: longest path 30 ns + (2 - 1) / 0.1 = 10 ns
     * of queueing on the east link of (0,0) = 40 ns; barrier 400 ns (4 tiles) -> 3 + 40 + 400 = 443 ns.
     * <p>Energy: spike 5; 3 inactive updates 3 x 10 = 30; 3 synops 3 x 10 = 30; 3 receives 3 x 5 = 15; hops: east-west
     * 2 x 10 = 20, north-south 2 x 20 = 40 (b's and c's) = 60; barrier 50; static 1 pJ/ns x 443 ns = 443
     * -> 5 + 30 + 30 + 15 + 60 + 50 + 443 = 633 pJ.
     * <p>Four cores: 4 threads make 4 shards, one core each.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 4})
    void shouldChargeTheFourTileBarrierWhenEveryTileIsInUse(int threads) throws java.io.IOException {
        try (ChipEngine e = fork(TEACHING, threads, "in,0,0,0\na,0,0,1\nb,0,0,3\nc,0,0,2\n", "a", "b", "c")) {
            Accounts a = e.accounts();
            assertEquals(threads, e.shards());
            assertEquals(3, a.counts().get("messages"));
            assertEquals(2, a.counts().get("hops_east_west"));
            assertEquals(2, a.counts().get("hops_north_south"));
            assertEquals(2, a.stepBusiestLink(0));
            assertEquals(2, a.linkTotals(0)[0], "east link of tile (0,0)");
            assertEquals(1, a.linkTotals(2)[0], "north link of tile (0,0)");
            assertEquals(1, a.linkTotals(2)[1], "north link of tile (1,0)");
            assertEquals("0:0:east", a.criticalLink(0));
            assertEquals(1, a.criticalCore(0));
            assertEquals(3.0, a.stepComputeNs(0), 1e-9);
            assertEquals(40.0, a.stepTrafficNs(0), 1e-9);
            assertEquals(443.0, a.stepNs(0), 1e-9);
            assertEquals(633.0, a.stepPj(0), 1e-9);
            // by kind: synaptic ops 30; neuron updates 30; spikes 5 + receives 15 = 20; hops 60; barrier 50; static 443
            assertKinds(a, 0, 30, 30, 20, 60, 0, 0, 50, 443);
        }
    }

    /**
     * Multicast, with a destination in the source's own tile and one a hop away: teaching-2x2 with 2 cores a tile
     * (tile (0,0): cores 0 and 1, tile (1,0): cores 2 and 3). The input on core 0 fires once, to a on core 1 (its own
     * tile) and b on core 2 (one hop east): one packet, tree {east of (0,0)}. Step: slowest core 1 + 1 + 1 = 3 ns
     * (inactive update, receive, synop); traffic 10 ns (the hop; a's path is 1 ns within the tile); barrier for 2 tiles
     * 100 + 300 / 3 = 200 -> 213 ns. Energy: spike 5, updates 2 x 10, synops 2 x 10, receives 2 x 5, hop 10, the copy
     * into the source's tile 1, barrier 50, static 213 -> 329 pJ. The copy was charged only when the packet stayed in
     * the tile: 328 pJ, within_tile_messages 0.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 4})
    void shouldChargeTheMulticastCopyIntoTheSourcesOwnTile(int threads) throws java.io.IOException {
        org.spikemesh.chip.Router r = TEACHING.router();
        org.spikemesh.chip.Mesh m = TEACHING.mesh();
        ChipConfig mc = new ChipConfig(TEACHING.name(), new org.spikemesh.chip.Mesh(m.tilesX(), m.tilesY(), 2,
                2 * m.coresPerChip(), m.chips(), m.chipGridX(), m.chipGridY()), TEACHING.core(),
                new org.spikemesh.chip.Router(r.topology(), r.hopEastWest(), r.hopNorthSouth(), r.withinTileSpike(),
                        r.interChip(), r.linkBandwidthMsgsPerNs(), r.bufferDepth(), true),
                TEACHING.barrier(), TEACHING.learning(), TEACHING.staticPowerWatts());
        try (ChipEngine e = fork(mc, threads, "in,0,0,0\na,0,0,1\nb,0,0,2\n", "a", "b")) {
            Accounts a = e.accounts();
            assertEquals(1, a.counts().get("messages"), "one packet");
            assertEquals(1, a.counts().get("hops_east_west"));
            assertEquals(1, a.counts().get("within_tile_messages"), "the copy into the source's tile");
            assertEquals(213.0, a.stepNs(0), 1e-9);
            assertEquals(329.0, a.stepPj(0), 1e-9);
        }
    }

    /**
     * One spike from tile (3,2) of loihi-like (8 x 4 tiles of 4 cores: core 4 * (8y + x) is the first of tile (x, y))
     * to five single-neuron populations, each pinned to its own tile, routed X then Y:
     * <ul>
     * <li>a on (0,2): west 3 hops, over the west links leaving (3,2), (2,2) and (1,2);</li>
     * <li>b on (3,0): south 2 hops, over the south links leaving (3,2) and (3,1);</li>
     * <li>c on (1,0): west over the links leaving (3,2) and (2,2), then south over those leaving (1,2) and (1,1);</li>
     * <li>d on (5,3): east over the links leaving (3,2) and (4,2), then north over the one leaving (5,2);</li>
     * <li>e on (3,2), the source's own tile: no link.</li>
     * </ul>
     * So the west links of (3,2) and (2,2) carry 2 messages, every other link on a path 1; hops east-west 3 + 2 + 2 = 7,
     * north-south 2 + 2 + 1 = 5. Of the two busiest links, the step's critical link is the first with the east-west
     * links taken row by row: the west link leaving (2,2). The same on 1 and 2 threads, with the span ends counted
     * message by message, grouped and by turns (see MessageCounter).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads, spans {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1,each", "2,each", "1,grouped", "2,grouped", "1,turns",
            "2,turns"})
    void shouldCountEveryLinkOfRoutesInAllFourDirections(int threads, String spans) throws java.io.IOException {
        ChipConfig loihi = ChipConfigs.preset("loihi-like");
        SpikeInput in = SpikeInput.of("in", new int[]{1}, java.util.Map.of(0, new int[]{1}));
        java.util.List<org.spikemesh.process.Process> procs = new java.util.ArrayList<>(java.util.List.of(in));
        StringBuilder pins = new StringBuilder("population,first_neuron,chip,core\nin,0,0,").append(core(3, 2))
                .append('\n');
        String[] names = {"a", "b", "c", "d", "e"};
        int[][] tiles = {{0, 2}, {3, 0}, {1, 0}, {5, 3}, {3, 2}};
        for (int k = 0; k < names.length; k++) {
            Dense d = Dense.of("w" + names[k], new double[][]{{10}}, 8, 0, null);
            LIF lif = LIF.builder(names[k]).shape(1).du(4095).dv(0).vth(1000).build();
            in.sOut().connect(d.sIn());
            d.aOut().connect(lif.aIn());
            procs.add(d);
            procs.add(lif);
            // the source's own tile holds it in its next core
            int c = core(tiles[k][0], tiles[k][1]) + (names[k].equals("e") ? 1 : 0);
            pins.append(names[k]).append(",0,0,").append(c).append('\n');
        }
        ProcessGraph g = ProcessGraph.of(procs.toArray(new org.spikemesh.process.Process[0]));
        java.nio.file.Path file = tmp.resolve("star.csv");
        java.nio.file.Files.writeString(file, pins.toString());
        ChipProgram p = Compiler.compile(g, loihi, new CompileOptions(0, 1, 0, null)
                .withPins(org.spikemesh.compiler.PlacementFile.read(file))).program();
        System.setProperty(MessageCounter.SPANS_PROPERTY, spans);
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), threads)) {
            e.run(2);
            Accounts a = e.accounts();
            assertEquals(5, a.counts().get("messages"));
            assertEquals(7, a.counts().get("hops_east_west"));
            assertEquals(5, a.counts().get("hops_north_south"));
            long[][] expected = new long[4][8 * 4];
            expected[0][link(3, 2)] = 1;
            expected[0][link(4, 2)] = 1;
            expected[1][link(3, 2)] = 2;
            expected[1][link(2, 2)] = 2;
            expected[1][link(1, 2)] = 1;
            expected[2][link(5, 2)] = 1;
            expected[3][link(3, 2)] = 1;
            expected[3][link(3, 1)] = 1;
            expected[3][link(1, 2)] = 1;
            expected[3][link(1, 1)] = 1;
            String[] direction = {"east", "west", "north", "south"};
            for (int d = 0; d < 4; d++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected[d], a.linkTotals(d), direction[d]);
            }
            // the load on the busiest link of step 1: the west links leaving (3,2) and (2,2)
            assertEquals(2, a.stepBusiestLink(0));
            assertEquals("2:2:west", a.criticalLink(0));
        } finally {
            System.clearProperty(MessageCounter.SPANS_PROPERTY);
        }
    }

    /** @return the first core of tile (x, y) on one loihi-like chip */
    private static int core(int x, int y) {
        return 4 * (8 * y + x);
    }

    /** @return the index of the links leaving tile (x, y) on one loihi-like chip */
    private static int link(int x, int y) {
        return 8 * y + x;
    }
}
