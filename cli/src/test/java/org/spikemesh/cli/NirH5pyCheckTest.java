package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.nir.NirSamples;

/**
 * Opens exported files with h5py, independently of jHDF (src/test/python/check_nir.py checks the layout nir.read and
 * nir.read_data expect). Runs when /usr/bin/python3 can import h5py (.ci/run installs python3-h5py); skipped
 * otherwise.
 */
class NirH5pyCheckTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src", "test", "python", "check_nir.py");

    @TempDir
    Path dir;

    @BeforeAll
    static void needH5py() throws Exception {
        boolean ok = Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import h5py").code() == 0;
        Assumptions.assumeTrue(ok, "skipped: /usr/bin/python3 cannot import h5py (apt-get install python3-h5py)");
    }

    record Out(int code, String text) {
    }

    static Out run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        return new Out(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    static Out check(String kind, Path file) throws Exception {
        return run(PYTHON.toString(), SCRIPT.toString(), kind, file.toString());
    }

    @Test
    void shouldReadAnExportedNestedGraphWithH5py() throws Exception {
        Path yaml = dir.resolve("nested_delays.yaml");
        try (var in = NirH5pyCheckTest.class.getResourceAsStream("/nir/nested_delays.yaml")) {
            Files.copy(in, yaml);
        }
        Path nir = dir.resolve("m.nir");
        assertEquals(0, RunCommandTest.cli("export", yaml.toString(), "--out", nir.toString()).code());
        // top: Input stim, NIRGraph layer, rec as Linear rec_d0 and rec_d1 + Delay (delays 0 and 1), out a LIF with
        // du 4095, dv 0 -> IF, Output for the sink out. layer: syn as Linear syn_d0, syn_d2 + Delay, lif (du 4095,
        // dv 100) a LIF, one Input port 'input' (one outside source) and one Output port 'output'.
        // Edges: top 7 (stim -> layer, layer -> rec_d0 and rec_d1, rec_d1 -> delay, both to out, out -> output),
        // inside 6 (input to syn_d0 and syn_d2, syn_d2 -> delay, both to lif, lif -> output).
        Out r = check("graph", nir);
        assertEquals(new Out(0, "ok: NIR 1.0.7, Delay 2, IF 1, Input 2, LIF 1, Linear 4, NIRGraph 1, Output 2, edges 13"), r);
    }

    @Test
    void shouldFindTheBrokenEdgeOfTheBrailleSubgraphSample() throws Exception {
        Path bad = NirSamples.file("braille_noDelay_bias_zero_subgraph.nir", dir);
        assertEquals(new Out(1, bad + ": /node/nodes/lif1/edges: edge end 'lif' names no node of /node/nodes/lif1"),
                check("graph", bad));
    }

    @Test
    void shouldReadOurOutputDataWithH5pyAndOurReaderShouldReadTheirs() throws Exception {
        int[] steps = NirSamples.stepsWhere(NirSamples.trace("lif_lava_cpu_float.csv"), 0);
        StringBuilder idx = new StringBuilder();
        StringBuilder time = new StringBuilder();
        for (int k : steps) {
            idx.append(idx.length() == 0 ? "" : ",").append(0);
            time.append(time.length() == 0 ? "" : ",").append((k - 1) * 1e-4);
        }
        Path in = dir.resolve("theirs.h5");
        assertEquals(0, run(PYTHON.toString(), SCRIPT.toString(), "write-events", in.toString(), "input", "1", "0.1",
                idx.toString(), time.toString()).code());
        Path model = NirSamples.file("lif_norse.nir", dir);
        Path out = dir.resolve("ours.h5");
        RunCommandTest.Result r = RunCommandTest.cli("run", model.toString(), "--input", in.toString(), "--steps", "1000",
                "--output-data", out.toString(), "--out", dir.resolve("o").toString(), "-q");
        assertEquals(0, r.code(), r.err());
        int[] golden = NirSamples.stepsWhere(NirSamples.trace("lif_lava_cpu_float.csv"), 2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(golden, NirDataCommandTest.outputSpikes(out));
        assertEquals(new Out(0, "ok: NIRGraphData with " + golden.length + " events"), check("data", out));
    }
}
