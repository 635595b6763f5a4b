package org.spikemesh.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.cli.Main;

/** {@code spikemesh sweep} in-process: outputs, slices, resume, and one-line errors that write nothing. */
class SweepCommandTest {
    private static final String SWEEP = "format: spikemesh-sweep/1\nname: small\n"
            + "network: {builtin: cuba, neurons: 100}\nchip: loihi-like\nsteps: 20\n"
            + "grid:\n  core.max_neurons: [20, 50, 100]\n  barrier.energy_pj: [100, 300]\n  seed: [1, 2, 3]\n";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path sweep(String text) throws IOException {
        return Files.writeString(dir.resolve("small.yaml"), text);
    }

    @Test
    void shouldRunOnTwoMembersAndWriteJsonlCsvAndHtml() throws IOException {
        Path f = sweep(SWEEP);
        Path out = dir.resolve("r.jsonl");
        Result r = cli("sweep", f.toString(), "--out", out.toString(), "--members", "2", "--port", "0", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(18, Files.readAllLines(out).size(), "3 x 2 x 3 points");
        assertEquals(19, Files.readAllLines(dir.resolve("r.csv")).size());
        String html = Files.readString(dir.resolve("r.html"));
        assertTrue(html.contains("<svg") && html.contains("class=\"front\""), "a Pareto front is drawn");
        assertTrue(r.out().contains("18 points, 18 run now, 0 already done, 18 of 18 in the file fit"), r.out());
        Result again = cli("sweep", f.toString(), "--out", out.toString(), "--port", "0");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 run now, 18 already done"), again.out());
        assertFalse(again.err().contains("cluster"), "nothing to run: no cluster started: " + again.err());
    }

    /** --out in directories that are not there yet: the results, the CSV and the page are written, the directories
     * made. */
    @Test
    void shouldMakeTheDirectoriesOfItsOutputs() throws IOException {
        Path out = dir.resolve("new/sub/r.jsonl");
        Result r = cli("sweep", sweep(SWEEP).toString(), "--out", out.toString(), "--shard", "1/1", "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(18, Files.readAllLines(out).size(), "3 x 2 x 3 points");
        assertTrue(Files.exists(dir.resolve("new/sub/r.csv")) && Files.exists(dir.resolve("new/sub/r.html")));
    }

    @Test
    void shouldRunSlicesWithoutAClusterThatUnionToTheSerialWhole() throws IOException {
        Path f = sweep(SWEEP);
        List<String> union = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path out = dir.resolve("s" + i + ".jsonl");
            Result r = cli("sweep", f.toString(), "--out", out.toString(), "--shard", i + "/4", "-q");
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.err(), "no cluster for a slice");
            union.addAll(Files.readAllLines(out));
        }
        Path whole = dir.resolve("whole.jsonl");
        assertEquals(0, cli("sweep", f.toString(), "--out", whole.toString(), "--shard", "1/1", "-q").code());
        union.sort((a, b) -> Integer.compare(point(a), point(b)));
        assertEquals(Files.readAllLines(whole), union);
    }

    private static int point(String line) {
        return Integer.parseInt(line.substring("{\"point\":".length(), line.indexOf(',')));
    }

    /** A port beyond 65 535 passed the check, and the worker failed with Hazelcast's "Node failed to start!". */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1:99999", "127.0.0.1:0", "nohost"})
    void shouldRefuseAJoinAddressWithoutAPort(String address) {
        Result r = cli("worker", "--join", address, "--cluster", "spikemesh-x");
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("spikemesh worker: --join '" + address + "' is not valid; valid is HOST:PORT with a port"
                + " of 1..65535, e.g. 127.0.0.1:5701"), r.err().lines().toList());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(SWEEP.replace("steps: 20", "steps: -1"), List.of(), "small.yaml: steps: "),
                Arguments.of(SWEEP.replace("core.max_neurons", "core.neurons"), List.of(),
                        "small.yaml: grid.core.neurons: no chip field 'neurons' in core; valid are "),
                Arguments.of(SWEEP.replace("[20, 50, 100]", "[20, -5]"), List.of(), "small.yaml point 6 "), // -5 is the 2nd value: 1 x (2 x 3)
                Arguments.of(SWEEP, List.of("--shard", "5/4"), "--shard '5/4' is not valid; valid is i/N"),
                Arguments.of(SWEEP, List.of("--shard", "1/2", "--members", "2"), "leave out --members"),
                Arguments.of(SWEEP, List.of("--members", "0"), "--members must be at least 1"),
                // a missing directory is made, as --out of a run makes its own; a file in the way is refused
                Arguments.of(SWEEP, List.of("--out", "{dir}/small.yaml/r.jsonl"), "small.yaml is a file, not a"
                        + " directory"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void shouldFailWithOneLineAndWriteNothing(String text, List<String> extra, String expected) throws IOException {
        Path f = sweep(text);
        List<String> args = new ArrayList<>(List.of("sweep", f.toString(), "--port", "0"));
        if (!extra.contains("--out")) {
            args.addAll(List.of("--out", dir.resolve("x.jsonl").toString()));
        }
        extra.forEach(a -> args.add(a.replace("{dir}", dir.toString())));
        Result r = cli(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("spikemesh sweep: "), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("small.yaml"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
