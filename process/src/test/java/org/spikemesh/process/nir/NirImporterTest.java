package org.spikemesh.process.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spikemesh.process.nir.NirSamples.array;
import static org.spikemesh.process.nir.NirSamples.node;
import static org.spikemesh.process.nir.NirSamples.vec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.SynapseTable;

/** Conversion of NIR graphs; expected numbers are derived by hand from the NIR equations (docs/nir.md). */
class NirImporterTest {
    private static final double DT = 1e-4;

    @TempDir
    Path dir;

    static List<String> samples() {
        return NirSamples.SAMPLES;
    }

    private NirModel load(String sample) {
        return NirImporter.load(NirSamples.file(sample, dir), NirImporter.Options.defaults());
    }

    private static Process process(NirModel m, String name) {
        for (Process p : m.network().processes()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no process " + name + " in " + m.network().processes());
    }

    private static NirModel convert(Map<String, NirNode> nodes, List<NirEdge> edges, NirImporter.Options o) {
        return NirImporter.convert(new NirFile("mem.nir", "0.2.0", new NirGraph(nodes, edges)), o);
    }

    private static Map<String, NirNode> nodes(NirNode... ns) {
        Map<String, NirNode> m = new LinkedHashMap<>();
        for (NirNode n : ns) {
            m.put(n.name(), n);
        }
        return m;
    }

    private static NirEdge e(String a, String b) {
        return new NirEdge(a, b);
    }

    private static NirNode input(String name, int... shape) {
        double[] s = new double[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = shape[i];
        }
        return node(name, "Input", "shape", vec(s));
    }

    private static NirNode ifNeuron(String name, int n) {
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        return node(name, "IF", "r", vec(ones), "v_threshold", vec(ones));
    }

    /** @return the dense [out][in] weights of a synapse group, from its table */
    private static double[][] weights(Process p) {
        SynapseTable t = p instanceof Dense ? ((Dense) p).table() : ((Sparse) p).table();
        double[][] w = new double[t.numOutputs()][t.numInputs()];
        for (int i = 0; i < t.numInputs(); i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                w[t.post()[k]][i] = t.weight().get(k);
            }
        }
        return w;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldImportEverySampleFile(String sample) {
        NirModel m = load(sample);
        ProcessGraph g = m.network().graph();
        g.validate(NumericModel.FLOAT_PT);
        assertFalse(m.inputs().isEmpty());
        assertFalse(m.outputs().isEmpty());
    }

    @Test
    void shouldDiscretiseTheNorseLifWithForwardEuler() {
        NirModel m = load("lif_norse.nir");
        assertEquals(Map.of("input", "input"), m.inputs());
        assertInstanceOf(SpikeInput.class, process(m, "input"));
        CubaNeuron lif = (CubaNeuron) process(m, "n1");
        // tau dv/dt = (v_leak - v) + r I  ->  v += dt/tau (v_leak - v) + dt/tau r I, dt/tau = 1e-4 / 0.0025 = 0.04
        assertEquals(0.04, lif.dv().get(0), 1e-8);
        assertEquals(0.04, lif.vGain().get(0), 1e-8);
        assertEquals(1.0, lif.du().get(0));
        assertEquals(1.0, lif.uGain().get(0));
        assertEquals(0.1, lif.vth().get(0), 1e-8);
        assertTrue(lif.spiking());
        assertEquals(CubaNeuron.Reset.ZERO, lif.reset());
        assertArrayEquals(new double[][]{{1.0}}, weights(process(m, "n0")));
        assertEquals(List.of("n1"), m.outputs().get("output"));
    }

    @Test
    void shouldFoldTheRockpoolResistanceIntoTheVoltageGain() {
        NirModel m = load("lif_rockpool.nir");
        CubaNeuron lif = (CubaNeuron) process(m, "n1_LIFNeuronTorch");
        assertEquals(0.04, lif.dv().get(0), 1e-8);
        assertEquals(0.04 * 24.019737, lif.vGain().get(0), 1e-6);
        assertEquals(0.04, weights(process(m, "n0_LinearTorch"))[0][0], 1e-8);
    }

    @Test
    void shouldDiscretiseCubaLifWithBothTimeConstants() {
        CubaNeuron lif2 = (CubaNeuron) process(load("braille_noDelay_bias_zero.nir"), "lif2");
        // tau_syn = 2e-4 s -> du = 0.5, u_gain = du * w_in = 0.5 * 2 = 1;
        // tau_mem = 2.2222e-4 s -> dv = 0.45, v_gain = dv * r = 0.45 * 2.2222 = 1
        assertEquals(0.5, lif2.du().get(0), 1e-7);
        assertEquals(1.0, lif2.uGain().get(0), 1e-6);
        assertEquals(0.45, lif2.dv().get(0), 1e-7);
        assertEquals(1.0, lif2.vGain().get(0), 1e-6);
        assertEquals(1.0, lif2.vth().get(0));
    }

    @Test
    void shouldSumTheBiasesOfEveryAffineIntoANeuron() {
        NirModel m = load("braille_noDelay_bias_zero.nir");
        // lif2 has one Affine in (fc2, bias[0] = 0.35732532); lif1.lif has two (fc1 bias[0] = -0.06660467 and the
        // recurrent lif1.w_rec bias[0] = 0.1316501), which add
        assertEquals(0.35732532, ((CubaNeuron) process(m, "lif2")).bias().get(0), 1e-7);
        assertEquals(-0.06660467 + 0.1316501, ((CubaNeuron) process(m, "lif1_lif")).bias().get(0), 1e-7);
    }

    @Test
    void shouldTakeAMisnamedSubgraphEdgeToBeTheOnlyUnconnectedNodeWithAWarning() {
        NirModel m = load("braille_noDelay_bias_zero_subgraph.nir");
        assertEquals(1, m.warnings().size());
        assertTrue(m.warnings().get(0).contains("edges name node 'lif1.lif', which does not exist; taking it to be"
                + " 'lif1.lif1'"), m.warnings().get(0));
        assertInstanceOf(CubaNeuron.class, process(m, "lif1_lif1"));
    }

    @Test
    void shouldUnrollAConvolutionAsComputedByHand() {
        // input 1x3x3, kernel [[1, 2], [3, 4]], stride 1, no padding -> output 1x2x2
        NirNode conv = node("c", "Conv2d", "weight", array(new int[]{1, 1, 2, 2}, 1, 2, 3, 4),
                "stride", vec(1, 1), "padding", vec(0, 0), "dilation", vec(1, 1), "groups", vec(1),
                "bias", vec(0.5), "input_shape", vec(3, 3));
        NirModel m = convert(nodes(input("in", 1, 3, 3), conv, ifNeuron("n", 4)),
                List.of(e("in", "c"), e("c", "n")), NirImporter.Options.defaults());
        double[][] expect = {
            {1, 2, 0, 3, 4, 0, 0, 0, 0},
            {0, 1, 2, 0, 3, 4, 0, 0, 0},
            {0, 0, 0, 1, 2, 0, 3, 4, 0},
            {0, 0, 0, 0, 1, 2, 0, 3, 4}};
        assertArrayEquals(expect, weights(process(m, "c")));
        assertArrayEquals(new double[]{0.5, 0.5, 0.5, 0.5}, ((CubaNeuron) process(m, "n")).bias().get());
    }

    @Test
    void shouldUnrollPaddingAndStride() {
        // input 1x3x3, 3x3 kernel w[ky][kx] = 10 ky + kx, padding 1, stride 2 -> output 1x2x2;
        // output (0,0) is centred on input (0,0): kernel rows/cols 1..2 meet input rows/cols 0..1
        double[] w = new double[9];
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                w[ky * 3 + kx] = 10 * ky + kx + 100;
            }
        }
        NirNode conv = node("c", "Conv2d", "weight", array(new int[]{1, 1, 3, 3}, w), "stride", vec(2, 2),
                "padding", vec(1, 1), "dilation", vec(1, 1), "groups", vec(1), "input_shape", vec(3, 3));
        NirModel m = convert(nodes(input("in", 1, 3, 3), conv, ifNeuron("n", 4)),
                List.of(e("in", "c"), e("c", "n")), NirImporter.Options.defaults());
        double[][] got = weights(process(m, "c"));
        assertArrayEquals(new double[]{111, 112, 0, 121, 122, 0, 0, 0, 0}, got[0]);
        // output (1,1) centred on input (2,2): kernel rows/cols 0..1 meet input rows/cols 1..2
        assertArrayEquals(new double[]{0, 0, 0, 0, 100, 101, 0, 110, 111}, got[3]);
    }

    @Test
    void shouldComposeSumPoolingFlattenAndLinearIntoOneMatrix() {
        // 1x2x2 input -> SumPool2d 2x2 -> Flatten -> Linear [[3]]: each input pixel reaches the neuron with 3
        NirNode pool = node("p", "SumPool2d", "kernel_size", vec(2, 2), "stride", vec(2, 2), "padding", vec(0, 0));
        NirNode flat = node("f", "Flatten", "start_dim", vec(0), "end_dim", vec(-1));
        NirNode lin = node("l", "Linear", "weight", array(new int[]{1, 1}, 3));
        NirModel m = convert(nodes(input("in", 1, 2, 2), pool, flat, lin, ifNeuron("n", 1)),
                List.of(e("in", "p"), e("p", "f"), e("f", "l"), e("l", "n")), NirImporter.Options.defaults());
        assertArrayEquals(new double[][]{{3, 3, 3, 3}}, weights(process(m, "l")));
    }

    @Test
    void shouldAverageWithAvgPool() {
        NirNode pool = node("p", "AvgPool2d", "kernel_size", vec(2, 2), "stride", vec(2, 2), "padding", vec(0, 0));
        NirModel m = convert(nodes(input("in", 1, 2, 2), pool, ifNeuron("n", 1)),
                List.of(e("in", "p"), e("p", "n")), NirImporter.Options.defaults());
        assertArrayEquals(new double[][]{{0.25, 0.25, 0.25, 0.25}}, weights(process(m, "p")));
    }

    @Test
    void shouldSumSeveralEdgesIntoOneNode() {
        NirNode a = node("a", "Linear", "weight", array(new int[]{1, 1}, 2));
        NirNode b = node("b", "Scale", "scale", vec(3));
        NirModel m = convert(nodes(input("in", 1), a, b, ifNeuron("n", 1)),
                List.of(e("in", "a"), e("in", "b"), e("a", "n"), e("b", "n")), NirImporter.Options.defaults());
        // both paths start at the same input: one synapse group with 2 + 3
        List<Process> syn = m.network().processes().stream().filter(p -> p instanceof Dense || p instanceof Sparse).toList();
        assertEquals(1, syn.size());
        assertArrayEquals(new double[][]{{5}}, weights(syn.get(0)));
    }

    @Test
    void shouldTurnADelayIntoSynapseDelaysInSteps() {
        NirNode lin = node("l", "Linear", "weight", array(new int[]{1, 1}, 1));
        NirNode delay = node("d", "Delay", "delay", vec(3e-4));
        NirModel m = convert(nodes(input("in", 1), lin, delay, ifNeuron("n", 1)),
                List.of(e("in", "l"), e("l", "d"), e("d", "n")), NirImporter.Options.defaults());
        Sparse s = (Sparse) m.network().processes().stream().filter(p -> p instanceof Sparse).findFirst().orElseThrow();
        assertArrayEquals(new int[]{3}, s.table().delay()); // 3e-4 s / 1e-4 s
        assertTrue(m.warnings().isEmpty());
    }

    @Test
    void shouldGiveAnOutputFedThroughWeightsANonSpikingReadout() {
        NirNode lin = node("l", "Linear", "weight", array(new int[]{2, 1}, 1, -1));
        NirNode out = node("out", "Output", "shape", vec(2));
        NirModel m = convert(nodes(input("in", 1), ifNeuron("n", 1), lin, out),
                List.of(e("in", "n"), e("n", "l"), e("l", "out")), NirImporter.Options.defaults());
        CubaNeuron readout = (CubaNeuron) process(m, "out");
        assertFalse(readout.spiking());
        assertNull(readout.sOut());
        assertEquals(List.of("out"), m.outputs().get("out"));
    }

    @Test
    void shouldRejectAnUnknownNodeTypeNamingTheSupportedOnes() {
        NirModel[] none = new NirModel[1];
        ModelException ex = assertThrows(ModelException.class, () -> none[0] = convert(
                nodes(input("in", 1), node("x", "Spiral", "k", vec(1))), List.of(e("in", "x")), NirImporter.Options.defaults()));
        assertTrue(ex.getMessage().startsWith("mem.nir: node 'x': type 'Spiral' is not supported; supported are ["), ex.getMessage());
        assertTrue(ex.getMessage().contains("CubaLIF") && ex.getMessage().contains("Conv2d"), ex.getMessage());
    }

    @Test
    void shouldRejectShapesThatDoNotChain() {
        NirNode lin = node("l", "Linear", "weight", array(new int[]{2, 3}, 1, 1, 1, 1, 1, 1));
        ModelException ex = assertThrows(ModelException.class, () -> convert(nodes(input("in", 2), lin, ifNeuron("n", 2)),
                List.of(e("in", "l"), e("l", "n")), NirImporter.Options.defaults()));
        assertEquals("mem.nir: shapes do not chain: node 'in' (Input) gives [2] (2 values) but node 'l' (Linear) takes"
                + " 3 values", ex.getMessage());
    }

    @Test
    void shouldRejectEdgesToMissingNodes() {
        ModelException ex = assertThrows(ModelException.class, () -> convert(nodes(input("in", 1), ifNeuron("n", 1)),
                List.of(e("in", "n"), e("n", "nowhere"), e("ghost", "n")), NirImporter.Options.defaults()));
        assertEquals("mem.nir: edge 'n' -> 'nowhere' names node 'nowhere', which does not exist; the graph has [in, n]",
                ex.getMessage());
    }

    @Test
    void shouldRejectANonSpikingNeuronThatFeedsSynapses() {
        NirNode li = node("li", "LI", "tau", vec(1e-3), "r", vec(1), "v_leak", vec(0));
        NirNode lin = node("l", "Linear", "weight", array(new int[]{1, 1}, 1));
        ModelException ex = assertThrows(ModelException.class, () -> convert(nodes(input("in", 1), li, lin, ifNeuron("n", 1)),
                List.of(e("in", "li"), e("li", "l"), e("l", "n")), NirImporter.Options.defaults()));
        assertTrue(ex.getMessage().contains("node 'li' (LI) gives a continuous value"), ex.getMessage());
    }

    @Test
    void shouldRejectATimeConstantShorterThanDt() {
        NirNode lif = node("lif", "LIF", "tau", vec(5e-5), "r", vec(1), "v_leak", vec(0), "v_threshold", vec(1));
        ModelException ex = assertThrows(ModelException.class, () -> convert(nodes(input("in", 1), lif),
                List.of(e("in", "lif")), NirImporter.Options.defaults()));
        assertTrue(ex.getMessage().startsWith("mem.nir: node 'lif' (LIF): tau = 5.0E-5 s is shorter than dt = 1.0E-4 s"),
                ex.getMessage());
        NirModel exp = convert(nodes(input("in", 1), lif), List.of(e("in", "lif")),
                new NirImporter.Options(DT, CubaNeuron.Reset.ZERO, Map.of(), NirImporter.Discretisation.EXP));
        // 1 - exp(-1e-4 / 5e-5) = 1 - exp(-2)
        assertEquals(1 - Math.exp(-2), ((CubaNeuron) process(exp, "lif")).dv().get(0), 1e-12);
    }

    @Test
    void shouldRejectInputSpikesForAnUnknownInput() {
        NirImporter.Options o = new NirImporter.Options(DT, CubaNeuron.Reset.ZERO, Map.of("inp", Map.of(0, new int[]{1})));
        ModelException ex = assertThrows(ModelException.class, () -> convert(nodes(input("in", 1), ifNeuron("n", 1)),
                List.of(e("in", "n")), o));
        assertEquals("mem.nir: input spikes are given for 'inp', which is not an Input node; the graph's Input nodes are [in]",
                ex.getMessage());
    }

    @Test
    void shouldNameNodesThatAreNotValidProcessNames() {
        NirModel m = load("cnn_sinabs.nir");
        // NIR node '1' (IF 16x16x16) becomes process 'n1'; the first convolution '0' its synapses 'n0'
        CubaNeuron if1 = (CubaNeuron) process(m, "n1");
        assertEquals(4096, if1.size());
        assertEquals("n1", m.processes().get("1"));
        assertInstanceOf(Sparse.class, process(m, "n0"));
    }
}
