package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.nir.NirArray;
import org.spikemesh.process.nir.NirEdge;
import org.spikemesh.process.nir.NirFile;
import org.spikemesh.process.nir.NirGraph;
import org.spikemesh.process.nir.NirNode;
import org.spikemesh.process.nir.NirSamples;
import org.spikemesh.process.nir.NirWriter;

/**
 * Each problem with a NIR file is one line on stderr naming the file, the node and what would be valid (the messages
 * of docs/nir.md, "Errors"), checked end to end on real HDF5 files written with {@link NirWriter}.
 */
class NirErrorsCommandTest {
    @TempDir
    Path dir;

    private static NirNode node(String name, String type, Object... params) {
        Map<String, NirArray> m = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            double[] v = (double[]) params[i + 1];
            m.put((String) params[i], new NirArray(new int[]{v.length}, v));
        }
        return new NirNode(name, type, m, Map.of(), null);
    }

    private static NirNode linear(String name, int out, int in) {
        double[] w = new double[out * in];
        java.util.Arrays.fill(w, 1);
        return new NirNode(name, "Linear", Map.of("weight", new NirArray(new int[]{out, in}, w)), Map.of(), null);
    }

    private static double[] v(double... x) {
        return x;
    }

    private Path write(List<NirNode> nodes, List<NirEdge> edges) {
        Map<String, NirNode> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.name(), n));
        Path f = dir.resolve("m.nir");
        NirWriter.write(f, new NirFile("m.nir", "1.0.7", new NirGraph(m, edges)));
        return f;
    }

    private static String error(String command, Path f, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(command, f.toString()));
        args.addAll(List.of(extra));
        RunCommandTest.Result r = RunCommandTest.cli(args.toArray(new String[0]));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        return r.err().strip();
    }

    private String run(Path f) {
        return error("run", f, "--steps", "1", "--out", dir.resolve("o").toString(), "-q");
    }

    @Test
    void shouldNameAnUnknownNodeTypeAndListTheSupportedOnes() {
        Path f = write(List.of(node("in", "Input", "shape", v(1)), node("x", "Spiral", "k", v(1))),
                List.of(new NirEdge("in", "x")));
        assertEquals("spikemesh run: " + f + ": node 'x': type 'Spiral' is not supported; supported are [Input, Output,"
                + " NIRGraph, LIF, LI, IF, I, CubaLIF, CubaLI, Threshold, Affine, Linear, Scale, Flatten, Conv1d,"
                + " Conv2d, SumPool2d, AvgPool2d, Delay]", run(f));
    }

    @Test
    void shouldNameTheNodesWhoseShapesDoNotChain() {
        Path f = write(List.of(node("in", "Input", "shape", v(2)), linear("l", 1, 3),
                node("n", "IF", "r", v(1), "v_threshold", v(1))), List.of(new NirEdge("in", "l"), new NirEdge("l", "n")));
        assertEquals("spikemesh run: " + f + ": shapes do not chain: node 'in' (Input) gives [2] (2 values) but node 'l'"
                + " (Linear) takes 3 values", run(f));
    }

    @Test
    void shouldNameAnEdgeToAMissingNode() {
        Path f = write(List.of(node("in", "Input", "shape", v(1)), node("n", "IF", "r", v(1), "v_threshold", v(1))),
                List.of(new NirEdge("in", "n"), new NirEdge("n", "nowhere"), new NirEdge("ghost", "n")));
        assertEquals("spikemesh run: " + f + ": edge 'n' -> 'nowhere' names node 'nowhere', which does not exist; the"
                + " graph has [in, n]", run(f));
    }

    @Test
    void shouldSayAnHdf5FileWithoutAGraphIsNotANirGraph() {
        Path f = NirSamples.file("not_a_nir_graph.h5", dir);
        String msg = run(f);
        assertEquals("spikemesh run: " + f + ": not a NIR graph: the HDF5 file has no group /node (it has ",
                msg.substring(0, msg.indexOf("(it has ") + 8));
    }

    @Test
    void shouldSayWhichTimeConstantsTheChipCannotRepresentAndByHowMuch() {
        // dt = 1e-4 s. LIF tau = 1 s: dt/tau = 1e-4 per step < 1/8192, so the chip's dv = round(4096e-4) = 0.
        // CubaLIF tau_syn = 10 s: dt/tau_syn = 1e-5 < 1/4096 = 2.44e-4, the chip's slowest current decay,
        // 2.44e-4 / 1e-5 = 24.4 times faster; tau_mem = 1e-3 s: 0.1 per step = 409.6/4096 -> 410/4096, 0.1 % off: fine.
        Path f = write(List.of(node("in", "Input", "shape", v(1)), linear("w", 1, 1),
                node("lif", "LIF", "tau", v(1.0), "r", v(1), "v_leak", v(0), "v_threshold", v(1)), linear("w2", 1, 1),
                node("cl", "CubaLIF", "tau_syn", v(10.0), "tau_mem", v(1e-3), "r", v(1), "v_leak", v(0),
                        "v_threshold", v(1), "w_in", v(1))),
                List.of(new NirEdge("in", "w"), new NirEdge("w", "lif"), new NirEdge("lif", "w2"), new NirEdge("w2", "cl")));
        RunCommandTest.Result r = RunCommandTest.cli("map", f.toString(), "--chip", "loihi-like", "-q");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().strip().lines().filter(l -> !l.contains("no --input")).toList();
        assertEquals(List.of(
                "spikemesh map: warning: " + f + ": node 'lif' (LIF), field 'tau': the decay dt/tau = 0.0001000 per step"
                        + " rounds to 0/4096 on the chip: the voltage does not leak; valid on the chip: tau < 8192 dt ="
                        + " 0.8192 s, with dt/tau within 1 % of a multiple of 1/4096 (certain for tau <= 0.008192 s)",
                "spikemesh map: warning: " + f + ": node 'cl' (CubaLIF), field 'tau_syn': the decay dt/tau_syn ="
                        + " 1.000e-05 per step is below the smallest current decay of the chip, 1/4096 = 0.000244, so"
                        + " the current decays 24.4 times faster; valid on the chip: tau_syn <= 4096 dt = 0.4096 s, with"
                        + " dt/tau_syn within 1 % of a multiple of 1/4096 (certain for tau_syn <= 0.008192 s)"), lines);
    }

    @Test
    void shouldNotWarnAboutTheBrailleTimeConstants() {
        // tau_syn gives dt/tau = 0.5 (2048/4096, exact) and tau_mem 0.45 (1843.2/4096 -> 1843, 0.01 % off)
        Path f = NirSamples.file("braille_noDelay_bias_zero.nir", dir);
        RunCommandTest.Result r = RunCommandTest.cli("map", f.toString(), "--chip", "loihi-like", "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), r.err().strip().lines().filter(l -> l.contains("field 'tau")).toList());
    }

    /** A stride of 0 divided by zero ("ArithmeticException: / by zero"); a negative one said the kernel did not fit. */
    @Test
    void shouldRefuseAStrideOrDilationBelowOne() {
        for (String key : List.of("stride", "dilation")) {
            double[] w = new double[9];
            java.util.Arrays.fill(w, 1);
            Map<String, NirArray> m = new LinkedHashMap<>();
            m.put("weight", new NirArray(new int[]{1, 1, 3, 3}, w));
            m.put(key, new NirArray(new int[]{2}, v(0, 0)));
            m.put("input_shape", new NirArray(new int[]{2}, v(4, 4)));
            Path f = write(List.of(node("in", "Input", "shape", v(1, 4, 4)), new NirNode("conv", "Conv2d", m, Map.of(),
                    null), node("n", "IF", "r", v(1), "v_threshold", v(1))),
                    List.of(new NirEdge("in", "conv"), new NirEdge("conv", "n")));
            assertEquals("spikemesh run: " + f + ": node 'conv' (Conv2d): parameter '" + key + "' is [0, 0]; valid are"
                    + " integers of at least 1", run(f));
        }
    }

    /** NaN or infinite weights ran, filling the voltages with NaN and Infinity; a NaN threshold was named 'vth'. */
    @Test
    void shouldRefuseWeightsAndParametersThatAreNotFinite() {
        Map<String, NirArray> lin = Map.of("weight", new NirArray(new int[]{1, 2}, v(1, Double.POSITIVE_INFINITY)));
        Path f = write(List.of(node("in", "Input", "shape", v(2)), new NirNode("l", "Linear", lin, Map.of(), null),
                node("n", "IF", "r", v(1), "v_threshold", v(1))), List.of(new NirEdge("in", "l"), new NirEdge("l", "n")));
        assertEquals("spikemesh run: " + f + ": node 'l' (Linear): parameter 'weight' has Infinity at index 1; every"
                + " value must be a finite number", run(f));
        Path g = write(List.of(node("in", "Input", "shape", v(1)), linear("l", 1, 1),
                node("n", "IF", "r", v(1), "v_threshold", v(Double.NaN))),
                List.of(new NirEdge("in", "l"), new NirEdge("l", "n")));
        assertEquals("spikemesh run: " + g + ": node 'n' (IF): parameter 'v_threshold' has NaN at index 0; every value"
                + " must be a finite number", run(g));
    }

    /** NIR's LIF has a v_threshold; one without it ran with a made-up threshold (a missing tau was an error). */
    @Test
    void shouldRequireTheThresholdOfASpikingNeuron() {
        Path f = write(List.of(node("in", "Input", "shape", v(1)), linear("l", 1, 1),
                node("n", "LIF", "tau", v(1e-3), "r", v(1), "v_leak", v(0))),
                List.of(new NirEdge("in", "l"), new NirEdge("l", "n")));
        assertEquals("spikemesh run: " + f + ": node 'n' (LIF): parameter 'v_threshold' is missing; it has [r, tau,"
                + " v_leak]", run(f));
    }

    /** A weight stored as text was "missing; it has [weight]". */
    @Test
    void shouldSayAParameterIsTextNotANumber() {
        Path f = write(List.of(node("in", "Input", "shape", v(1)), new NirNode("l", "Linear", Map.of(),
                Map.of("weight", "oops"), null), node("n", "IF", "r", v(1), "v_threshold", v(1))),
                List.of(new NirEdge("in", "l"), new NirEdge("l", "n")));
        assertEquals("spikemesh run: " + f + ": node 'l' (Linear): parameter 'weight' is text ('oops'), not a number",
                run(f));
    }
}
