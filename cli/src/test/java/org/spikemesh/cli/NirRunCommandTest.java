package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.nir.NirSamples;

/** {@code spikemesh run model.nir --input FILE}: outputs and one-line errors. */
class NirRunCommandTest {
    @TempDir
    Path dir;

    private Path inputCsv(double[][] golden) throws IOException {
        StringBuilder sb = new StringBuilder("step,input,index\n");
        for (int s : NirSamples.stepsWhere(golden, 0)) {
            sb.append(s).append(",input,0\n");
        }
        Path p = dir.resolve("in.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    private static List<String> spikesOf(Path spikesCsv, String process) throws IOException {
        List<String> steps = new ArrayList<>();
        for (String line : Files.readAllLines(spikesCsv)) {
            String[] f = line.split(",");
            if (f[1].equals(process)) {
                steps.add(f[0]);
            }
        }
        return steps;
    }

    @Test
    void shouldRunTheNorseLifAndWriteItsSpikes() throws IOException {
        double[][] golden = NirSamples.trace("lif_lava_cpu_float.csv");
        Path model = NirSamples.file("lif_norse.nir", dir);
        Path out = dir.resolve("out");
        RunCommandTest.Result r = RunCommandTest.cli("run", model.toString(), "--input", inputCsv(golden).toString(),
                "--steps", "1000", "--dt", "1e-4", "--reset", "zero", "--record", "n1.v", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        List<String> expect = new ArrayList<>();
        for (int s : NirSamples.stepsWhere(golden, 2)) {
            expect.add(Integer.toString(s));
        }
        assertEquals(expect, spikesOf(out.resolve("spikes.csv"), "n1"));
        assertEquals(NirSamples.stepsWhere(golden, 0).length, spikesOf(out.resolve("spikes.csv"), "input").size());
        assertEquals(1001, Files.readAllLines(out.resolve("n1.v.csv")).size());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"model\" : \"float_pt\""));
    }

    @Test
    void shouldWarnAboutARepairedEdgeOnStderr() {
        Path model = NirSamples.file("braille_noDelay_bias_zero_subgraph.nir", dir);
        RunCommandTest.Result r = RunCommandTest.cli("run", model.toString(), "--steps", "5", "--out",
                dir.resolve("o").toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: " + model + ": edges name node 'lif1.lif', which does not exist"), r.err());
        assertTrue(r.err().contains("warning: no --input"), r.err());
    }

    @Test
    void shouldReportAFileThatIsNotHdf5OnOneLine() throws IOException {
        Path model = dir.resolve("model.nir");
        Files.writeString(model, "not hdf5");
        RunCommandTest.Result r = RunCommandTest.cli("run", model.toString(), "--steps", "5", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("spikemesh run: " + model + ": not an HDF5 file (a NIR graph is stored as HDF5, as written by nir.write)",
                r.err().strip());
    }

    @Test
    void shouldRejectNirOptionsForANetworkFile() throws IOException {
        Path yaml = dir.resolve("net.yaml");
        Files.writeString(yaml, "format: spikemesh-network/1\nprocesses: []\nconnections: []\n");
        RunCommandTest.Result r = RunCommandTest.cli("run", yaml.toString(), "--dt", "1e-3", "--steps", "5", "--out",
                dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().startsWith("spikemesh run: " + yaml + ": --input, --dt, --reset and --discretisation are for NIR graphs"),
                r.err());
    }

    @Test
    void shouldRejectAnUnknownResetMode() {
        Path model = NirSamples.file("lif_norse.nir", dir);
        RunCommandTest.Result r = RunCommandTest.cli("run", model.toString(), "--reset", "half", "--steps", "5", "--out",
                dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("spikemesh run: unknown reset 'half': valid are zero, subtract", r.err().strip());
    }
}
