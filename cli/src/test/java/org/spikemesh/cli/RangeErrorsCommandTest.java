package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value out of its fixed-point range is reported by run (reference and chip) and map as export reports it: the
 * file first, then the process, the field and what is valid (docs/network-format.md).
 */
class RangeErrorsCommandTest {

    private static final String LIF = "  - {name: a, type: LIF, shape: [1], model: fixed_pt, ";
    private static final String TAIL = "  - {name: b, type: LIF, shape: [1], model: fixed_pt}\n";

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(LIF + "du: 9999}\n", "process 'a', field 'du': value 9999 is out of range; valid is 0..4095"),
                Arguments.of(LIF + "dv: 5000}\n", "process 'a', field 'dv': value 5000 is out of range; valid is 0..4095"),
                Arguments.of(LIF + "vth: 200000}\n",
                        "process 'a', field 'vth': value 200000 is out of range; valid is 0..131071"),
                Arguments.of(LIF + "bias_mant: 5000}\n",
                        "process 'a', field 'bias_mant': value 5000 is out of range; valid is -4096..4095"),
                Arguments.of(LIF + "bias_exp: 8}\n", "process 'a', field 'bias_exp': value 8 is out of range; valid is 0..7"),
                Arguments.of(LIF + "u: 9999999}\n",
                        "process 'a', field 'u': value 9999999 is out of range; valid is -8388608..8388608"),
                Arguments.of(LIF + "v: -9999999}\n",
                        "process 'a', field 'v': value -9999999 is out of range; valid is -8388607..8388607"),
                Arguments.of(LIF + "}\n  - {name: w, type: Dense, weights: [[5]], num_weight_bits: 9}\n" + TAIL,
                        "process 'w', field 'num_weight_bits': 9 is out of range; valid is 1..8"),
                Arguments.of(LIF + "}\n  - {name: w, type: Dense, weights: [[5]], weight_exp: 8}\n" + TAIL,
                        "process 'w', field 'weight_exp': 8 is out of range; valid is -8..7"),
                Arguments.of(LIF + "}\n  - {name: w, type: DelayDense, weights: [[5]], delays: [[99]]}\n"
                        + TAIL, "process 'w', field 'delays': value 99 is out of range; valid is 0..63"));
    }

    static Stream<Arguments> commands() {
        return badValues().flatMap(a -> Stream.of(
                Arguments.of(a.get()[0], a.get()[1], "run reference"),
                Arguments.of(a.get()[0], a.get()[1], "run chip"),
                Arguments.of(a.get()[0], a.get()[1], "map"),
                Arguments.of(a.get()[0], a.get()[1], "export")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void shouldNameTheFileFirst(String processes, String expected, String command, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("net.yaml");
        boolean synapses = processes.contains("name: w,");
        Files.writeString(file, "format: spikemesh-network/1\nprocesses:\n" + processes
                + (synapses ? "connections:\n  - [a.s_out, w.s_in]\n  - [w.a_out, b.a_in]\n" : ""));
        String out = dir.resolve("o").toString();
        RunCommandTest.Result r = switch (command) {
            case "run reference" -> RunCommandTest.cli("run", file.toString(), "--steps", "3", "-q", "--out", out);
            case "run chip" -> RunCommandTest.cli("run", file.toString(), "--steps", "3", "-q", "--backend", "chip",
                    "--out", out);
            case "map" -> RunCommandTest.cli("map", file.toString(), "--chip", "loihi-like", "-q");
            default -> RunCommandTest.cli("export", file.toString(), "--out", dir.resolve("n.nir").toString());
        };
        assertEquals(2, r.code(), r.out() + r.err());
        String verb = command.split(" ")[0];
        assertEquals("spikemesh " + verb + ": " + file + ": " + expected, r.err().strip(), command);
        assertTrue(Files.notExists(dir.resolve("o")), "no output");
    }
}
