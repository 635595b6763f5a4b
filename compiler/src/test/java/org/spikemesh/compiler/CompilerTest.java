package org.spikemesh.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.RouteTable;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.RandomNetworks;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.DelayDense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.nets.Cuba;

class CompilerTest {
    private static final ChipConfig LOIHI = ChipConfigs.preset("loihi-like");
    private static final ChipConfig TEACHING = ChipConfigs.preset("teaching-2x2");

    /** 100 inputs densely connected to n LIF neurons with weight 3. */
    private static ProcessGraph dense(int n) {
        SpikeInput in = SpikeInput.of("in", new int[]{100}, java.util.Map.of(0, new int[]{1}));
        double[][] w = new double[n][100];
        for (double[] row : w) {
            java.util.Arrays.fill(row, 3);
        }
        Dense d = Dense.of("w", w, 8, 0, null);
        LIF lif = LIF.builder("pop").shape(n).du(100).dv(100).vth(10).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        return ProcessGraph.of(in, d, lif);
    }

    @Test
    void shouldCutByTheSynapseMemoryLimitComputedByHand() {
        // teaching-2x2: 4096 bytes of synapse memory; dense costs 9 weight + 1 delay = 10 bits per (axon, neuron),
        // sparse 9 + 6 + 1 = 16 bits per synapse. A block of k neurons with 100 axons: dense 100 * k * 10 / 8 bytes
        // <= 4096 -> k <= 32; sparse 100 * k * 2 <= 4096 -> k <= 20. So blocks of 32 in dense: 300 neurons -> 10 cores.
        Compilation c = Compiler.compile(dense(300), TEACHING, new CompileOptions(4, 1, -1, null));
        List<CoreProgram> pop = new ArrayList<>();
        for (CoreProgram k : c.program().cores()) {
            if (k.process().name().equals("pop")) {
                pop.add(k);
            }
        }
        assertEquals(10, pop.size());
        assertEquals(32, pop.get(0).size());
        assertEquals(300 - 9 * 32, pop.get(9).size());
        assertEquals("dense", pop.get(0).format());
        assertEquals(4000, pop.get(0).memoryBytes());
        assertEquals(100, pop.get(0).synapses().axons());
        assertEquals(List.of(), ProgramValidator.violations(c.program()));
    }

    /**
     * Static synapses whose weight the fixed-point preparation makes 0 are not stored, as given zeros are not (Lava's
     * truncate_weights drops them too from a sparse matrix: {@code weights.eliminate_zeros()}).
     */
    @Test
    void shouldNotStoreSynapsesWhoseWeightPreparesToZero() {
        double[][] given = {{-50, 3, 0, 9}, {7, 16, -4, 100}};
        SpikeInput in = SpikeInput.of("in", new int[]{4}, java.util.Map.of(0, new int[]{1}));
        Dense d = Dense.of("w", given, 6, 0, null);
        LIF lif = LIF.builder("pop").shape(2).du(100).dv(100).vth(10).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        Compilation c = Compiler.compile(ProcessGraph.of(in, d, lif), TEACHING, new CompileOptions(1, 1, -1, null));
        long nonZero = 0;
        int[] prepared = d.preparedWeights();
        for (int w : prepared) {
            nonZero += w != 0 ? 1 : 0;
        }
        // by hand, Lava's truncate_weights: mixed sign mode, 6 bits: (w >> 3) << 3, an arithmetic shift (floor):
        // -50 -> -56, 3 -> 0, 9 -> 8, 7 -> 0, 16 -> 16, -4 -> -8, 100 -> 96: 5 of the 7 given stay
        assertEquals(5, nonZero);
        assertArrayEquals(new int[]{-56, 0, 0, 8, 0, 16, -8, 96}, java.util.stream.IntStream.range(0, 8)
                .map(k -> org.spikemesh.process.fixed.FixedPoint.prepareWeight((long) given[k / 4][k % 4],
                        org.spikemesh.process.fixed.SignMode.MIXED, 6)).toArray());
        assertEquals(5, c.network().synapses());
        assertEquals(5, c.program().synapses());
        assertEquals(List.of(), ProgramValidator.violations(c.program()));
    }

