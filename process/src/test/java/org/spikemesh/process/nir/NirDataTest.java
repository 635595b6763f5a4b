package org.spikemesh.process.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.ModelException;

/** NIRGraphData spikes: the layout of nir.write_data, step k at time (k - 1) dt, and one-line errors. */
class NirDataTest {
    private static final double DT = 1e-3;

    @TempDir
    Path dir;

    private Path write(Map<String, NirDataWriter.Events> nodes, int steps) {
        Path f = dir.resolve("d.h5");
        NirDataWriter.write(f, nodes, DT, steps);
        return f;
    }

    @Test
    void shouldWriteEventsAsNirReadsThem() {
        Map<String, NirDataWriter.Events> nodes = new LinkedHashMap<>();
        nodes.put("output", new NirDataWriter.Events(3, new int[]{1, 4, 4}, new int[]{0, 2, 1}));
        Path f = write(nodes, 10);
        try (HdfFile h = new HdfFile(f)) {
            assertEquals("NIRGraphData", h.getAttribute("__type__").getData());
            var s = h.getByPath("/nodes/output/observables/spikes");
            assertEquals("EventData", s.getAttribute("__type__").getData());
            assertEquals(3L, s.getAttribute("n_neurons").getData());
            // t_max = 10 steps * 1e-3 s
            assertEquals(0.01, (Double) s.getAttribute("t_max").getData(), 1e-15);
            assertArrayEquals(new long[][]{{0, 2, 1}}, (long[][]) h.getDatasetByPath("/nodes/output/observables/spikes/idx").getData());
            // steps 1, 4, 4 -> (k - 1) * dt = 0, 3e-3, 3e-3 s
            assertArrayEquals(new double[][]{{0, 3e-3, 3e-3}},
                    (double[][]) h.getDatasetByPath("/nodes/output/observables/spikes/time").getData());
        }
    }

    @Test
    void shouldReadBackWhatItWrites() {
        Map<String, NirDataWriter.Events> nodes = new LinkedHashMap<>();
        nodes.put("a", new NirDataWriter.Events(3, new int[]{1, 4, 4, 7}, new int[]{0, 2, 1, 0}));
        nodes.put("quiet", new NirDataWriter.Events(2, new int[0], new int[0]));
        Map<String, Map<Integer, int[]>> back = NirDataReader.read(write(nodes, 10), DT);
        assertEquals(2, back.size());
        assertArrayEquals(new int[]{1, 7}, back.get("a").get(0));
        assertArrayEquals(new int[]{4}, back.get("a").get(1));
        assertArrayEquals(new int[]{4}, back.get("a").get(2));
        assertEquals(Map.of(), back.get("quiet"), "the padding event (idx -1, time inf) is no spike");
    }

    @Test
    void shouldPutAnEventIntoTheStepThatContainsItsTime() {
        Map<String, NirDataWriter.Events> nodes = Map.of("a", new NirDataWriter.Events(1, new int[]{3}, new int[]{0}));
        // written at (3 - 1) * 1e-3 = 2e-3 s; read with dt = 0.5e-3 s: floor(2e-3 / 0.5e-3) + 1 = step 5
        Map<String, Map<Integer, int[]>> back = NirDataReader.read(write(nodes, 10), 0.5e-3);
        assertArrayEquals(new int[]{5}, back.get("a").get(0));
    }

    @Test
    void shouldRefuseTwoSpikesOfOneNeuronInOneStep() {
        Map<String, NirDataWriter.Events> nodes = Map.of("a", new NirDataWriter.Events(1, new int[]{1, 2}, new int[]{0, 0}));
        Path f = write(nodes, 10);
        // times 0 and 1e-3 s both fall into step 1 of dt = 1 s
        String msg = assertThrows(ModelException.class, () -> NirDataReader.read(f, 1.0)).getMessage();
        assertEquals(f + ": node 'a': neuron 0 spikes twice in step 1 (dt = 1.0 s); a neuron spikes at most once per"
                + " step, choose a smaller --dt", msg);
    }

    @Test
    void shouldSayWhatIsWrongWithAFileThatIsNoNirData() throws Exception {
        Path graph = NirSamples.file("lif_norse.nir", dir);
        assertEquals(graph + ": not a NIRGraphData file: the root's attribute __type__ is missing, expected NIRGraphData"
                + " (as nir.write_data writes)", assertThrows(ModelException.class, () -> NirDataReader.read(graph, DT))
                .getMessage());
        Path text = Files.writeString(dir.resolve("in.csv"), "step,input,index\n");
        assertEquals(text + ": not an HDF5 file (NIR data is stored as HDF5, as written by nir.write_data)",
                assertThrows(ModelException.class, () -> NirDataReader.read(text, DT)).getMessage());
    }
}
