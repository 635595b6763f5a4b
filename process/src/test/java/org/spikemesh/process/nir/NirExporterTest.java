package org.spikemesh.process.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.lib.Composite;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.Sparse;

/** The export mapping, with every expected number derived by hand from ARCHITECTURE.md and docs/nir.md. */
class NirExporterTest {
    private static final double DT = 1e-4;

    @TempDir
    Path dir;

    private static NirGraph export(ProcessGraph g, NumericModel m) {
        return NirExporter.export(g, new NirExporter.Options(DT, m)).file().graph();
    }

    private static SpikeInput input(int n) {
        return SpikeInput.of("in", new int[]{n}, Map.of());
    }

    @Test
    void shouldExportAFixedPointLifAsItsContinuousEquivalent() {
        SpikeInput in = input(2);
        Dense w = Dense.of("w", new double[][]{{10, -3}}, 8, 1, SignMode.MIXED);
        LIF lif = LIF.builder("lif").du(4095).dv(410).vth(100).biasMant(3).biasExp(2).build();
        in.sOut().connect(w.sIn());
        w.aOut().connect(lif.aIn());
        NirGraph g = export(ProcessGraph.of(in), NumericModel.FIXED_PT);
        NirNode n = g.nodes().get("lif");
        // du = 4095: the current decays by (4095 + 1) / 4096 = 1 per step, so u is the step's input: a NIR LIF.
        assertEquals("LIF", n.type());
        // dv = 410 / 4096 per step = dt / tau  ->  tau = 1e-4 * 4096 / 410 s; v_gain 1 = dv * r  ->  r = 4096 / 410
        assertEquals(1e-4 * 4096 / 410, n.number("tau").get(0), 1e-18);
        assertEquals(4096.0 / 410, n.number("r").get(0), 1e-12);
        // bias (3 << 2) = 12 per step in units of 1/64 threshold: 12 / 64 = 0.1875 = dv * v_leak
        assertEquals(0.1875 * 4096 / 410, n.number("v_leak").get(0), 1e-12);
        assertEquals(100, n.number("v_threshold").get(0));
        assertEquals(0, n.number("v_reset").get(0));
        // mixed sign mode, 8 bits: shift 1, 10 -> 10 and -3 -> -4; times 2^weight_exp = 2: 20 and -8
        NirNode lin = g.nodes().get("w");
        assertEquals("Linear", lin.type());
        assertArrayEquals(new double[]{20, -8}, lin.number("weight").values());
        assertArrayEquals(new int[]{1, 2}, lin.number("weight").shape());
        assertEquals(Set.of(new NirEdge("in", "w"), new NirEdge("w", "lif"), new NirEdge("lif", "output")),
                Set.copyOf(g.edges()));
        assertEquals("Output", g.nodes().get("output").type());
    }

    @Test
    void shouldExportAFloatLifWithADecayingCurrentAsCubaLif() {
        SpikeInput in = input(1);
        Dense w = Dense.of("w", new double[][]{{1.5}});
        LIF lif = LIF.builder("lif").model(NumericModel.FLOAT_PT).du(0.5).dv(0.25).vth(2).biasMant(0.5).build();
        in.sOut().connect(w.sIn());
        w.aOut().connect(lif.aIn());
        NirNode n = export(ProcessGraph.of(in), NumericModel.FLOAT_PT).nodes().get("lif");
        assertEquals("CubaLIF", n.type());
        // du = dt / tau_syn = 0.5 -> 2e-4 s; u_gain 1 = du * w_in -> w_in = 2
        assertEquals(2e-4, n.number("tau_syn").get(0));
        assertEquals(2.0, n.number("w_in").get(0));
        // dv = 0.25 -> tau_mem = 4e-4 s; v_gain 1 = dv * r -> r = 4; bias 0.5 per step = dv * v_leak -> v_leak = 2
        assertEquals(4e-4, n.number("tau_mem").get(0));
        assertEquals(4.0, n.number("r").get(0));
        assertEquals(2.0, n.number("v_leak").get(0));
        assertEquals(2.0, n.number("v_threshold").get(0));
    }

