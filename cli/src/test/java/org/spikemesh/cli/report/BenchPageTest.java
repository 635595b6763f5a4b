package org.spikemesh.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.cli.Main;

/**
 * The page of a bench's figures ({@link BenchPage}), from documents written by hand in the layout of
 * {@code bench cuba --json}: what each section shows and where the charts put it.
 */
class BenchPageTest {
    /** Two entries (1 and 2 threads) of three repetitions, with the host's measurements, phases and heap. */
    private static final String FULL = """
            {"benchmark": "cuba", "neurons": 64000, "synapses_per_neuron": 80, "synapses": 5120000, "steps": 10000,
             "seed": 1, "chip": "loihi-like", "chips": 10, "cores": 1280, "build_and_compile_s": 2.5, "repeat": 3,
             "speed_ups": [{"threads": 2, "over_threads": 1, "ratio_of_median_loops": 1.8,
                            "ratio_per_repetition": [1.9, 1.8, 1.2]}],
             "thread_round_trip_ns": {"before_each_repetition": [500, 450, 130], "median": 450},
             "processor_balance": {"before_each_repetition": [1.01, 1.02, 1.4], "median": 1.02},
             "cache_balance": {"before_each_repetition": [1.6, null, 1.1], "median": 1.6},
             "runs": [
               {"threads": 1, "loop_s": [0.5, 0.54, 0.6], "loop_median_s": 0.54, "loop_best_s": 0.5, "spikes": 391713,
                "synaptic_events": 31346533, "synaptic_events_per_s": 58049135.2, "neuron_steps_per_s": 1.185e9,
                "simulated_ms": 54.497, "energy_uj": 54359.58, "engine_table_bytes_per_synapse": 3.1},
               {"threads": 2, "loop_s": [0.263, 0.3, 0.5], "loop_median_s": 0.3, "loop_best_s": 0.263, "spikes": 391713,
                "synaptic_events": 31346533, "synaptic_events_per_s": 104488443.3, "neuron_steps_per_s": 2.133e9,
                "simulated_ms": 54.497, "energy_uj": 54359.58, "engine_table_bytes_per_synapse": 3.7,
                "long_waits": [{"count": 3, "seconds": 0.002}, {"count": 0, "seconds": 0}, {"count": 40, "seconds": 0.1}],
                "slowest_shard_over_fastest": [1.02, 1.05, 1.4]}],
             "phases": [
               {"threads": 1, "loop_s": 0.41, "shards": [{"shard": 0, "steps": 10000,
                 "seconds": {"kernel": 0.2, "send": 0.1, "receive": 0.1}}]},
               {"threads": 2, "loop_s": 0.21, "shards": [
                 {"shard": 0, "steps": 10000, "seconds": {"kernel": 0.1, "send": 0.05, "receive": 0.05}},
                 {"shard": 1, "steps": 10000, "seconds": {"kernel": 0.1, "send": 0.04, "receive": 0.02}}]}],
             "heap": {"threads": 2, "peak_bytes_per_synapse": 8.0, "running_bytes_per_synapse": 8.6}}
            """;

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void shouldTabulateEveryEntryWithItsRates() throws IOException {
        String html = BenchPage.render(json(FULL));
        assertTrue(html.contains("<h1>spikemesh bench: CUBA, 64000 neurons on loihi-like x 10</h1>"), html);
        assertTrue(html.contains("<td>loihi-like x 10, 1280 cores</td>"), html);
        // the medians as given, in s to the ms; the rates in millions to one decimal: 58 049 135.2 -> 58.0 M,
        // 1.185e9 -> 1185.0 M
        assertTrue(html.contains("<tr><td>1 thread</td><td class=\"n\">0.540 s</td><td class=\"n\">0.500 s</td>"
                + "<td class=\"n\">58.0 M</td><td class=\"n\">1185.0 M</td>"), html);
        assertTrue(html.contains("<tr><td>2 threads</td><td class=\"n\">0.300 s</td><td class=\"n\">0.263 s</td>"
                + "<td class=\"n\">104.5 M</td><td class=\"n\">2133.0 M</td>"), html);
    }

