package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.nir.NirDataReader;
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
        assertTrue(r.out().contains("spikemesh run " + out + " --dt 0.001 --reset zero --steps 1000 --out out/m"),
                r.out());
        // the printed command runs as printed (it lacked --steps and --out, which run requires), with out/ in dir
        String printed = r.out().strip().replaceFirst(".*run it with: spikemesh ", "").replace("out/m",
                dir.resolve("out/m").toString());
        RunCommandTest.Result run = RunCommandTest.cli((printed + " --quiet").split(" "));
        assertEquals(0, run.code(), run.err());
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

    private static List<String> groupSpikes(Path spikesCsv) throws IOException {
        List<String> r = new ArrayList<>();
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
        Path kick = dir.resolve("kick.h5");
        RunCommandTest.Result e = RunCommandTest.cli("export", EXAMPLES.resolve("synfire_chain.yaml").toString(), "--out",
                nir.toString(), "--input-data", kick.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains(" --input " + kick), e.out());
        // the kick: all 16 neurons at step 1, written as NIR data for the Input node 'kick'
        Map<Integer, int[]> expectKick = new TreeMap<>();
        for (int i = 0; i < 16; i++) {
            expectKick.put(i, new int[]{1});
        }
        Map<Integer, int[]> kickBack = NirDataReader.read(kick, 1e-4).get("kick");
        assertEquals(expectKick.keySet(), kickBack.keySet());
        kickBack.values().forEach(v -> assertArrayEquals(new int[]{1}, v));
        Path fromNir = dir.resolve("nir-run");
        Path fromYaml = dir.resolve("yaml-run");
        assertEquals(0, RunCommandTest.cli("run", nir.toString(), "--input", kick.toString(), "--steps", "20", "--out",
                fromNir.toString(), "-q").code());
        assertEquals(0, RunCommandTest.cli("run", EXAMPLES.resolve("synfire_chain.yaml").toString(), "--steps", "20",
                "--out", fromYaml.toString(), "-q").code());
        // by hand (SynfireChainTest): group k fires at steps 2 + k + 8m, all 16 neurons; in float the IF sums 16 x 10
        // = 160 > 100 in the arrival step exactly as the fixed-point LIF does, so both runs give the same 19 volleys
        List<String> expect = new ArrayList<>();
        for (int step = 2; step <= 20; step++) {
            for (int n = 0; n < 16; n++) {
                expect.add(step + ",group" + ((step - 2) % 8) + "," + n);
            }
        }
        assertEquals(expect, groupSpikes(fromYaml.resolve("spikes.csv")));
        assertEquals(expect, groupSpikes(fromNir.resolve("spikes.csv")));
    }
}
