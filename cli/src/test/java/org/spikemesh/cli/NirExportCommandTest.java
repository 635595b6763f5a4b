package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.nir.NirGraph;
import org.spikemesh.process.nir.NirNode;
import org.spikemesh.process.nir.NirReader;

/** {@code spikemesh export NETWORK --out model.nir}: the file, the hint how to run it, one-line errors. */
class NirExportCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "networks");

    @TempDir
    Path dir;

    @Test
    void shouldExportTheFixedPointExampleAsItsContinuousEquivalent() {
        Path out = dir.resolve("m.nir");
        RunCommandTest.Result r = RunCommandTest.cli("export", EXAMPLES.resolve("lif_dense_lif.yaml").toString(),
                "--out", out.toString(), "--dt", "1e-3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spikemesh run " + out + " --dt 0.001 --reset zero"), r.out());
        NirGraph g = NirReader.read(out).graph();
        NirNode lif1 = g.nodes().get("lif1");
        // lif1: du 0 -> the current decays by 1/4096 per step: tau_syn = dt * 4096 = 4.096 s
        assertEquals("CubaLIF", lif1.type());
        assertEquals(4.096, lif1.number("tau_syn").get(0), 1e-12);
        // dv 256 -> 1/16 per step: tau_mem = 16 dt; v_gain 1 = dv * r -> r = 16
        assertEquals(0.016, lif1.number("tau_mem").get(0), 1e-15);
        assertEquals(16, lif1.number("r").get(0));
        // bias (100 << 1, 60 << 1, 45 << 2) / 64 = 3.125, 1.875, 2.8125 per step = v_leak / 16
        assertArrayEquals(new double[]{50, 30, 45}, lif1.number("v_leak").values());
        // weights >= and <= 0 mixed, 8 bits: (w >> 1) << 1: 41 -> 40, 25 -> 24, -13 -> -14, -20, 35 -> 34, 17 -> 16
        assertArrayEquals(new double[]{40, 24, -14, -20, 34, 16}, g.nodes().get("dense").number("weight").values());
        assertEquals("Output", g.nodes().get("output").type());
    }

    @Test
    void shouldRefuseAProcessNirCannotExpressOnOneLineAndWriteNothing() throws IOException {
        Path out = dir.resolve("w.nir");
        RunCommandTest.Result r = RunCommandTest.cli("export", EXAMPLES.resolve("winner_take_all.yaml").toString(),
                "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("process 'input': type PoissonSource has no NIR node; NIR export supports"
                + " SpikeInput, LIF, CubaNeuron, Dense, Sparse, DelayDense"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no output and no temporary file is left");
        }
    }

    @Test
    void shouldCheckTheNetworkForTheArithmeticItIsExportedIn() {
        Path out = dir.resolve("f.nir");
        RunCommandTest.Result r = RunCommandTest.cli("export", EXAMPLES.resolve("lif_dense_lif.yaml").toString(),
                "--out", out.toString(), "--model", "float_pt");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("process 'lif1', field 'model': is fixed_pt but the run uses float_pt"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseANirFileAsInput() {
        Path out = dir.resolve("x.nir");
        RunCommandTest.Result r = RunCommandTest.cli("export", EXAMPLES.resolve("lif_norse.nir").toString(),
                "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is a NIR graph already; export takes a network file (YAML)"), r.err());
        assertFalse(Files.exists(out));
    }

    private static java.util.List<String> groupSpikes(Path spikesCsv) throws IOException {
        java.util.List<String> r = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(spikesCsv)) {
            if (line.contains(",group")) {
                r.add(line);
            }
        }
        return r;
    }

    @Test
    void shouldRunTheExportedSynfireRingAsTheNetworkFileRuns() throws IOException {
        Path nir = dir.resolve("synfire.nir");
        assertEquals(0, RunCommandTest.cli("export", EXAMPLES.resolve("synfire_chain.yaml").toString(), "--out",
                nir.toString()).code());
        // the kick: all 16 neurons at step 1, as the network file's SpikeInput, given as NIR data
        int[] steps = new int[16];
        int[] index = new int[16];
        for (int i = 0; i < 16; i++) {
            steps[i] = 1;
            index[i] = i;
        }
        Path kick = dir.resolve("kick.h5");
        org.spikemesh.process.nir.NirDataWriter.write(kick, java.util.Map.of("kick",
                new org.spikemesh.process.nir.NirDataWriter.Events(16, steps, index)), 1e-4, 20);
        Path fromNir = dir.resolve("nir-run");
        Path fromYaml = dir.resolve("yaml-run");
        assertEquals(0, RunCommandTest.cli("run", nir.toString(), "--input", kick.toString(), "--steps", "20", "--out",
                fromNir.toString(), "-q").code());
        assertEquals(0, RunCommandTest.cli("run", EXAMPLES.resolve("synfire_chain.yaml").toString(), "--steps", "20",
                "--out", fromYaml.toString(), "-q").code());
        // by hand (SynfireChainTest): group k fires at steps 2 + k + 8m, all 16 neurons; in float the IF sums 16 x 10
        // = 160 > 100 in the arrival step exactly as the fixed-point LIF does, so both runs give the same 19 volleys
        java.util.List<String> expect = new java.util.ArrayList<>();
        for (int step = 2; step <= 20; step++) {
            for (int n = 0; n < 16; n++) {
                expect.add(step + ",group" + ((step - 2) % 8) + "," + n);
            }
        }
        assertEquals(expect, groupSpikes(fromYaml.resolve("spikes.csv")));
        assertEquals(expect, groupSpikes(fromNir.resolve("spikes.csv")));
    }
}
