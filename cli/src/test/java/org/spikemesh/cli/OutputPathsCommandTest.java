package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.io.NetworkFile;

/**
 * Where a command writes and reads, checked before anything runs: --save-weights inside --out goes with the
 * directory, output files that cannot be written and inputs the run would delete are refused up front with one line
 * naming the option and the path.
 */
class OutputPathsCommandTest {
    private static final String STDP = "../examples/networks/stdp_pair.yaml";

    private static RunCommandTest.Result run(String... extra) {
        List<String> a = new ArrayList<>(List.of("run", STDP, "--steps", "60", "--quiet"));
        a.addAll(List.of(extra));
        return RunCommandTest.cli(a.toArray(new String[0]));
    }

    @Test
    void shouldSaveWeightsInsideANewOutAndKeepThemOnARerun(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("stdp");
        Path learned = out.resolve("learned.yaml");
        RunCommandTest.Result r = run("--out", out.toString(), "--save-weights", learned.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("learned.yaml", new ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .path("saved_weights").asText());
        // the learnt weight of the README: 40 -> ... -> 54
        assertEquals(54.0, NetworkFile.load(learned).graph().var("plastic.weights").get(0));
        // the earlier output with its learned.yaml is replaced, learned.yaml written again with the rest
        Files.delete(learned);
        Files.writeString(learned, "stale");
        r = run("--out", out.toString(), "--save-weights", learned.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(54.0, NetworkFile.load(learned).graph().var("plastic.weights").get(0));
        // a rerun without --save-weights replaces it too: the summary named it
        r = run("--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(Files.exists(learned));
        assertEquals(1, AtomicDirectoryTest.entries(dir), "no staging or old directory is left");
    }

    @Test
    void shouldRefuseSavedWeightsInASubdirectoryOfOut(@TempDir Path dir) {
        Path out = dir.resolve("o");
        RunCommandTest.Result r = run("--out", out.toString(), "--save-weights", out.resolve("w/learned.yaml").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("spikemesh run: --save-weights " + out.resolve("w/learned.yaml") + ": lies in a subdirectory of"
                + " --out " + out + ", which the run replaces whole; give a file directly in it or outside it",
                r.err().strip());
        assertFalse(Files.exists(out));
    }

    /**
     * An output file in directories that do not exist yet gets them, as --out does: the README's first command,
     * `--out out/lif-dense-lif --report out/lif-dense-lif.html`, was refused on a fresh checkout ("its directory does
     * not exist"), where out/ is not there.
     */
    @Test
    void shouldMakeTheDirectoriesOfAnOutputFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fresh/lif-dense-lif");
        Path report = dir.resolve("fresh/lif-dense-lif.html");
        RunCommandTest.Result r = RunCommandTest.cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "50",
                "--backend", "chip", "--chip", "loihi-like", "--record", "lif1.u,lif1.v,lif2.u,lif2.v", "--quiet",
                "--out", out.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("summary.json")) && Files.readString(report).startsWith("<!DOCTYPE html>"),
                "the outputs and the report are written");
        Path weights = dir.resolve("a/b/learned.yaml");
        r = run("--out", dir.resolve("o2").toString(), "--save-weights", weights.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(weights), "--save-weights made a/b/");
        // the directories are made when the file is written: a run that fails after the checks leaves none
        r = RunCommandTest.cli("run", "../examples/networks/cuba_4000.yaml", "--steps", "5", "--backend", "chip",
                "--chip", "teaching-2x2", "--quiet", "--out", dir.resolve("c/run").toString(), "--report",
                dir.resolve("c/run.html").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("network needs"), r.err());
        assertFalse(Files.exists(dir.resolve("c")), "no directory is left by a run that wrote nothing");
    }

    @Test
    void shouldRefuseUnwritableOutputFilesBeforeRunning(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        Path aFile = Files.writeString(dir.resolve("afile"), "x");
        Path underFile = aFile.resolve("learned.yaml");
        String[][] cases = {
            {"--save-weights", underFile.toString(), "--save-weights " + underFile + ": " + aFile
                + " is a file, not a directory"},
            {"--report", "/proc/r.html", "--report /proc/r.html: cannot write in /proc (no such file or directory)"},
            {"--report", dir.toString(), "--report " + dir + ": is a directory; give the name of the file to write"}};
        for (String[] c : cases) {
            RunCommandTest.Result r = run("--out", out.toString(), c[0], c[1]);
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals("spikemesh run: " + c[2], r.err().strip());
            assertFalse(Files.exists(out), "nothing ran");
        }
    }

    @Test
    void shouldRefuseAnOutThatCannotBeMade(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("afile.txt");
        Files.writeString(file, "keep me");
        RunCommandTest.Result r = run("--out", file.resolve("sub").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("spikemesh run: --out " + file.resolve("sub") + ": " + file + " is a file, not a directory",
                r.err().strip());
        r = run("--out", "/proc/x");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("spikemesh run: --out /proc/x: cannot write in /proc (no such file or directory)", r.err().strip());
    }

    @Test
    void shouldRefuseInputsInsideOut(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        assertEquals(0, run("--out", out.toString()).code());
        Path placement = out.resolve("placement.csv");
        Files.writeString(placement, "population,first_neuron,chip,core\n");
        RunCommandTest.Result r = run("--out", out.toString(), "--backend", "chip", "--placement", placement.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("spikemesh run: --placement " + placement + ": lies inside --out " + out + ", which the run"
                + " replaces whole (the file would be deleted); move it out of the output directory or choose another"
                + " --out", r.err().strip());
        assertTrue(Files.exists(placement), "the input is kept");
        Path net = out.resolve("net.json");
        Files.copy(Path.of(STDP), net);
        r = RunCommandTest.cli("run", net.toString(), "--steps", "5", "-q", "--out", out.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("spikemesh run: network file " + net + ": lies inside --out " + out), r.err());
        assertTrue(Files.exists(net), "the input is kept");
    }

    /** A weights_file of the network inside --out, an earlier run's output: it would be deleted with the directory. */
    @Test
    void shouldRefuseASideFileOfTheNetworkInsideOut(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        assertEquals(0, run("--out", out.toString()).code());
        Path weights = out.resolve("w.csv");
        Files.writeString(weights, "1,2\n3,4\n");
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, "format: spikemesh-network/1\nprocesses:\n"
                + "  - {name: in, type: SpikeInput, shape: [2], spikes: {0: [1]}}\n"
                + "  - {name: d, type: Dense, weights_file: o/w.csv}\n  - {name: x, type: LIF, shape: [2]}\n"
                + "connections:\n  - [in.s_out, d.s_in]\n  - [d.a_out, x.a_in]\n");
        RunCommandTest.Result r = RunCommandTest.cli("run", net.toString(), "--steps", "2", "-q", "--out",
                out.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("spikemesh run: the network's side file " + weights + ": lies inside --out " + out + ", which the"
                + " run replaces whole (the file would be deleted); move it out of the output directory or choose"
                + " another --out", r.err().strip());
        assertTrue(Files.exists(weights), "the input is kept");
    }

    @Test
    void shouldRefuseUnwritableOutputsOfMapExportAndSweepBeforeWorking(@TempDir Path dir) throws IOException {
        String net = "../examples/networks/lif_dense_lif.yaml";
        Path aFile = Files.writeString(dir.resolve("afile"), "x");
        RunCommandTest.Result r = RunCommandTest.cli("map", net, "--chip", "loihi-like", "-q", "--report",
                aFile.resolve("r.json").toString());
        assertEquals("spikemesh map: --report " + aFile.resolve("r.json") + ": " + aFile + " is a file, not a"
                + " directory", r.err().strip());
        r = RunCommandTest.cli("map", net, "--chip", "loihi-like", "-q", "--write-placement", "/proc/p.csv");
        assertEquals("spikemesh map: --write-placement /proc/p.csv: cannot write in /proc (no such file or directory)",
                r.err().strip());
        r = RunCommandTest.cli("export", net, "--out", "/proc/n.nir");
        assertEquals("spikemesh export: --out /proc/n.nir: cannot write in /proc (no such file or directory)",
                r.err().strip());
        Path sweep = dir.resolve("s.yaml");
        Files.writeString(sweep, "format: spikemesh-sweep/1\nnetwork: {builtin: cuba, neurons: 100}\n"
                + "chip: teaching-2x2\nsteps: 10\n");
        r = RunCommandTest.cli("sweep", sweep.toString(), "--shard", "1/1", "-q", "--out", dir.toString());
        assertEquals("spikemesh sweep: --out " + dir + ": is a directory; give the name of the file to write",
                r.err().strip());
        r = RunCommandTest.cli("sweep", sweep.toString(), "--shard", "1/1", "-q", "--out", "/proc/r.jsonl");
        assertEquals("spikemesh sweep: --out /proc/r.jsonl: cannot write in /proc (no such file or directory)",
                r.err().strip());
        assertEquals(2, r.code());
    }
}
