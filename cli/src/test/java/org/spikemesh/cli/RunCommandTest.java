package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.io.NetworkWriter;
import org.spikemesh.process.io.RandomNetworks;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/** {@code spikemesh run} in-process: outputs, identity with the Java API, reproducibility, one-line errors. */
class RunCommandTest {

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

    static LongStream seeds() {
        return LongStream.range(1, 13);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldGiveTheSameSpikesAndTracesAsTheJavaApi(long seed, @TempDir Path dir) throws IOException {
        Network net = RandomNetworks.fixedPoint(seed);
        Path file = dir.resolve("net.yaml");
        Files.writeString(file, NetworkWriter.toYaml(net));
        List<String> rec = new ArrayList<>();
        for (Process p : net.graph().processes()) {
            if (p.type().equals("LIF")) {
                rec.add(p.name() + ".v");
                rec.add(p.name() + ".u");
            }
        }
        Result r = cli("run", file.toString(), "--steps", "40", "--seed", "7", "--quiet", "--record",
                String.join(",", rec), "--out", dir.resolve("a").toString());
        assertEquals(0, r.code(), r.err());
        Result again = cli("run", file.toString(), "--steps", "40", "--seed", "7", "--quiet", "--record",
                String.join(",", rec), "--out", dir.resolve("b").toString());
        assertEquals(0, again.code(), again.err());

        // the Java API on a fresh copy of the same network
        ProcessGraph g = RandomNetworks.fixedPoint(seed).graph();
        Monitor m = new Monitor();
        RunConfig cfg = RunConfig.defaults().seed(7).listener(m);
        for (String v : rec) {
            cfg.probe(g.var(v));
        }
        try (Simulation sim = Simulation.reference(g, cfg)) {
            sim.run(40);
        }
        StringBuilder spikes = new StringBuilder("step,process,neuron\n");
        TreeMap<Integer, StringBuilder> byStep = new TreeMap<>();
        for (Process p : g.processes()) {
            for (int[] s : m.spikes(p)) {
                byStep.computeIfAbsent(s[0], k -> new StringBuilder())
                        .append(s[0]).append(',').append(p.name()).append(',').append(s[1]).append('\n');
            }
        }
        byStep.values().forEach(spikes::append);
        assertEquals(spikes.toString(), Files.readString(dir.resolve("a/spikes.csv")));
        for (String v : rec) {
            Var var = g.var(v);
            StringBuilder csv = new StringBuilder("step");
            for (int i = 0; i < var.size(); i++) {
                csv.append(',').append(i);
            }
            csv.append('\n');
            double[][] tr = m.trace(var);
            for (int t = 0; t < tr.length; t++) {
                csv.append(t + 1);
                for (double x : tr[t]) {
                    csv.append(',').append((long) x);
                }
                csv.append('\n');
            }
            assertEquals(csv.toString(), Files.readString(dir.resolve("a/" + v + ".csv")), v);
            assertEquals(Files.readString(dir.resolve("a/" + v + ".csv")), Files.readString(dir.resolve("b/" + v + ".csv")));
        }
        assertEquals(Files.readString(dir.resolve("a/spikes.csv")), Files.readString(dir.resolve("b/spikes.csv")),
                "fixed-point runs are reproducible");
    }

    static Stream<String[]> badInputs() {
        return Stream.of(
                new String[]{"format: spikemesh-network/1\nprocesses: [{name: x, type: Nope}]\n", "unknown process type 'Nope'"},
                new String[]{"this: [is: not yaml\n", "not valid YAML"},
                new String[]{"format: spikemesh-network/1\nprocesses: [{name: x, type: LIF, shape: [1], du: 9999}]\n",
                    "process 'x', field 'du': value 9999 is out of range; valid is 0..4095"});
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void shouldExitWithCode2AndOneLineForBadInput(String yaml, String expected, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        Result r = cli("run", file.toString(), "--steps", "5", "--quiet", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(dir.resolve("o")), "no output directory on failure");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no partial files left beside the output");
        }
    }

    /**
     * A Var of fractions in a fixed-point run: winner_take_all's Poisson source has the rates 0.05, 0.08, 0.12 and 0.2
     * (its network file), a probability per step, which the run wrote as 0 on every row because every value of a
     * fixed-point run was cut to an integer. And --record given with a space after its comma ("input.rate, exc.v")
     * gave summary.json the name " exc.v", which names no file. On both backends.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"chip", "reference"})
    void shouldRecordFractionsAsTheyAreAndNameTheRecordedVarsAsTheirFiles(String backend, @TempDir Path dir)
            throws IOException {
        Path out = dir.resolve("o");
        Result r = cli("run", "../examples/networks/winner_take_all.yaml", "--steps", "3", "--backend", backend,
                "--chip", "teaching-2x2", "--record", "input.rate, exc.v", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("step,0,1,2,3", "1,0.05,0.08,0.12,0.2", "2,0.05,0.08,0.12,0.2", "3,0.05,0.08,0.12,0.2"),
                Files.readAllLines(out.resolve("input.rate.csv")));
        JsonNode recorded = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("recorded");
        assertEquals("[\"input.rate\",\"exc.v\"]", recorded.toString());
        for (JsonNode name : recorded) {
            assertTrue(Files.exists(out.resolve(name.asText() + ".csv")), name + " names its file");
        }
        // the fixed-point state stays integral: v of the 4 LIF neurons, as integers
        assertTrue(Files.readAllLines(out.resolve("exc.v.csv")).get(1).matches("1(,-?\\d+){4}"),
                Files.readAllLines(out.resolve("exc.v.csv")).get(1));
    }

    @Test
    void shouldRecordTheWorkerThreadsTheChipRunUsed(@TempDir Path dir) throws IOException {
        // lif_dense_lif maps to 2 cores of loihi-like: at most one shard, so one thread, per core
        Path four = dir.resolve("four");
        Result r = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5", "--backend", "chip", "--threads",
                "4", "--quiet", "--out", four.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode s = new ObjectMapper().readTree(four.resolve("summary.json").toFile());
        assertEquals(2, s.path("threads").asInt());
        assertEquals(4, s.path("threads_asked").asInt());
        Path two = dir.resolve("two");
        assertEquals(0, cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5", "--backend", "chip",
                "--threads", "2", "--quiet", "--out", two.toString()).code());
        s = new ObjectMapper().readTree(two.resolve("summary.json").toFile());
        assertEquals(2, s.path("threads").asInt());
        assertTrue(s.path("threads_asked").isMissingNode(), "as many threads as asked: no threads_asked");
    }

    @Test
    void shouldRejectUnknownRecordedVar(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("n.yaml");
        Files.writeString(file, "format: spikemesh-network/1\nprocesses: [{name: x, type: LIF, shape: [1]}]\n");
        Result r = cli("run", file.toString(), "--steps", "5", "--record", "x.w", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("process 'x', field 'w': no such variable; LIF has [u, v, du, dv, vth, bias_mant, bias_exp]"),
                r.err());
    }

    /** A Var recorded twice would be written twice into its CSV file: refused before anything runs. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lif1.v,lif1.v", "lif1.v, lif1.u,lif1.v"})
    void shouldRefuseAVarRecordedTwice(String vars, @TempDir Path dir) throws IOException {
        Result r = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5", "--quiet", "--record", vars,
                "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("spikemesh run: --record: 'lif1.v' is given twice; give each Var once (got " + vars + ")",
                r.err().strip());
        assertFalse(Files.exists(dir.resolve("o")), "no output directory");
        // the option given twice is the same list
        r = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5", "--quiet", "--record", "lif1.v",
                "--record", "lif1.v", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--record: 'lif1.v' is given twice"), r.err());
    }

    /** An empty --out was taken for the working directory and refused without naming --out or a path. */
    @Test
    void shouldRefuseAnEmptyOut() {
        Result r = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5", "--out", "");
        assertEquals(2, r.code());
        assertEquals("spikemesh run: --out is empty; give the directory to write the run's outputs into, e.g. --out"
                + " out/run1", r.err().strip());
    }

    /** Impossible chip options are refused before anything runs, naming the option and what it takes. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-2", "-5", "1048577", "100000000"})
    void shouldRefuseAChipCountOutsideItsRange(String chips, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("n.yaml");
        Files.writeString(file, "format: spikemesh-network/1\nprocesses: [{name: x, type: LIF, shape: [1]}]\n");
        Result r = cli("run", file.toString(), "--steps", "5", "--backend", "chip", "--chips", chips, "--out",
                dir.resolve("o").toString());
        assertEquals(2, r.code());
        // 1 048 576 (2^20) chips at most, as a chip file's mesh.chips; 100 000 000 ran 69 s into the heap's limit
        assertEquals("spikemesh run: --chips must be 1..1048576, or 0 for as many as the chip says, or -1 for as many"
                + " as the network needs; got " + chips, r.err().strip());
        assertFalse(Files.exists(dir.resolve("o")), "no output directory");
    }

    static Stream<String[]> badCounterOptions() {
        return Stream.of(
                new String[]{"--counters-every", "0", "--counters-every must be at least 1 (steps per row of"
                        + " time_per_step.csv and energy_per_step.csv), got 0"},
                new String[]{"--core-counters-every", "-2", "--core-counters-every must be at least 0 (steps per window"
                        + " of core_counters_by_step.csv and link_loads_by_step.csv; 0: none), got -2"});
    }

    /** Counter windows that cannot be are refused before anything runs, naming the option and the files it shapes. */
    @ParameterizedTest
    @MethodSource("badCounterOptions")
    void shouldRefuseImpossibleCounterWindows(String option, String value, String expected, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("n.yaml");
        Files.writeString(file, "format: spikemesh-network/1\nprocesses: [{name: x, type: LIF, shape: [1]}]\n");
        Result r = cli("run", file.toString(), "--steps", "5", "--backend", "chip", option, value, "--out",
                dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("spikemesh run: " + expected, r.err().strip());
        assertFalse(Files.exists(dir.resolve("o")), "no output directory");
    }

    /**
     * docs/chip-engine.md: one row of time_per_step.csv per step up to 100 000 steps, longer runs sum K steps per row.
     * 150 000 steps gave K = 1 (150 000 / 100 000 rounded down); now K = 2, 75 000 rows. single_lif sits on one tile
     * of teaching-2x2, whose barrier for 1 tile is 100 ns: 200 ns in each row of 2 steps.
     */
    @Test
    void shouldSumStepsIntoRowsBeyondOneHundredThousandSteps(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("long");
        Result r = cli("run", "../examples/networks/single_lif.yaml", "--steps", "150000", "--backend", "chip", "--chip",
                "teaching-2x2", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        JsonNode chip = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("chip");
        assertEquals(2, chip.path("series_steps_per_row").asInt());
        List<String> rows = Files.readAllLines(out.resolve("time_per_step.csv"));
        assertEquals(75_001, rows.size());
        assertEquals("200", rows.get(1).split(",")[8], "barrier of the row's 2 steps");
    }

    /** --core-counters-every 0 keeps no windows: neither file is written, and summary.json does not list them. */
    @Test
    void shouldWriteNoWindowFilesWithCoreCountersEveryZero(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("none");
        Result r = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5", "--backend", "chip",
                "--core-counters-every", "0", "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("core_counters_by_step.csv")));
        assertFalse(Files.exists(out.resolve("link_loads_by_step.csv")));
        String files = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("chip").path("files")
                .toString();
        assertFalse(files.contains("by_step"), files);
        assertTrue(files.contains("core_counters.csv"), files);
    }

    /**
     * A message from core 0 to core 3 of the last of 300 teaching-2x2 chips (withChips: a grid of 20 x 15 chips of
     * 2 x 2 tiles, so from tile (0, 0) to (39, 29)): 39 east-west hops of 10 ns, 29 north-south of 20 ns and 19 + 14
     * chip crossings of 100 ns: 390 + 580 + 3 300 = 4 270 ns. latency_histogram.csv and summary.json gave 4 271, the
     * top of its HdrHistogram bucket at 3 significant digits.
     */
    @Test
    void shouldWriteALongLatencyExactly(@TempDir Path dir) throws IOException {
        TimeModelCommandTest.network(dir);
        Files.writeString(dir.resolve("far.csv"), "population,first_neuron,chip,core\nin,0,0,0\nlif,0,299,3\n");
        Path out = dir.resolve("far");
        Result r = cli("run", dir.resolve("n.yaml").toString(), "--steps", "2", "--backend", "chip", "--chip",
                "teaching-2x2", "--chips", "300", "--placement", dir.resolve("far.csv").toString(), "--out",
                out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("latency_ns,messages", "4270,1"), Files.readAllLines(out.resolve("latency_histogram.csv")));
        JsonNode lat = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("chip")
                .path("message_latency_ns");
        assertEquals(4270, lat.path("max").asLong());
        assertEquals(4270, lat.path("p50").asLong());
    }

    /**
     * docs/cli.md: errors are one line. A mistake in the command line itself printed picocli's message and then the
     * whole usage of the command (83 lines for run); now the message, picocli's suggestions for a mistyped option
     * and a pointer to --help, exit code 2.
     */
    @Test
    void shouldTellACommandLineMistakeInOneLine() {
        Result r = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "abc", "--out", "o");
        assertEquals(2, r.code());
        assertEquals(List.of("spikemesh run: Invalid value for option '--steps': 'abc' is not an int (see spikemesh run"
                + " --help)"), r.err().lines().toList());
        Result typo = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "3", "--out", "o", "--recrd",
                "x.v");
        assertEquals(2, typo.code());
        assertEquals(1, typo.err().lines().count(), typo.err());
        assertTrue(typo.err().contains("Unknown options: '--recrd', 'x.v'"), typo.err());
        assertTrue(typo.err().contains("--record"), "suggests --record: " + typo.err());
        Result missing = cli("run");
        assertEquals(List.of("spikemesh run: Missing required parameter: 'NETWORK' (see spikemesh run --help)"),
                missing.err().lines().toList());
    }

    /**
     * A mistyped command got picocli's suggestion only for some typos: 'ru' was "Did you mean: spikemesh run?", 'rn'
     * and 'mpa' had none, and 'nir' got 'animate'. Now every command within two edits of the word is suggested (a swap
     * of neighbours is one edit), else the commands are listed.
     */
    @Test
    void shouldSuggestTheCommandMeantByATypo() {
        assertEquals(List.of("spikemesh: Unmatched argument at index 0: 'rn'; Did you mean: spikemesh run? (see"
                + " spikemesh --help)"), cli("rn").err().lines().toList());
        assertEquals(List.of("spikemesh: Unmatched argument at index 0: 'mpa'; Did you mean: spikemesh map? (see"
                + " spikemesh --help)"), cli("mpa").err().lines().toList());
        Result nir = cli("nir", "exprt");
        assertEquals(2, nir.code());
        assertEquals(List.of("spikemesh: Unmatched arguments from index 0: 'nir', 'exprt'; 'nir' is not a command; the"
                + " commands are run, bench, chip, map, report, animate, export, sweep, worker (see spikemesh --help)"),
                nir.err().lines().toList());
        assertEquals(List.of("spikemesh bench: Unmatched argument at index 1: 'cubba'; Did you mean: spikemesh bench"
                + " cuba? (see spikemesh bench --help)"), cli("bench", "cubba").err().lines().toList());
        // an unknown option is not a command: picocli's suggestion stays
        assertTrue(cli("--verbos").err().contains("'--verbos'"));
    }

    /** Hand-worked distances: a swap of neighbours is one edit, as are an insertion, deletion or substitution. */
    @Test
    void shouldCountEditsAsOptimalStringAlignment() {
        assertEquals(1, UsageErrorHandler.editDistance("rnu", "run"));
        assertEquals(1, UsageErrorHandler.editDistance("rn", "run"));
        assertEquals(1, UsageErrorHandler.editDistance("runn", "run"));
        assertEquals(3, UsageErrorHandler.editDistance("nir", "run"));
        assertEquals(1, UsageErrorHandler.editDistance("swep", "sweep"));
        assertEquals(1, UsageErrorHandler.editDistance("bnech", "bench"));
        assertEquals(2, UsageErrorHandler.editDistance("bnehc", "bench"));
        assertEquals(0, UsageErrorHandler.editDistance("map", "map"));
    }

    /** Chip options on the reference backend were ignored without a word; now one warning line names them. */
    @Test
    void shouldWarnOfChipOptionsOnTheReferenceBackend(@TempDir Path dir) {
        Result r = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "3", "--chip", "teaching-2x2",
                "--threads", "2", "--out", dir.resolve("o").toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("spikemesh run: warning: --chip, --threads are for --backend chip; the reference backend"
                + " ignores them"), r.err().lines().toList());
        Result plain = cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "3", "--out",
                dir.resolve("p").toString(), "-q");
        assertEquals("", plain.err());
    }
}
