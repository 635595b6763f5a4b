package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.nir.NirDataReader;
import org.spikemesh.process.nir.NirDataWriter;
import org.spikemesh.process.nir.NirSamples;

/** {@code spikemesh run model.nir --input data.h5 --output-data out.h5}: NIRGraphData in and out. */
class NirDataCommandTest {
    private static final double DT = 1e-4;

    @TempDir
    Path dir;

    /** @return the golden input of the NIR paper's LIF as NIRGraphData for the Input node 'input' */
    static Path goldenInput(Path dir) {
        int[] steps = NirSamples.stepsWhere(NirSamples.trace("lif_lava_cpu_float.csv"), 0);
        Path f = dir.resolve("in.h5");
        NirDataWriter.write(f, Map.of("input", new NirDataWriter.Events(1, steps, new int[steps.length])), DT, 1000);
        return f;
    }

    /** @return the run's Output spikes as read back from its NIRGraphData file */
    static int[] outputSpikes(Path data) {
        Map<String, Map<Integer, int[]>> back = NirDataReader.read(data, DT);
        return back.get("output").getOrDefault(0, new int[0]);
    }

    @Test
    void shouldRunTheNorseLifFromNirDataAndWriteTheOutputSpikes() {
        Path model = NirSamples.file("lif_norse.nir", dir);
        Path outData = dir.resolve("out.h5");
        RunCommandTest.Result r = RunCommandTest.cli("run", model.toString(), "--input", goldenInput(dir).toString(),
                "--steps", "1000", "--dt", "1e-4", "--output-data", outData.toString(), "--out",
                dir.resolve("o").toString(), "-q");
        assertEquals(0, r.code(), r.err());
        // Lava's float LIF fires where its golden trace says (same synaptic delay as spikemesh, docs/nir.md)
        int[] golden = NirSamples.stepsWhere(NirSamples.trace("lif_lava_cpu_float.csv"), 2);
        assertArrayEquals(golden, outputSpikes(outData));
    }

    @Test
    void shouldRefuseOutputDataForANetworkFile() throws IOException {
        Path yaml = dir.resolve("net.yaml");
        Files.writeString(yaml, "format: spikemesh-network/1\nprocesses: []\nconnections: []\n");
        Path outData = dir.resolve("out.h5");
        RunCommandTest.Result r = RunCommandTest.cli("run", yaml.toString(), "--output-data", outData.toString(),
                "--steps", "5", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("spikemesh run: --output-data writes the Output nodes of a NIR graph; " + yaml + " is a network"
                + " file (its spikes are in spikes.csv)", r.err().strip());
        assertFalse(Files.exists(outData));
    }

    @Test
    void shouldNameTheFileWhenTheInputDataIsAGraph() {
        Path model = NirSamples.file("lif_norse.nir", dir);
        RunCommandTest.Result r = RunCommandTest.cli("run", model.toString(), "--input", model.toString(),
                "--steps", "5", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("spikemesh run: " + model + ": not a NIRGraphData file: the root's attribute __type__ is missing,"
                + " expected NIRGraphData (as nir.write_data writes)", r.err().strip());
    }
}