    @Test
    void shouldDrawEveryRepetitionsLoopAndSpeedUpAgainstTheIdeal() throws IOException {
        String html = BenchPage.render(json(FULL));
        // a dot per repetition of each entry, named in its tooltip
        assertTrue(html.contains("<title>2 threads, repetition 3: 0.5 s</title>"), html);
        assertTrue(html.contains("<title>1 thread, repetition 2: 0.54 s</title>"), html);
        // the speed-up table and the chart of every repetition's ratio, with the ideal of 2 threads over 1 (2x) drawn
        assertTrue(html.contains("<h2>Speed-up over 1 thread</h2>"), html);
        assertTrue(html.contains("<td class=\"n\">1.80x</td><td class=\"n\">2.00x</td>"), html);
        assertTrue(html.contains("<title>2 threads, repetition 3: 1.2 x</title>"), html);
        assertTrue(html.contains("<title>ideal 2</title>"), html);
        // the loop chart's y axis runs from 0 to the slowest loop, 0.6 s; a dot's height is its share of it. The
        // chart is 220 px high plus 16 px of legend per entry (252); the plot runs from y = 20 down to 252 - 34 at the
        // bottom - 32 of legend = 186, 166 px: 0.6 s at 20, 0.3 s at 186 - 83 = 103; repetitions 1 .. 3 at x = 60 ..
        // 630, so repetition 2 at 345
        assertTrue(html.contains("<circle cx=\"345.0\" cy=\"103.0\" r=\"3.5\" fill=\"#d62728\"><title>2 threads,"
                + " repetition 2: 0.3 s"), html);
        assertTrue(html.contains("<circle cx=\"630.0\" cy=\"20.0\" r=\"3.5\" fill=\"#1f77b4\"><title>1 thread,"
                + " repetition 3: 0.6 s"), html);
    }

    @Test
    void shouldShowTheHostAndTheShardsWaits() throws IOException {
        String html = BenchPage.render(json(FULL));
        assertTrue(html.contains("<title>integer work, repetition 3: 1.4 x</title>"), html);
        // the balance of reads from the caches beside it; a measurement that gave up (null) has no dot
        assertTrue(html.contains("<title>reads from the caches, repetition 1: 1.6 x</title>"), html);
        assertTrue(html.contains("<title>reads from the caches, repetition 3: 1.1 x</title>"), html);
        assertFalse(html.contains("reads from the caches, repetition 2"), html);
        assertTrue(html.contains("<title>even 1</title>"), html);
        assertTrue(html.contains("<title>round trip, repetition 3: 130 ns</title>"), html);
        assertTrue(html.contains("<td>1.02x 1.05x 1.40x </td><td>3 (0.002 s) 0 (0.000 s) 40 (0.100 s) </td>"), html);
    }

    @Test
    void shouldStackThePhasesOfEveryShardToScale() throws IOException {
        String html = BenchPage.render(json(FULL));
        // the longest row (1 thread: 0.2 + 0.1 + 0.1 = 0.4 s) is 400 px: 0.2 s is 200 px, 0.1 s is 100 px, 0.04 s
        // is 40 px; each row starts at x = 150 and its segments follow one another
        assertTrue(html.contains("<rect x=\"150.0\" y=\"24\" width=\"200.0\" height=\"16\" fill=\"#1f77b4\"><title>1"
                + " thread, shard 0, kernel: 0.2 s</title></rect>"), html);
        assertTrue(html.contains("<rect x=\"350.0\" y=\"24\" width=\"100.0\" height=\"16\" fill=\"#d62728\"><title>1"
                + " thread, shard 0, send: 0.1 s</title></rect>"), html);
        assertTrue(html.contains("<rect x=\"250.0\" y=\"68\" width=\"40.0\" height=\"16\" fill=\"#d62728\"><title>2"
                + " threads, shard 1, send: 0.04 s</title></rect>"), html);
        // each row's total after it: 0.1 + 0.04 + 0.02
        assertTrue(html.contains(">0.16 s</text>"), html);
        assertTrue(html.contains("<h2>Heap per synapse (live objects, 2 threads)</h2>"), html);
        assertTrue(html.contains(">8.6 B</text>"), html);
    }

    @Test
    void shouldLeaveOutWhatTheBenchDidNotMeasure() throws IOException {
        String one = """
                {"benchmark": "cuba", "neurons": 4000, "chip": "loihi-like", "chips": 1, "repeat": 1,
                 "runs": [{"threads": 1, "loop_s": [0.05], "loop_median_s": 0.05,
                           "setting": {"name": "spikemesh.engine.span-counting", "value": "<each>"}}]}
                """;
        String html = BenchPage.render(json(one));
        assertFalse(html.contains("Speed-up"), html);
        assertFalse(html.contains("Phases"), html);
        assertFalse(html.contains("The host"), html);
        assertFalse(html.contains("Heap"), html);
        // the setting's short name and value, escaped
        assertTrue(html.contains("<td>1 thread [span-counting=&lt;each&gt;]</td>"), html);
    }

