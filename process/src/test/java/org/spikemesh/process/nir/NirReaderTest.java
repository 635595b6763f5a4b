package org.spikemesh.process.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.ModelException;

/** Reading NIR HDF5 files; expected values are those the sample README and the files' writers state. */
class NirReaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadTheNorseLifGraph() {
        NirFile f = NirReader.read(NirSamples.file("lif_norse.nir", dir));
        assertEquals("0.1.1", f.version());
        NirGraph g = f.graph();
        assertEquals(List.of(new NirEdge("input", "0"), new NirEdge("0", "1"), new NirEdge("1", "output")), g.edges());
        assertEquals("Affine", g.nodes().get("0").type());
        NirNode lif = g.nodes().get("1");
        assertEquals("LIF", lif.type());
        // README: tau = 0.0025 s, r = 1, v_leak = 0, v_threshold = 0.1, stored as float32
        assertEquals(0.0025, lif.number("tau").get(0), 1e-9);
        assertEquals(1.0, lif.number("r").get(0));
        assertEquals(0.0, lif.number("v_leak").get(0));
        assertEquals(0.1, lif.number("v_threshold").get(0), 1e-8);
        assertArrayEquals(new int[]{1, 1}, g.nodes().get("0").number("weight").shape());
        assertArrayEquals(new double[]{1}, g.nodes().get("input").number("shape").values());
    }

    @Test
    void shouldReadGzipChunkedDatasetsInANestedGraph() {
        NirGraph top = NirReader.read(NirSamples.file("lif_gzip_subgraph.nir", dir)).graph();
        NirNode sub = top.nodes().get("g");
        assertEquals("NIRGraph", sub.type());
        assertNotNull(sub.graph());
        assertEquals(List.of(new NirEdge("input", "fc"), new NirEdge("fc", "lif"), new NirEdge("lif", "output")),
                sub.graph().edges());
        NirNode lif = sub.graph().nodes().get("lif");
        assertEquals(0.0025, lif.number("tau").get(0), 1e-9);
        assertEquals(0.1, lif.number("v_threshold").get(0), 1e-8);
        assertTrue(!lif.parameterNames().contains("metadata"), "metadata groups are skipped");
    }

    @Test
    void shouldReadMultiDimensionalWeightsRowMajor() {
        NirNode conv = NirReader.read(NirSamples.file("cnn_sinabs.nir", dir)).graph().nodes().get("0");
        NirArray w = conv.number("weight");
        assertArrayEquals(new int[]{16, 2, 5, 5}, w.shape());
        // first values of weight[0][0][0] and weight[0][0][1] as h5py prints them
        assertEquals(-0.2573422, w.get(0), 1e-7);
        assertEquals(-0.27034938, w.get(1), 1e-7);
        assertEquals(0.23442513, w.get(5), 1e-7);
        assertArrayEquals(new double[]{34, 34}, conv.number("input_shape").values());
        assertEquals(1.0, conv.number("groups").get(0));
    }

    @Test
    void shouldRejectAFileThatIsNotHdf5() throws IOException {
        Path p = dir.resolve("model.nir");
        Files.writeString(p, "format: spikemesh-network/1\n");
        ModelException e = assertThrows(ModelException.class, () -> NirReader.read(p));
        assertTrue(e.getMessage().startsWith(p + ": not an HDF5 file"), e.getMessage());
    }

    @Test
    void shouldRejectHdf5WithoutANirGraph() {
        Path p = NirSamples.file("not_a_nir_graph.h5", dir);
        ModelException e = assertThrows(ModelException.class, () -> NirReader.read(p));
        assertTrue(e.getMessage().startsWith(p + ": not a NIR graph"), e.getMessage());
        assertTrue(e.getMessage().contains("/node"), e.getMessage());
    }

    @Test
    void shouldTellNirFilesByNameOrHdf5Signature() throws IOException {
        Path yaml = dir.resolve("net.yaml");
        Files.writeString(yaml, "format: spikemesh-network/1\n");
        assertTrue(NirReader.looksLikeNir(dir.resolve("absent.nir")));
        assertTrue(NirReader.looksLikeNir(NirSamples.file("not_a_nir_graph.h5", dir)));
        assertTrue(!NirReader.looksLikeNir(yaml));
    }

    @Test
    void shouldRejectAMissingFile() {
        Path p = dir.resolve("absent.nir");
        ModelException e = assertThrows(ModelException.class, () -> NirReader.read(p));
        assertEquals(p + ": file not found", e.getMessage());
    }

    @Test
    void shouldReadEdgesGivenAsSourceAndDestinationLists() {
        Path p = dir.resolve("srcdst.nir");
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(p)) {
            f.putDataset("version", "1.0");
            io.jhdf.api.WritableGroup node = f.putGroup("node");
            node.putDataset("type", "NIRGraph");
            io.jhdf.api.WritableGroup edges = node.putGroup("edges");
            edges.putDataset("src", new String[]{"in", "w"});
            edges.putDataset("dst", new String[]{"w", "out"});
            io.jhdf.api.WritableGroup nodes = node.putGroup("nodes");
            io.jhdf.api.WritableGroup in = nodes.putGroup("in");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[]{1});
            io.jhdf.api.WritableGroup w = nodes.putGroup("w");
            w.putDataset("type", "Linear");
            w.putDataset("weight", new double[][]{{2}});
            io.jhdf.api.WritableGroup out = nodes.putGroup("out");
            out.putDataset("type", "Output");
            out.putDataset("shape", new long[]{1});
        }
        assertEquals(java.util.List.of(new NirEdge("in", "w"), new NirEdge("w", "out")), NirReader.read(p).graph().edges());
    }
}