    @Test
    void shouldCarryTheBiasOfANonLeakyNeuronAsAnAffineBias() {
        SpikeInput in = input(1);
        Dense w = Dense.of("w", new double[][]{{1}});
        LIF lif = LIF.builder("lif").model(NumericModel.FLOAT_PT).du(1).dv(0).vth(2).biasMant(0.5).build();
        in.sOut().connect(w.sIn());
        w.aOut().connect(lif.aIn());
        NirGraph g = export(ProcessGraph.of(in), NumericModel.FLOAT_PT);
        // dv = 0, du = 1: v <- v + a + bias, NIR's IF (v' = r I, r = 1) with the bias as a constant input
        assertEquals("IF", g.nodes().get("lif").type());
        assertEquals(1.0, g.nodes().get("lif").number("r").get(0));
        assertEquals("Affine", g.nodes().get("w").type());
        assertArrayEquals(new double[]{0.5}, g.nodes().get("w").number("bias").values());
    }

    @Test
    void shouldExportPerSynapseDelaysAsOneLinearAndDelayPerDelay() {
        SpikeInput in = input(2);
        // synapse 0 -> 0 with delay 0, 1 -> 0 with delay 3
        Sparse s = Sparse.of("s", 1, 2, new int[]{0, 0}, new int[]{0, 1}, new double[]{0.5, 0.25}, new int[]{0, 3},
                8, 0, null);
        CubaNeuron n = CubaNeuron.builder("n").dv(0.5).vGain(0.5).build();
        in.sOut().connect(s.sIn());
        s.aOut().connect(n.aIn());
        NirGraph g = export(ProcessGraph.of(in), NumericModel.FLOAT_PT);
        assertArrayEquals(new double[]{0.5, 0}, g.nodes().get("s_d0").number("weight").values());
        assertArrayEquals(new double[]{0, 0.25}, g.nodes().get("s_d3").number("weight").values());
        // 3 steps of 1e-4 s
        assertEquals(3e-4, g.nodes().get("s_d3_delay").number("delay").get(0), 1e-18);
        assertTrue(g.edges().containsAll(List.of(new NirEdge("in", "s_d0"), new NirEdge("in", "s_d3"),
                new NirEdge("s_d3", "s_d3_delay"), new NirEdge("s_d3_delay", "n"), new NirEdge("s_d0", "n"))));
    }

    @Test
    void shouldExportAHierarchicalProcessAsANestedGraphWithPorts() {
        SpikeInput in = input(2);
        Composite grp = new Composite("grp");
        Dense w = grp.add(Dense.of("w", new double[][]{{1, 1}}));
        CubaNeuron n = grp.add(CubaNeuron.builder("n").dv(0.5).vGain(0.5).build());
        w.aOut().connect(n.aIn());
        in.sOut().connect(grp.exposeIn("s_in", w.sIn()));
        NirGraph g = export(ProcessGraph.of(in), NumericModel.FLOAT_PT);
        assertEquals(Set.of("in", "grp", "output"), g.nodes().keySet());
        // one port each way: named input and output, and the edges outside name the nested graph (as nir does)
        assertEquals(Set.of(new NirEdge("in", "grp"), new NirEdge("grp", "output")), Set.copyOf(g.edges()));
        NirGraph inner = g.nodes().get("grp").graph();
        assertEquals(Set.of("input", "w", "n", "output"), inner.nodes().keySet());
        assertEquals("Input", inner.nodes().get("input").type());
        assertArrayEquals(new double[]{2}, inner.nodes().get("input").number("shape").values());
        assertEquals(Set.of(new NirEdge("input", "w"), new NirEdge("w", "n"), new NirEdge("n", "output")),
                Set.copyOf(inner.edges()));
    }

    @Test
    void shouldNamePortsWhenANestedGraphHasSeveral() {
        SpikeInput a = SpikeInput.of("a", new int[]{1}, Map.of());
        SpikeInput b = SpikeInput.of("b", new int[]{1}, Map.of());
        Composite grp = new Composite("grp");
        Dense wa = grp.add(Dense.of("wa", new double[][]{{1}}));
        Dense wb = grp.add(Dense.of("wb", new double[][]{{1}}));
        CubaNeuron n = grp.add(CubaNeuron.builder("n").dv(0.5).vGain(0.5).build());
        wa.aOut().connect(n.aIn());
        wb.aOut().connect(n.aIn());
        a.sOut().connect(grp.exposeIn("a_in", wa.sIn()));
        b.sOut().connect(grp.exposeIn("b_in", wb.sIn()));
        NirGraph g = export(ProcessGraph.of(a), NumericModel.FLOAT_PT);
        // two outside sources: one Input port each, named after the source; the single Output is 'output'
        assertEquals(Set.of(new NirEdge("a", "grp.in_a"), new NirEdge("b", "grp.in_b"), new NirEdge("grp", "output")),
                Set.copyOf(g.edges()));
        assertEquals(Set.of("in_a", "in_b", "wa", "wb", "n", "output"), g.nodes().get("grp").graph().nodes().keySet());
    }