    @Test
    void shouldRefuseADocumentThatIsNotABenchs() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchPage.render(json("{\"summary\": 1}")));
        assertEquals("not the figures of 'spikemesh bench cuba --json' (a JSON object with \"benchmark\": \"cuba\" and"
                + " its \"runs\")", e.getMessage());
    }

    @Test
    void shouldDrawABenchsJsonFileWithReportAndNameAFileItCannotRead(@TempDir Path dir) throws IOException {
        Path bench = dir.resolve("bench.json");
        Files.writeString(bench, FULL);
        Path page = dir.resolve("bench.html");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"benchmark\": ");
        Path notDrawn = dir.resolve("bad.html");
        PrintStream saved = System.err;
        PrintStream savedOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int good;
        int broken;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            good = Main.commandLine().execute("report", bench.toString(), "-o", page.toString());
            broken = Main.commandLine().execute("report", bad.toString(), "-o", notDrawn.toString());
        } finally {
            System.setErr(saved);
            System.setOut(savedOut);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, good, text);
        assertEquals(BenchPage.render(json(FULL)), Files.readString(page));
        assertEquals(2, broken, text);
        assertTrue(text.contains(bad + ": not JSON (line 1: "), text);
        assertTrue(text.contains("give a run's --out directory or the --json file of bench cuba"), text);
        assertFalse(text.contains("Exception"), text);
        assertFalse(Files.exists(notDrawn), "no page is written for a file that cannot be read");
    }

    /** A larger size with only the 2-thread entry's speed-up and no heap, to put beside {@link #FULL}. */
    private static final String LARGER = """
            {"benchmark": "cuba", "neurons": 256000, "synapses_per_neuron": 100, "synapses": 25600000, "steps": 2000,
             "chip": "loihi-like", "chips": 52, "cores": 6565, "repeat": 3,
             "speed_ups": [{"threads": 2, "over_threads": 1, "ratio_of_median_loops": 1.5,
                            "ratio_per_repetition": [1.5, 1.6, 1.4]}],
             "runs": [
               {"threads": 1, "loop_s": [0.6], "loop_median_s": 0.6, "synaptic_events_per_s": 4.8e7,
                "engine_table_bytes_per_synapse": 3.1},
               {"threads": 2, "loop_s": [0.4], "loop_median_s": 0.4, "synaptic_events_per_s": 7.2e7,
                "engine_table_bytes_per_synapse": 3.4}]}
            """;

    @Test
    void shouldPutSeveralSizesSideBySideInOrderOfSize() throws IOException {
        String html = BenchPage.renderScale(java.util.List.of(json(LARGER), json(FULL)),
                java.util.List.of("big.json", "small.json"));
        // the smaller network first, whatever the order given
        int small = html.indexOf("<td class=\"n\">64,000</td>");
        int big = html.indexOf("<td class=\"n\">256,000</td>");
        assertTrue(small > 0 && big > small, html);
        // the engine tables of the first entry: 3.1 B x 5 120 000 synapses = 15.9 MB; 3.1 x 25 600 000 = 79.4 MB
        assertTrue(html.contains("15.9 MB (3.1 B/synapse, 1 thread)"), html);
        assertTrue(html.contains("79.4 MB (3.1 B/synapse, 1 thread)"), html);
        assertTrue(html.contains("<td class=\"n\">0.600 s, 48.0 M</td><td class=\"n\">0.400 s, 72.0 M</td>"
                + "<td>big.json</td>"), html);
        // two sizes, each in the middle of a band of its own along the 570 px of the x axis (60 .. 630): the first at
        // 60 + 570 / 4 = 202.5, the second at 60 + 3 x 570 / 4 = 487.5
        assertTrue(html.contains("<circle cx=\"202.5\" cy=\""), html);
        assertTrue(html.contains("<title>1 thread, neurons 64,000: 58.05 M/s</title>"), html);
        assertTrue(html.contains("<title>2 threads, neurons 256,000: 72 M/s</title>"), html);
        assertTrue(html.contains("<title>2 threads over 1 thread, neurons 256,000: 1.5 x</title>"), html);
        assertTrue(html.contains("<title>ideal 2</title>"), html);
        // the larger size measured no heap: its dot is left out, the smaller's drawn
        assertTrue(html.contains("<title>while running, neurons 64,000: 8.6 B</title>"), html);
        assertFalse(html.contains("while running, neurons 256,000"), html);
    }

    @Test
    void shouldNameTheFileThatIsNotABenchAmongSeveral(@TempDir Path dir) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchPage.renderScale(
                java.util.List.of(json(FULL), json("{\"steps\": 3}")), java.util.List.of("a.json", "b.json")));
        assertTrue(e.getMessage().startsWith("b.json: not the figures of 'spikemesh bench cuba --json'"), e.getMessage());
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, FULL);
        Files.writeString(b, LARGER);
        Path page = dir.resolve("scale.html");
        PrintStream saved = System.err;
        PrintStream savedOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int good;
        int withDirectory;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            good = Main.commandLine().execute("report", a.toString(), b.toString(), "-o", page.toString());
            withDirectory = Main.commandLine().execute("report", a.toString(), dir.toString(), "-o",
                    dir.resolve("no.html").toString());
        } finally {
            System.setErr(saved);
            System.setOut(savedOut);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, good, text);
        assertEquals(BenchPage.renderScale(java.util.List.of(json(FULL), json(LARGER)),
                java.util.List.of(a.toString(), b.toString())), Files.readString(page));
        assertEquals(2, withDirectory, text);
        assertTrue(text.contains(dir + ": not a file; several inputs are the --json files of bench cuba"), text);
        assertFalse(Files.exists(dir.resolve("no.html")));
    }

    @Test
    void shouldSetTheEntriesAgainstThePeerMeasuredInTheSameRun() throws IOException {
        String withPeer = FULL.replace("\"heap\":", "\"peer\": {\"name\": \"Brian2 2.5.1 C++ standalone\", \"runs\": ["
                + "{\"threads\": 1, \"loop_s\": [1.7, 1.8, 1.75], \"loop_median_s\": 1.75, \"synaptic_events_per_s\": 1.8e7,"
                + " \"spikes\": 380000, \"synapses\": 5119000, \"compile_s\": 40.0},"
                + "{\"threads\": 2, \"loop_s\": [1.9], \"loop_median_s\": 1.9, \"synaptic_events_per_s\": 1.6e7,"
                + " \"spikes\": 380000, \"synapses\": 5119000, \"compile_s\": 45.0}],"
                + " \"ratios\": [{\"threads\": 1, \"over_same_threads\": 3.226, \"over_peer_threads\": 1,"
                + " \"over_one_thread\": 3.226}, {\"threads\": 2, \"over_same_threads\": 6.531, \"over_peer_threads\": 2,"
                + " \"over_one_thread\": 5.806}]}, \"heap\":");
        String html = BenchPage.render(json(withPeer));
        assertTrue(html.contains("<h2>Against Brian2 2.5.1 C++ standalone</h2>"), html);
        assertTrue(html.contains("<tr><td>Brian2 2.5.1, 1 thread</td><td class=\"n\">1.750 s</td><td class=\"n\">18.0"
                + " M</td><td class=\"n\">380000</td><td class=\"n\">5119000</td><td class=\"n\">40.000 s</td></tr>"),
                html);
        assertTrue(html.contains("<tr><td>Brian2 2.5.1, 2 threads</td><td class=\"n\">1.900 s</td>"), html);
        assertTrue(html.contains("<tr><td>1 thread</td><td class=\"n\">3.23x</td><td class=\"n\">3.23x</td></tr>"),
                html);
        assertTrue(html.contains("<tr><td>2 threads</td><td class=\"n\">5.81x</td><td class=\"n\">6.53x</td></tr>"),
                html);
        // bars of every entry's events/s and the peer's, in M/s: 58.05, 104.5, 18 and 16
        assertTrue(html.contains(">Brian2 2.5.1, 2 threads</text>"), html);
        assertTrue(html.contains("<title>18 M/s</title>"), html);
        assertTrue(html.contains("<title>16 M/s</title>"), html);
        assertFalse(BenchPage.render(json(FULL)).contains("Against"), "no peer, no section");
    }
}
