package org.spikemesh.process.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.Sparse;

/** Loading, saving and the error messages of the network file format. */
class NetworkFileTest {

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldRoundTripRandomNetworksExactly(long seed) {
        Network net = RandomNetworks.fixedPoint(seed);
        String text = NetworkWriter.toYaml(net);
        Network back = NetworkFile.parse(text, "rt.yaml", null);
        assertEquals(text, NetworkWriter.toYaml(back), "save(load(save(x))) == save(x)");
        assertEquals(net.graph().processes().size(), back.graph().processes().size());
        for (int i = 0; i < net.processes().size(); i++) {
            var a = net.processes().get(i);
            var b = back.processes().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.type(), b.type());
            for (String v : a.vars().keySet()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(a.var(v).get(), b.var(v).get(), a.name() + "." + v);
            }
        }
        assertEquals(net.graph().connections().toString(), back.graph().connections().toString());
    }

    @Test
    void shouldLoadTheArchitectureExample() {
        String yaml = String.join("\n",
                "format: spikemesh-network/1",
                "processes:",
                "  - {name: stim, type: SpikeInput, shape: [4], spikes: {0: [1, 5, 9], 2: [3]}}",
                "  - {name: w1, type: Dense, weights: [[10, -3, 0, 7], [0, 5, 5, 0]], num_weight_bits: 8, weight_exp: 0, sign_mode: mixed}",
                "  - {name: lif1, type: LIF, shape: [2], model: fixed_pt, du: 4095, dv: 0, vth: 10, bias_mant: 0, bias_exp: 0}",
                "connections:",
                "  - [stim.s_out, w1.s_in]",
                "  - [w1.a_out, lif1.a_in]");
        Network n = NetworkFile.parse(yaml, "ex.yaml", null);
        assertEquals(3, n.processes().size());
        Dense w1 = (Dense) n.processes().get(1);
        assertEquals(5, w1.table().size(), "five non-zero weights");
        assertEquals(NumericModel.FIXED_PT, ((LIF) n.processes().get(2)).model());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type | {name: x, type: Lif, shape: [1]} | | unknown process type 'Lif'; valid types are LIF",
        "unknown field | {name: x, type: LIF, shape: [1], vthh: 3} | | process 'x' (LIF): unknown field 'vthh'",
        "missing port | {name: x, type: LIF, shape: [1]} | [x.s_outt, x.a_in] | process 'x' (LIF) has no output port 's_outt'; its output ports are [s_out]",
        "shape mismatch | {name: x, type: LIF, shape: [2]}, {name: y, type: LIF, shape: [3]} | [x.s_out, y.a_in] | shapes differ",
        "weight bits | {name: d, type: Dense, weights: [[1]], num_weight_bits: 9} | | ",
        "bad sign mode | {name: d, type: Dense, weights: [[1]], sign_mode: both} | | field 'sign_mode': unknown sign_mode 'both'",
        "missing shape | {name: x, type: LIF} | | process 'x' (LIF), field 'shape': is missing",
        "ragged | {name: d, type: Dense, weights: [[1, 2], [3]]} | | field 'weights': row 1 has 1 values, row 0 has 2",
        "empty composite | {name: layer, type: Composite, processes: [], connections: []} | | process 'layer', field 'processes': is empty; a Composite holds at least one process"
    })
    void shouldNameFileProcessAndFieldInErrors(String what, String procs, String conn, String expected) {
        String yaml = "format: spikemesh-network/1\nprocesses: [" + procs + "]\nconnections: ["
                + (conn == null ? "" : conn) + "]\n";
        if (expected == null) {
            // range errors surface at validation time, with the same naming: the file first
            Network n = NetworkFile.parse(yaml, "bad.yaml", null);
            ModelException e = assertThrows(ModelException.class, () -> n.graph().validate(NumericModel.FIXED_PT));
            assertEquals("bad.yaml: process 'd', field 'num_weight_bits': 9 is out of range; valid is 1..8",
                    e.getMessage());
            return;
        }
        ModelException e = assertThrows(ModelException.class, () -> NetworkFile.parse(yaml, "bad.yaml", null));
        assertTrue(e.getMessage().startsWith("bad.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    /** A directory given as the network: the reason in words, as for every I/O error (it was "Is a directory"). */
    @Test
    void shouldSayADirectoryCannotBeRead(@TempDir java.nio.file.Path dir) {
        ModelException e = assertThrows(ModelException.class, () -> NetworkFile.load(dir));
        assertEquals(dir + ": cannot read: is a directory", e.getMessage());
    }

    /** A file that is not UTF-8 (a UTF-16 export, a binary) was "cannot read: Input length = 1". */
    @Test
    void shouldSayAFileIsNotUtf8(@TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("net.yaml");
        java.nio.file.Files.write(f, "format: spikemesh-network/1\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        ModelException e = assertThrows(ModelException.class, () -> NetworkFile.load(f));
        assertEquals(f + ": not UTF-8 text; a network file is YAML in UTF-8 (a NIR graph ends in .nir)", e.getMessage());
    }

    @Test
    void shouldReportYamlSyntaxErrorsWithLine() {
        ModelException e = assertThrows(ModelException.class,
                () -> NetworkFile.parse("format: spikemesh-network/1\nprocesses: [is: not yaml\n", "junk.yaml", null));
        assertTrue(e.getMessage().startsWith("junk.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "format: spikemesh-network/1\\nprocesses: []\\nprocesses: [{name: x, type: LIF, shape: [1]}]\\n | 3 | processes",
        "format: spikemesh-network/1\\nprocesses:\\n  - {name: x, type: LIF, shape: [1], bias_mant: 1, bias_mant: 4000}\\n"
                + " | 3 | bias_mant"})
    void shouldRefuseAKeyGivenTwice(String yaml, int line, String key) {
        ModelException e = assertThrows(ModelException.class,
                () -> NetworkFile.parse(yaml.replace("\\n", "\n"), "dup.yaml", null));
        assertTrue(e.getMessage().startsWith("dup.yaml:" + line + ":"), e.getMessage());
        assertTrue(e.getMessage().endsWith("not valid YAML: Duplicate field '" + key + "'"), e.getMessage());
    }

    @Test
    void shouldRejectWrongFormat() {
        ModelException e = assertThrows(ModelException.class,
                () -> NetworkFile.parse("format: other/2\nprocesses: []\n", "f.yaml", null));
        assertEquals("f.yaml: field 'format': 'other/2' is not supported; valid is spikemesh-network/1", e.getMessage());
    }

    @Test
    void shouldReportMissingFile(@TempDir Path dir) {
        ModelException e = assertThrows(ModelException.class, () -> NetworkFile.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().endsWith("nope.yaml: file not found"), e.getMessage());
    }

    @Test
    void shouldReadWeightsFromCsvAndNpySideFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("w.csv"), "# weights [out][in]\n1, 2, 3\n4, 5, 6\n");
        // a 2x3 little-endian int32 .npy written by hand (format version 1.0)
        String header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(header);
        h.append(" ".repeat(pad)).append('\n');
        ByteBuffer bb = ByteBuffer.allocate(10 + h.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bb.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (int v : new int[]{1, 2, 3, 4, 5, 6}) {
            bb.putInt(v);
        }
        Files.write(dir.resolve("w.npy"), bb.array());
        Files.writeString(dir.resolve("syn.csv"), "post,pre,weight,delay\n0,1,7,2\n1,0,-3,0\n");
        String yaml = "format: spikemesh-network/1\nprocesses:\n"
                + "  - {name: a, type: Dense, weights_file: w.csv}\n"
                + "  - {name: b, type: Dense, weights_file: w.npy}\n"
                + "  - {name: c, type: Sparse, shape: [2, 2], synapses_file: syn.csv}\n";
        Files.writeString(dir.resolve("net.yaml"), yaml);
        Network n = NetworkFile.load(dir.resolve("net.yaml"));
        double[] expected = {1, 2, 3, 4, 5, 6};
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, ((Dense) n.processes().get(0)).weights().get());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, ((Dense) n.processes().get(1)).weights().get());
        Sparse c = (Sparse) n.processes().get(2);
        // rows by pre: pre 0 -> (post 1, -3, delay 0); pre 1 -> (post 0, 7, delay 2)
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{1, 0}, c.table().post());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{-3, 7}, c.table().weight().toArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{0, 2}, c.table().delay());
    }

    @org.junit.jupiter.api.Test
    void shouldLoadNetworkFilesLargerThanSnakeYamlsDefaultLimit() {
        // 4 000 neurons firing at 150 steps each: about 4.6 M characters, above the 3 M code points SnakeYAML allows
        StringBuilder sb = new StringBuilder("format: spikemesh-network/1\nprocesses:\n  - {name: in, type: SpikeInput,"
                + " shape: [4000], spikes: {");
        for (int n = 0; n < 4000; n++) {
            sb.append(n == 0 ? "" : ", ").append(n).append(": [");
            for (int t = 1; t <= 150; t++) {
                sb.append(t == 1 ? "" : ", ").append(1000 + t);
            }
            sb.append(']');
        }
        sb.append("}}\nconnections: []\n");
        org.junit.jupiter.api.Assertions.assertTrue(sb.length() > 3_145_728);
        Network net = NetworkFile.parse(sb.toString(), "big.yaml", null);
        org.junit.jupiter.api.Assertions.assertEquals(150,
                ((org.spikemesh.process.lib.SpikeInput) net.processes().get(0)).spikes().get(3999).length);
    }
}