    @Test
    void shouldWriteTheVersionAndReadTheFileBack() {
        SpikeInput in = input(1);
        Dense w = Dense.of("w", new double[][]{{1}});
        CubaNeuron n = CubaNeuron.builder("n").dv(0.5).vGain(0.5).build();
        in.sOut().connect(w.sIn());
        w.aOut().connect(n.aIn());
        NirExporter.Result r = NirExporter.export(ProcessGraph.of(in), new NirExporter.Options(DT, NumericModel.FLOAT_PT));
        Path f = dir.resolve("m.nir");
        NirWriter.write(f, r.file());
        NirFile back = NirReader.read(f);
        assertEquals(NirExporter.NIR_VERSION, back.version());
        assertEquals(r.file().graph().nodes().keySet(), back.graph().nodes().keySet());
        assertEquals(CubaNeuron.Reset.ZERO, r.reset());
    }

    private static String error(ProcessGraph g) {
        return assertThrows(ModelException.class,
                () -> NirExporter.export(g, new NirExporter.Options(DT, NumericModel.FLOAT_PT))).getMessage();
    }

    @Test
    void shouldNameAProcessThatNirCannotExpress() {
        PoissonSource p = PoissonSource.of("noise", new int[]{2}, new double[]{0.1}, 1L);
        Dense w = Dense.of("w", new double[][]{{1, 1}});
        CubaNeuron n = CubaNeuron.builder("n").build();
        p.sOut().connect(w.sIn());
        w.aOut().connect(n.aIn());
        assertEquals("process 'noise': type PoissonSource has no NIR node; NIR export supports SpikeInput, LIF,"
                + " CubaNeuron, Dense, Sparse, DelayDense and hierarchical processes of these", error(ProcessGraph.of(p)));
    }

    @Test
    void shouldRefuseASparseGroupTooLargeForADenseMatrix() {
        SpikeInput in = input(4000);
        // 5000 x 4000 = 20 000 000 weights > 2^24 = 16 777 216
        Sparse s = Sparse.of("big", 5000, 4000, new int[]{0}, new int[]{0}, new double[]{1}, null, 8, 0, null);
        CubaNeuron n = CubaNeuron.builder("n").shape(5000).dv(0.5).vGain(0.5).build();
        in.sOut().connect(s.sIn());
        s.aOut().connect(n.aIn());
        assertEquals("process 'big': Sparse of 5000 x 4000 = 20000000 weights is too large for a NIR Linear (NIR has"
                + " no sparse node, and export writes at most 16777216 weights per matrix)", error(ProcessGraph.of(in)));
    }

    @Test
    void shouldRefuseWhatNirCannotHold() {
        CubaNeuron v0 = CubaNeuron.builder("n").v(0.5).build();
        assertTrue(error(ProcessGraph.of(v0)).contains("'n', field 'v': initial value 0.5 cannot be exported"));
        CubaNeuron noLeak = CubaNeuron.builder("m").du(0.5).dv(0).build();
        assertTrue(error(ProcessGraph.of(noLeak)).contains("dv = 0 (no voltage leak) with a decaying current"));
        CubaNeuron biased = CubaNeuron.builder("b").bias(1).build();
        assertTrue(error(ProcessGraph.of(biased)).contains("'b', field 'bias': a constant input needs a synapse group"));
        CubaNeuron a = CubaNeuron.builder("a").dv(0.5).reset(CubaNeuron.Reset.SUBTRACT).build();
        CubaNeuron z = CubaNeuron.builder("z").dv(0.5).build();
        Dense w = Dense.of("w", new double[][]{{1}});
        a.sOut().connect(w.sIn());
        w.aOut().connect(z.aIn());
        assertTrue(error(ProcessGraph.of(a)).contains("neurons reset both to zero and by subtraction"));
        assertNull(NirExporter.export(ProcessGraph.of(CubaNeuron.builder("li").spiking(false).dv(0.5).build()),
                new NirExporter.Options(DT, NumericModel.FLOAT_PT)).reset());
    }
}