    /**
     * Six LIF populations of 2 neurons, unconnected: each fits one core of teaching-2x2, but a core holds one
     * population, so 6 cores are needed and the chip has 4 (2 chips of 4). The message named the first population as
     * if it were too big ("population a (2 neurons) alone needs 1 cores"); it now says the count is the cause.
     */
    @Test
    void shouldSayThatThePopulationsAreTooManyWhenEachFitsACore() {
        List<org.spikemesh.process.Process> lifs = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            lifs.add(LIF.builder(name).shape(2).build());
        }
        ProcessGraph g = new org.spikemesh.process.io.Network(lifs, List.of(), "six").graph();
        MappingException e = assertThrows(MappingException.class,
                () -> Compiler.compile(g, TEACHING, CompileOptions.defaults()));
        assertEquals("network needs 6 cores but teaching-2x2 has 4 (1 chip x 4 cores): each of its 6 populations needs"
                + " a core of its own (a core holds the neurons of one population); pass --chips 2", e.getMessage());
    }

    @Test
    void shouldSayWhichLimitAndHowManyChipsWhenTheNetworkDoesNotFit() {
        MappingException e = assertThrows(MappingException.class,
                () -> Compiler.compile(dense(300), TEACHING, CompileOptions.defaults()));
        // population: 300 / 32 = 10 cores (memory, as above). Inputs: each input neuron reaches all 10 blocks, and a
        // core has 256 output routes, so an input block holds at most 25 neurons: 100 / 25 = 4 cores. 14 cores in
        // all, 4 per chip: 4 chips.
        assertTrue(e.getMessage().contains("needs 14 cores but teaching-2x2 has 4"), e.getMessage());
        assertTrue(e.getMessage().contains("synapse memory per core (4096 bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("pass --chips 4"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void shouldRefuseDelaysBeyondTheDelayBits() {
        SpikeInput in = SpikeInput.of("in", new int[]{1}, java.util.Map.of(0, new int[]{1}));
        DelayDense d = DelayDense.of("late", new double[][]{{5}}, new double[][]{{2}}, 8, 0, null);
        LIF lif = LIF.builder("pop").shape(1).vth(10).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        MappingException e = assertThrows(MappingException.class,
                () -> Compiler.compile(ProcessGraph.of(in, d, lif), TEACHING, CompileOptions.defaults()));
        assertEquals("synapse group late: delay 2 needs more than the 1 delay bits of teaching-2x2 (valid delays 0..1)",
                e.getMessage());
    }

    static Stream<Arguments> networks() {
        List<Arguments> a = new ArrayList<>();
        ChipConfig tiny = tiny(LOIHI, 3);
        for (long seed = 1; seed <= 12; seed++) {
            a.add(Arguments.of("random-" + seed, RandomNetworks.fixedPoint(seed).graph(), tiny, 0));
        }
        a.add(Arguments.of("cuba-4000", Cuba.build(4000, 1).graph(), LOIHI, 0));
        a.add(Arguments.of("cuba-12000-auto-chips", Cuba.build(12000, 1).graph(), LOIHI, Compiler.AUTO_CHIPS));
        return a.stream();
    }

    static ChipConfig tiny(ChipConfig c, int neurons) {
        org.spikemesh.chip.Core k = c.core();
        return new ChipConfig(c.name(), c.mesh(), new org.spikemesh.chip.Core(neurons, k.maxFanInAxons(),
                k.maxFanOutRoutes(), k.synapseMemoryBytes(), k.encoding(), k.neuronStateBits(), k.clockMhz(), k.synop(),
                k.neuronUpdateActive(), k.neuronUpdateInactive(), k.spikeOut(), k.messageReceive()), c.router(),
                c.barrier(), c.learning(), c.staticPowerWatts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void shouldEmitProgramsThatRespectEveryLimitAndHoldEverySynapse(String name, ProcessGraph g, ChipConfig chip,
                                                                     int chips) {
        Compilation c = Compiler.compile(g, chip, new CompileOptions(chips, 7, -1, null));
        assertEquals(List.of(), ProgramValidator.violations(c.program()));
        assertEquals(c.network().synapses(), c.program().synapses(), "every synapse stored exactly once");
        long neurons = 0;
        for (CoreProgram k : c.program().cores()) {
            neurons += k.size();
        }
        assertEquals(c.network().neurons(), neurons);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void shouldRouteAlongShortestXyPaths(String name, ProcessGraph g, ChipConfig chip, int chips) {
        ChipProgram p = Compiler.compile(g, chip, new CompileOptions(chips, 7, -1, null)).program();
        for (CoreProgram k : p.cores()) {
            RouteTable rt = k.routes();
            for (int s = 0; s < rt.slots(); s++) {
                int d = rt.destCore(s);
                int dx = Math.abs(p.tileX()[d] - p.tileX()[k.index()]);
                int dy = Math.abs(p.tileY()[d] - p.tileY()[k.index()]);
                assertEquals(dx, rt.hopsEastWest(s));
                assertEquals(dy, rt.hopsNorthSouth(s));
                double ns = dx + dy == 0 ? chip.router().withinTileSpike().timeNs()
                        : dx * chip.router().hopEastWest().timeNs() + dy * chip.router().hopNorthSouth().timeNs()
                        + rt.chipCrossings(s) * chip.router().interChip().timeNs();
                assertEquals(Math.round(ns), rt.latencyNs(s));
                assertEquals(p.chip().chipCrossings(k.globalCore(), p.cores().get(d).globalCore()), rt.chipCrossings(s));
            }
        }
    }

    @Test
    void shouldPlaceNoWorseThanTheGreedyStartAndBetterThanRandom() {
        ProcessGraph g = Cuba.build(3000, 2).graph();
        Compilation c = Compiler.compile(g, tiny(LOIHI, 40), new CompileOptions(0, 3, -1, null));
        java.util.Map<String, Object> pl = c.report().placement();
        double start = (Double) pl.get("start_cost");
        double fin = (Double) pl.get("final_cost");
        double random = (Double) pl.get("random_cost");
        assertTrue(fin <= start, fin + " > " + start);
        assertTrue(start < random, start + " >= " + random);
    }

    @Test
    void shouldFindTheBestLayoutOfAChain() {
        // a chain of 8 populations of 3 neurons; with cores of 3 neurons the chain has 8 blocks. Traffic flows only
        // between neighbours in the chain, so the optimum is a path on the mesh with distance 1 per link.
        List<org.spikemesh.process.Process> ps = new ArrayList<>();
        LIF prev = null;
        for (int k = 0; k < 8; k++) {
            LIF l = LIF.builder("l" + k).shape(3).vth(5).biasMant(1).build();
            ps.add(l);
            if (prev != null) {
                Dense d = Dense.of("d" + k, new double[][]{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, 8, 0, null);
                prev.sOut().connect(d.sIn());
                d.aOut().connect(l.aIn());
                ps.add(d);
            }
            prev = l;
        }
        ProcessGraph g = ProcessGraph.of(ps, "chain");
        Partition part = Partitioner.partition(Flattener.flatten(g, NumericModel.FIXED_PT), tiny(LOIHI, 3), null);
        Placement pl = Placer.place(part.traffic(), tiny(LOIHI, 3), 5, 20000);
        // each of the 3 neurons of a block reaches the next block once: 3 messages per step per chain link. loihi-like
        // has 4 cores per tile and hops within a tile cost nothing, so the best layout puts l0..l3 in one tile and
        // l4..l7 in the neighbouring one: a single chain link crosses one hop, cost 3.
        assertTrue(pl.finalCost() <= pl.startCost());
        assertEquals(3.0, pl.finalCost(), 1e-9, "a chain of 8 blocks on two neighbouring tiles");
    }

    @Test
    void shouldBeDeterministicForASeed() {
        ChipConfig chip = tiny(LOIHI, 40);
        int[] a = cores(Compiler.compile(Cuba.build(2000, 4).graph(), chip, new CompileOptions(0, 9, -1, null)));
        int[] b = cores(Compiler.compile(Cuba.build(2000, 4).graph(), chip, new CompileOptions(0, 9, -1, null)));
        assertArrayEquals(a, b);
    }

    private static int[] cores(Compilation c) {
        return c.program().cores().stream().mapToInt(CoreProgram::globalCore).toArray();
    }

    @Test
    void shouldQuantiseFloatWeightsAsComputedByHand() {
        // vth 1.0 and largest weight 0.5: S = min(2^21 / 1, 64 * 255 * 2^7 / 0.5) = 2^21; vth -> 2^21 / 64 = 32768.
        // weight 0.5 -> 2^21 * 0.5 / 64 = 16384 activation units; exponent ceil(log2(16384 / 255)) = 7; mantissa 128,
        // exact. weight 0.3 -> 9830.4 units -> 76.8 -> 77 -> 9856: relative error 25.6 / 9830.4 = 0.0026042.
        SpikeInput in = SpikeInput.of("in", new int[]{2}, java.util.Map.of(0, new int[]{1}));
        Dense d = Dense.of("w", new double[][]{{0.5, 0.3}}, 8, 0, null);
        LIF lif = LIF.builder("pop").shape(1).model(NumericModel.FLOAT_PT).du(0.25).dv(0.0).vth(1.0).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        Compilation c = Compiler.compile(ProcessGraph.of(in, d, lif), LOIHI, CompileOptions.defaults());
        Quantiser.GroupError e = c.report().quantisation().get(0);
        assertEquals(7, e.weightExp());
        assertEquals(1 << 21, e.scale(), 1e-9);
        assertEquals(25.6 / 9830.4, e.maxRelativeError(), 1e-9);
        assertEquals(8, e.mantissaBitsUsed());
        LIF q = (LIF) c.graph().process("pop");
        assertEquals(32768, q.vth().get(0));
        assertEquals(1023, q.du().get(0), "round(4096 * 0.25) - 1");
        assertEquals(0, q.dv().get(0));
    }

    @Test
    void shouldQuantiseACubaNeuronByFoldingItsGainsIntoTheWeights() {
        // u = u(1 - 1) + ug (a + bias) with ug = 2, v = v(1 - 0.25) + 0.25 * vl + vg u with vg = 0.5, vth 1, bias 0.1,
        // vl 0.2. Gain g = ug vg = 1; S = min(2^21 / 1, 64*255*2^7 / (1 * 0.5), 4095 * 2^7 / (0.1 + 0.05)) = 2^21.
        // Weight 0.5 -> S g 0.5 / 64 = 16384 units: exponent 7, mantissa 128. Bias in v per step:
        // S (g bias / du + dv vl) = 2^21 * 0.15 = 314572.8 -> exponent 7 (314572.8 / 128 = 2457.6 -> 2458).
        SpikeInput in = SpikeInput.of("in", new int[]{1}, java.util.Map.of(0, new int[]{1}));
        Dense d = Dense.of("w", new double[][]{{0.5}}, 8, 0, null);
        org.spikemesh.process.lib.CubaNeuron n = org.spikemesh.process.lib.CubaNeuron.builder("cn").shape(1).du(1)
                .dv(0.25).uGain(2).vGain(0.5).bias(0.1).vLeak(0.2).vth(1).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(n.aIn());
        Compilation c = Compiler.compile(ProcessGraph.of(in, d, n), LOIHI, CompileOptions.defaults());
        Quantiser.GroupError e = c.report().quantisation().get(0);
        assertEquals(7, e.weightExp());
        assertEquals(0.0, e.maxRelativeError(), 1e-12);
        LIF q = (LIF) c.graph().process("cn");
        assertEquals(32768, q.vth().get(0));
        assertEquals(2458, q.biasMant().get(0));
        assertEquals(7, q.biasExp().get(0));
        assertEquals(4095, q.du().get(0), "round(4096 * 1) - 1");
        assertEquals(1024, q.dv().get(0));
        assertTrue(c.report().notes().isEmpty(), String.valueOf(c.report().notes()));
    }

    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldKeepEveryQuantisedWeightWithinItsDocumentedBound(long seed) {
        // bound (docs/compiler.md): rounding to the mantissa costs at most half a unit of 2^exp; mixed sign mode
        // truncates the lowest bit as well, at most one more unit. So |w_q - x| <= 0.5 * 2^exp (one sign) or
        // 1.5 * 2^exp (mixed), where x = S w / 64 is the exact value in activation units.
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int nIn = 20;
        int nOut = 10;
        boolean mixed = r.nextBoolean();
        double[][] w = new double[nOut][nIn];
        for (double[] row : w) {
            for (int i = 0; i < nIn; i++) {
                row[i] = (mixed ? r.nextDouble(-1, 1) : r.nextDouble(0, 1)) * Math.pow(10, r.nextInt(-3, 2));
            }
        }
        SpikeInput in = SpikeInput.of("in", new int[]{nIn}, java.util.Map.of(0, new int[]{1}));
        Dense d = Dense.of("w", w, 8, 0, null);
        LIF lif = LIF.builder("pop").shape(nOut).model(NumericModel.FLOAT_PT).du(0.1).dv(0.1)
                .vth(r.nextDouble(0.1, 10)).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        Compilation c = Compiler.compile(ProcessGraph.of(in, d, lif), LOIHI, CompileOptions.defaults());
        Quantiser.GroupError e = c.report().quantisation().get(0);
        org.spikemesh.process.lib.Synapses q = (org.spikemesh.process.lib.Synapses) c.graph().process("w");
        int[] prepared = q.preparedWeights();
        org.spikemesh.process.lib.SynapseTable t = q.table();
        double unit = Math.pow(2, e.weightExp());
        double bound = (mixed ? 1.5 : 0.5) * unit;
        for (int i = 0; i < t.numInputs(); i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                double x = e.scale() * w[t.post()[k]][i] / 64;
                assertTrue(Math.abs(prepared[k] * unit - x) <= bound + 1e-9,
                        "weight " + w[t.post()[k]][i] + ": " + prepared[k] * unit + " vs " + x);
            }
        }
    }

    @Test
    void shouldWeighTrafficByMeasuredRates() {
        // only the 100 inputs send: each reaches the 10 blocks of the population once, 1 000 messages per step at one
        // spike per neuron per step; measured at 0.25 spikes per step for every input, a quarter of that
        Compilation unit = Compiler.compile(dense(300), TEACHING, new CompileOptions(4, 1, 0, null));
        double[] quarter = new double[100];
        java.util.Arrays.fill(quarter, 0.25);
        Compilation measured = Compiler.compile(dense(300), TEACHING,
                new CompileOptions(4, 1, 0, null).withRates(java.util.Map.of("in", quarter)));
        double u = (Double) unit.report().traffic().get("messages_per_step");
        double m = (Double) measured.report().traffic().get("messages_per_step");
        assertEquals(1000.0, u, 1e-9);
        assertEquals(250.0, m, 1e-9);
        MappingException e = assertThrows(MappingException.class, () -> Compiler.compile(dense(300), TEACHING,
                new CompileOptions(4, 1, 0, null).withRates(java.util.Map.of("in", new double[3]))));
        assertEquals("measured rates of in give 3 neurons; the population has 100", e.getMessage());
    }
}
