package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.NetworkFile;

/** {@code spikemesh map --rates RUN}: the spike rates of an earlier run, and its mistakes named by file and line. */
class MapRatesTest {
    @TempDir
    Path dir;

    private static final Path NET = Path.of("../examples/networks/lif_dense_lif.yaml");

    private Path runDir(String summary, String spikes) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("summary.json"), summary);
        Files.writeString(run.resolve("spikes.csv"), "step,process,neuron\n" + spikes);
        return run;
    }

    /** 10 steps; lif1's neuron 0 fires twice, neuron 2 once, lif2's neuron 1 five times: 0.2, 0, 0.1 and 0, 0.5. */
    @Test
    void shouldGiveEachNeuronsSpikesPerStep() throws IOException {
        Path run = runDir("{\"format\": \"spikemesh-summary/1\", \"steps\": 10}",
                "1,lif1,0\n4,lif1,0\n4,lif1,2\n" + "2,lif2,1\n".repeat(5));
        ProcessGraph g = NetworkFile.load(NET).graph();
        Map<String, double[]> r = MapCommand.measuredRates(run, g);
        assertArrayEquals(new double[]{0.2, 0, 0.1}, r.get("lif1"), 1e-12);
        assertArrayEquals(new double[]{0, 0.5}, r.get("lif2"), 1e-12);
    }

    /** Another network's run blamed this network ("NETWORK: no process named 'kick'"). */
    @Test
    void shouldNameTheSpikesFileAndLineOfAProcessNotInTheNetwork() throws IOException {
        Path run = runDir("{\"format\": \"spikemesh-summary/1\", \"steps\": 10}", "1,lif1,0\n1,kick,0\n");
        RunCommandTest.Result r = RunCommandTest.cli("map", NET.toString(), "--chip", "loihi-like", "--rates",
                run.toString(), "-q");
        assertEquals(2, r.code());
        assertEquals(List.of("spikemesh map: " + run.resolve("spikes.csv") + ":3: process 'kick' is not in the network;"
                + " --rates needs a run of the same network"), r.err().lines().toList());
    }

    @Test
    void shouldRefuseASummaryThatIsNotARunsOrABadNeuron() throws IOException {
        Path run = runDir("{\"steps\": 10}", "1,lif1,0\n");
        ProcessGraph g = NetworkFile.load(NET).graph();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MapCommand.measuredRates(run, g));
        assertEquals(run.resolve("summary.json") + ": not a run's summary (format spikemesh-summary/1); --rates needs a"
                + " run's --out directory", e.getMessage());
        Files.writeString(run.resolve("summary.json"), "{\"format\": \"spikemesh-summary/1\", \"steps\": 10}");
        Files.writeString(run.resolve("spikes.csv"), "step,process,neuron\n1,lif1,x\n");
        e = assertThrows(IllegalArgumentException.class, () -> MapCommand.measuredRates(run, g));
        assertEquals(run.resolve("spikes.csv") + ":2: neuron 'x' is not a number", e.getMessage());
    }
}
