package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench cuba} on 20 000 neurons: the lines other tools parse (the acceptance checks read the last
 * "M events/s"), events per second that are the synaptic events over the loop time, and a heap whose peak (the
 * description, the program and the engine's tables together) is above its running size (the program let go).
 */
class BenchCubaTest {

    /** @return the matcher of the first place in text that matches regex, which must be there */
    static Matcher printed(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return m;
    }

    private static double number(String text, String regex) {
        return Double.parseDouble(printed(text, regex).group(1));
    }

    /** @return what {@code bench cuba ARGS -q} printed, having checked that it ended well */
    static String bench(String... args) {
        String[] line = new String[args.length + 3];
        line[0] = "bench";
        line[1] = "cuba";
        System.arraycopy(args, 0, line, 2, args.length);
        line[line.length - 1] = "-q";
        return printedBy(line);
    }

    /** @return what the command line printed on standard output, having checked that it ended well */
    static String printedBy(String... line) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute(line);
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        return text;
    }

    @Test
    void shouldPrintRatesAndTheHeapOfARun() {
        // 2 000 000 synapses: a program of about 30 MB, far above what else the test JVM frees between the heap's
        // measurements (with 32 000 synapses that alone turned the figures negative)
        String text = bench("--neurons", "20000", "--synapses-per-neuron", "100", "--steps", "1000", "--repeat", "1");
        double loop = number(text, "loop ([0-9.]+) s");
        double events = number(text, "spikes \\([0-9.]+ Hz\\), ([0-9]+) synaptic events");
        double rate = number(text, "1 thread: ([0-9.]+) M events/s");
        // the rate is printed to 0.1 M/s, the loop time to 1 ms: the rate lies between the events over the longest and
        // the shortest loop time that prints as this one
        double lo = events / (loop + 0.0005) / 1e6 - 0.05;
        double hi = events / Math.max(1e-9, loop - 0.0005) / 1e6 + 0.05;
        assertTrue(rate >= lo && rate <= hi, rate + " M events/s, not within " + lo + ".." + hi);
        double peak = number(text, "heap at its peak .*?: (-?[0-9.]+) bytes per synapse");
        double running = number(text, "bytes per synapse; while running: (-?[0-9.]+)");
        double program = number(text, "compiled program (-?[0-9.]+) more");
        assertTrue(program > 0, text);
        assertTrue(peak > running, "peak " + peak + " must be above the running heap " + running);
    }

    @Test
    void shouldPrintTheSpeedUpOfTheMedianLoopTimesAndWriteThemAsJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cuba.json");
        String text = bench("--neurons", "4000", "--steps", "4000", "--repeat", "3", "--threads", "1,2", "--json",
                file.toString());
        double one = number(text, "1 thread: loop ([0-9.]+) s");
        double two = number(text, "2 threads: loop ([0-9.]+) s");
        double speedUp = number(text, "speed-up over 1 thread .*: 2 threads ([0-9.]+)x");
        // the loop times are printed to 1 ms and the ratio to 0.01: it lies between the ratios of the loop times that
        // print as these
        double lo = (one - 0.0005) / (two + 0.0005) - 0.005;
        double hi = (one + 0.0005) / Math.max(1e-9, two - 0.0005) + 0.005;
        assertTrue(speedUp >= lo && speedUp <= hi, speedUp + "x, not within " + lo + ".." + hi + " in:\n" + text);
        // both thread counts ran the same network: the same spikes and synaptic events
        Matcher m = printed(text, "loop [0-9.]+ s \\(median of 3, best [0-9.]+\\), ([0-9]+) spikes .*?, ([0-9]+) synaptic"
                + " events");
        String first = m.group(1) + "/" + m.group(2);
        assertTrue(m.find(), text);
        assertEquals(first, m.group(1) + "/" + m.group(2), text);

        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertEquals(4000, doc.get("neurons").asInt());
        assertEquals(4000, doc.get("steps").asInt());
        JsonNode runs = doc.get("runs");
        assertEquals(2, runs.size());
        double[] medians = new double[2];
        for (int k = 0; k < 2; k++) {
            JsonNode run = runs.get(k);
            assertEquals(k + 1, run.get("threads").asInt());
            double[] loops = new double[3];
            for (int i = 0; i < 3; i++) {
                loops[i] = run.get("loop_s").get(i).asDouble();
            }
            java.util.Arrays.sort(loops);
            // the median and the best of the three loops, and the rate over the median, as printed
            medians[k] = run.get("loop_median_s").asDouble();
            assertEquals(loops[1], medians[k], 0.0);
            assertEquals(loops[0], run.get("loop_best_s").asDouble(), 0.0);
            assertEquals(k == 0 ? one : two, medians[k], 0.0005);
            assertEquals(run.get("synaptic_events").asDouble() / medians[k], run.get("synaptic_events_per_s").asDouble(),
                    1e-6 * run.get("synaptic_events_per_s").asDouble());
            assertEquals(4000.0 * 4000 / medians[k], run.get("neuron_steps_per_s").asDouble(),
                    1e-6 * run.get("neuron_steps_per_s").asDouble());
        }
        assertEquals(medians[0] / medians[1], doc.get("speed_ups").get(0).get("ratio_of_median_loops").asDouble(), 1e-12);
        // the long waits of the 2-thread repetitions (none recorded on 1 thread), as written and as printed
        assertTrue(runs.get(0).get("long_waits") == null, "no other shard to wait for on 1 thread");
        JsonNode waits = runs.get(1).get("long_waits");
        assertEquals(3, waits.size());
        Matcher waitsPrinted = printed(text, "2 threads: shards' waits over 50 us for another's batch, per repetition:"
                + " ([0-9]+) \\(([0-9.]+) s\\) ([0-9]+) \\(([0-9.]+) s\\) ([0-9]+) \\(([0-9.]+) s\\)");
        for (int i = 0; i < 3; i++) {
            long count = waits.get(i).get("count").asLong();
            double seconds = waits.get(i).get("seconds").asDouble();
            assertEquals(Long.parseLong(waitsPrinted.group(2 * i + 1)), count);
            assertEquals(Double.parseDouble(waitsPrinted.group(2 * i + 2)), seconds, 0.0005);
            // each long wait is longer than 50 us: their time is at least that many times 50 us
            assertTrue(seconds >= count * 50e-6, count + " waits in " + seconds + " s");
            assertTrue(seconds <= runs.get(1).get("loop_s").get(i).asDouble() * 2, "two shards wait within the loop");
        }
        // every shard's waits, long and short, as written and printed to 1 ms; they hold the long waits, each is
        // within the loop, and the slowest shard's work over the fastest's is (loop - least wait) / (loop - most wait)
        assertTrue(runs.get(0).get("shard_waits_s") == null, "no other shard to wait for on 1 thread");
        JsonNode shardWaits = runs.get(1).get("shard_waits_s");
        JsonNode slowest = runs.get(1).get("slowest_shard_over_fastest");
        assertEquals(3, shardWaits.size());
        assertEquals(3, slowest.size());
        Matcher eachWaitPrinted = printed(text, "2 threads: each shard's waits for the others' batches, s per"
                + " repetition: ([0-9.]+)/([0-9.]+) ([0-9.]+)/([0-9.]+) ([0-9.]+)/([0-9.]+)");
        Matcher slowestPrinted = printed(text, "over the one that worked least, per repetition: ([0-9.]+)x"
                + " ([0-9.]+)x ([0-9.]+)x");
        for (int i = 0; i < 3; i++) {
            double loop = runs.get(1).get("loop_s").get(i).asDouble();
            double w0 = shardWaits.get(i).get(0).asDouble();
            double w1 = shardWaits.get(i).get(1).asDouble();
            assertEquals(Double.parseDouble(eachWaitPrinted.group(2 * i + 1)), w0, 0.0005);
            assertEquals(Double.parseDouble(eachWaitPrinted.group(2 * i + 2)), w1, 0.0005);
            assertTrue(w0 + w1 >= waits.get(i).get("seconds").asDouble() - 1e-9, "waits " + w0 + " + " + w1);
            assertTrue(w0 < loop && w1 < loop, "waits " + w0 + ", " + w1 + " in a loop of " + loop);
            double ratio = (loop - Math.min(w0, w1)) / (loop - Math.max(w0, w1));
            assertEquals(ratio, slowest.get(i).asDouble(), 1e-9);
            assertEquals(ratio, Double.parseDouble(slowestPrinted.group(i + 1)), 0.005);
        }
        // the yields of the waits that found the awaited shard on the waiting one's processor, of all yields, as
        // written and printed; none on 1 thread
        assertTrue(runs.get(0).get("shared_processor_yields") == null, "no other shard to yield to on 1 thread");
        JsonNode shared = runs.get(1).get("shared_processor_yields");
        assertEquals(3, shared.size());
        Matcher sharedPrinted = printed(text, "on their own processor, of all yields, per repetition:"
                + " ([0-9]+)/([0-9]+) ([0-9]+)/([0-9]+) ([0-9]+)/([0-9]+)");
        for (int i = 0; i < 3; i++) {
            long found = shared.get(i).get("shared").asLong();
            long yields = shared.get(i).get("yields").asLong();
            assertEquals(Long.parseLong(sharedPrinted.group(2 * i + 1)), found);
            assertEquals(Long.parseLong(sharedPrinted.group(2 * i + 2)), yields);
            assertTrue(found <= yields, found + " of " + yields);
        }
        // before each timed run the bench waited for the JIT to be idle for 250 ms: at least that long each time
        for (int k = 0; k < 2; k++) {
            JsonNode jit = runs.get(k).get("jit_quiet_wait_s");
            assertEquals(3, jit.size());
            for (JsonNode w : jit) {
                assertTrue(w.asDouble() >= 0.25, "waited " + w.asDouble() + " s for the JIT");
            }
        }
        // each repetition's ratio: its 1-thread loop over its 2-thread loop, as written and as printed to 0.01
        JsonNode each = doc.get("speed_ups").get(0).get("ratio_per_repetition");
        assertEquals(3, each.size());
        Matcher eachPrinted = printed(text, "2 threads over 1 thread, each repetition's loops: ([0-9.]+)x ([0-9.]+)x"
                + " ([0-9.]+)x");
        for (int i = 0; i < 3; i++) {
            double ratio = runs.get(0).get("loop_s").get(i).asDouble() / runs.get(1).get("loop_s").get(i).asDouble();
            assertEquals(ratio, each.get(i).asDouble(), 1e-12);
            assertEquals(ratio, Double.parseDouble(eachPrinted.group(i + 1)), 0.005);
        }
        // a round trip between two threads before each of the three repetitions, printed to 1 ns; a round trip takes
        // time (two cache-line transfers: tens of ns at least)
        // (NaN, and null in the JSON file, when the other thread did not answer within 2 s: a machine busy with
        // more spinning threads than processors, as when other builds run beside the tests)
        checkBeforeEachRepetition(doc, text, "thread_round_trip_ns", "round trip between two threads before each"
                + " repetition: ([0-9]+|NaN) ([0-9]+|NaN) ([0-9]+|NaN) ns \\(median ([0-9]+|NaN)", 1, 0.5);
        // the processors' balance before each repetition: the slower of two busy threads over the faster, at least
        // 1, printed to 0.01
        checkBeforeEachRepetition(doc, text, "processor_balance", "the same work, before each repetition:"
                + " ([0-9.]+)x ([0-9.]+)x ([0-9.]+)x \\(median ([0-9.]+)x", 1, 0.005);
        // and on reads from the caches
        checkBeforeEachRepetition(doc, text, "cache_balance", "the slower one's time over the faster one's, before each"
                + " repetition: ([0-9.]+)x ([0-9.]+)x ([0-9.]+)x \\(median ([0-9.]+)x", 1, 0.005);
        assertEquals(number(text, "while running: (-?[0-9.]+)"),
                doc.get("heap").get("running_bytes_per_synapse").asDouble(), 0.05);
    }

    /**
     * Checks a measurement made before each of three repetitions: in the JSON file under {@code field} as
     * {@code before_each_repetition} and {@code median}, each at least {@code least}, printed as {@code pattern}'s
     * first three groups (within {@code printedTo}), and the median as the middle of the three (its fourth group).
     */
    private static void checkBeforeEachRepetition(JsonNode doc, String text, String field, String pattern, double least,
                                                  double printedTo) {
        JsonNode values = doc.get(field).get("before_each_repetition");
        assertEquals(3, values.size());
        Matcher m = printed(text, pattern);
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            if (values.get(i).isNull()) {
                // a measurement that gave up: printed NaN; the median of the others is not checked
                assertEquals("NaN", m.group(i + 1));
                return;
            }
            v[i] = values.get(i).asDouble();
            assertTrue(v[i] >= least, field + " " + v[i]);
            assertEquals(Double.parseDouble(m.group(i + 1)), v[i], printedTo);
        }
        java.util.Arrays.sort(v);
        assertEquals(v[1], doc.get(field).get("median").asDouble(), 0.0);
        assertEquals(Double.parseDouble(m.group(4)), v[1], printedTo);
    }

    @Test
    void shouldPrintAndWriteThePhasesOfEveryShardWithPhases(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("phases.json");
        Path page = dir.resolve("phases.html");
        String text = bench("--neurons", "4000", "--steps", "2000", "--repeat", "1", "--threads", "1,2", "--phases",
                "--json", file.toString(), "--html", page.toString());
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        // the page draws the figures the JSON file holds: the same page comes from the file (spikemesh report FILE)
        String html = Files.readString(page);
        assertEquals(org.spikemesh.cli.report.BenchPage.render(doc), html);
        assertTrue(text.contains("figures drawn -> " + page), text);
        // one segment per phase of each of the three shards (1 thread: one; 2 threads: two)
        int names0 = org.spikemesh.simulator.chip.ShardDiagnostics.phaseNames().size();
        assertEquals(3 * names0, Pattern.compile("<rect [^>]*><title>[12] threads?, shard [01], ").matcher(html)
                .results().count(), html);
        JsonNode phases = doc.get("phases");
        assertEquals(2, phases.size());
        java.util.List<String> names = org.spikemesh.simulator.chip.ShardDiagnostics.phaseNames();
        for (int k = 0; k < 2; k++) {
            JsonNode run = phases.get(k);
            int threads = k + 1;
            assertEquals(threads, run.get("threads").asInt());
            double loop = run.get("loop_s").asDouble();
            assertEquals(loop, number(text, "(?m)^  " + threads + " +loop ([0-9.]+) s"), 0.0005);
            // the timed phase run waited, as the timed repetitions do, for the JIT to be idle for 250 ms
            assertTrue(run.get("jit_quiet_wait_s").asDouble() >= 0.25, run.toString());
            JsonNode shards = run.get("shards");
            assertEquals(threads, shards.size(), "one row per shard");
            for (int s = 0; s < threads; s++) {
                JsonNode shard = shards.get(s);
                assertEquals(s, shard.get("shard").asInt());
                assertEquals(2000, shard.get("steps").asInt());
                JsonNode seconds = shard.get("seconds");
                assertEquals(names.size(), seconds.size());
                // the printed row: threads, shard, then each phase to 1 ms, then their sum
                Matcher row = Pattern.compile("(?m)^  " + threads + " +" + s + "((?: +[0-9.]+){" + (names.size() + 1)
                        + "})$").matcher(text);
                assertTrue(row.find(), "row of shard " + s + " on " + threads + " threads in:\n" + text);
                String[] printed = row.group(1).trim().split(" +");
                double all = 0;
                for (int q = 0; q < names.size(); q++) {
                    double sec = seconds.get(names.get(q)).asDouble();
                    assertTrue(sec >= 0, names.get(q) + " " + sec);
                    assertEquals(sec, Double.parseDouble(printed[q]), 0.0005, names.get(q));
                    all += sec;
                }
                assertEquals(all, Double.parseDouble(printed[names.size()]), 0.0005, "sum of the row");
                // every phase is an interval of the shard's thread inside the run's calls
                assertTrue(all <= loop, "shard " + s + ": phases " + all + " s, loop " + loop + " s");
            }
        }
        // the kernel watch's moves, one count per repetition of the several-thread runs
        assertEquals(1, doc.get("runs").get(1).get("kernel_array_moves").size());
        assertTrue(doc.get("runs").get(0).get("kernel_array_moves") == null, "no watch on 1 thread");
    }

    @Test
    void shouldBuildEachEntryOfThreadsWithItsSettingAndCompareThem(@TempDir Path dir) throws IOException {
        String name = "spikemesh.engine.span-counting";
        Path file = dir.resolve("settings.json");
        String text = bench("--neurons", "4000", "--steps", "1000", "--repeat", "1", "--threads", "1,2", "--setting",
                name + "=each,grouped", "--json", file.toString());
        assertTrue(text.contains("1 thread [span-counting=each]: loop"), text);
        assertTrue(text.contains("2 threads [span-counting=grouped]: loop"), text);
        assertTrue(text.contains("speed-up over 1 thread [span-counting=each] (median loop times, timed runs taking"
                + " turns): 2 threads [span-counting=grouped] "), text);
        assertEquals(null, System.getProperty(name), "the property is put back after each engine is built");
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        JsonNode runs = doc.get("runs");
        assertEquals(name, runs.get(0).get("setting").get("name").asText());
        assertEquals("each", runs.get(0).get("setting").get("value").asText());
        assertEquals("grouped", runs.get(1).get("setting").get("value").asText());
        assertEquals("grouped", doc.get("speed_ups").get(0).get("setting").asText());
        assertEquals("each", doc.get("speed_ups").get(0).get("over_setting").asText());
        // how the link spans are counted changes no result (the engine's exactness): the same spikes, events, time and
        // energy under both settings and thread counts
        for (String field : new String[]{"spikes", "synaptic_events", "simulated_ms", "energy_uj"}) {
            assertEquals(runs.get(0).get(field).asText(), runs.get(1).get(field).asText(), field);
        }
    }

    @Test
    void shouldNameTheSettingWhoseValueTheEngineRefuses() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // the first value is valid, the second is not: each entry's engine is built with its own value
            code = Main.commandLine().execute("bench", "cuba", "--neurons", "2000", "--steps", "100", "--threads", "1,1",
                    "--setting", "spikemesh.engine.span-counting=each,bogus", "-q");
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains("--setting spikemesh.engine.span-counting, value 2 'bogus': system property"
                + " spikemesh.engine.span-counting is 'bogus'; valid: auto, grouped, turns, each"), text);
        assertTrue(!text.contains("Exception"), text);
        assertEquals(null, System.getProperty("spikemesh.engine.span-counting"));
    }

    @Test
    void shouldRefuseImpossibleParametersBeforeBuildingAnything(@TempDir Path dir) throws IOException {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int zeroRepeats;
        int noDirectory;
        int aDirectory;
        int htmlDirectory;
        int fewNeurons;
        int manySynapses;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            zeroRepeats = Main.commandLine().execute("bench", "cuba", "--repeat", "0", "-q");
            noDirectory = Main.commandLine().execute("bench", "cuba", "--json",
                    Files.writeString(dir.resolve("afile"), "x").resolve("x.json").toString(), "-q");
            aDirectory = Main.commandLine().execute("bench", "cuba", "--json", dir.toString(), "-q");
            htmlDirectory = Main.commandLine().execute("bench", "cuba", "--html", dir.toString(), "-q");
            fewNeurons = Main.commandLine().execute("bench", "cuba", "--neurons", "0", "-q");
            manySynapses = Main.commandLine().execute("bench", "cuba", "--neurons", "10", "-q");
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, zeroRepeats, text);
        assertEquals(2, noDirectory, text);
        assertEquals(2, aDirectory, text);
        assertEquals(2, htmlDirectory, text);
        assertEquals(2, fewNeurons, text);
        assertEquals(2, manySynapses, text);
        assertTrue(text.contains("--steps and --repeat must be at least 1, got 10000 and 0"), text);
        assertTrue(text.contains("x.json: " + dir.resolve("afile") + " is a file, not a directory"), text);
        assertTrue(text.contains("--json " + dir + ": is a directory; give the name of the file to write"), text);
        assertTrue(text.contains("--html " + dir + ": is a directory; give the name of the file to write"), text);
        assertTrue(text.contains("--neurons must be at least 6 (each neuron has at least 5 synapses from other"
                + " neurons), got 0"), text);
        // 10 neurons take at most 9 synapses each; the default is CUBA's 80
        assertTrue(text.contains("--synapses-per-neuron must be from 5 to neurons - 1 (9), got 80"), text);
        assertTrue(!text.contains("Exception"), text);
    }
}
