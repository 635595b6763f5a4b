package org.spikemesh.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spikemesh.simulator.chip.ShardDiagnostics;

/**
 * The figures of a {@code spikemesh bench cuba} run (its {@code --json} document) as one self-contained HTML page
 * (inline CSS and SVG, no script): the network and chip; a table of each entry of {@code --threads} with its rates; the
 * loop time of every repetition, so that a host's slow spells show as what they are; the speed-up of every repetition
 * over the first entry against the ideal; the host's measurements before each repetition (thread round trip,
 * processor balance on integer work and on the caches); the phases of every shard's steps as stacked bars; and the heap
 * per synapse.
 */
public final class BenchPage {
    private final JsonNode bench;
    private final StringBuilder html = new StringBuilder();

    private BenchPage(JsonNode bench) {
        this.bench = bench;
    }

    /**
     * @param bench the bench's JSON document
     * @return the HTML page
     * @throws IllegalArgumentException when the document is not the figures of {@code bench cuba}
     */
    public static String render(JsonNode bench) {
        requireBench(bench, "");
        return new BenchPage(bench).page();
    }

    /**
     * @param where the document's name and ": ", for the message, or ""
     * @throws IllegalArgumentException when the document is not the figures of {@code bench cuba}
     */
    private static void requireBench(JsonNode doc, String where) {
        if (!"cuba".equals(doc.path("benchmark").asText()) || !doc.path("runs").isArray()) {
            throw new IllegalArgumentException(where + "not the figures of 'spikemesh bench cuba --json' (a JSON"
                    + " object with \"benchmark\": \"cuba\" and its \"runs\")");
        }
    }

    /**
     * Several benches of one kind at different sizes (the scale runs: CUBA at 64 000, 256 000 and 1 000 000 neurons,
     * say) on one page: per size its synapses, chips and engine tables, and per entry of {@code --threads} its
     * synaptic events/s, which fall as the synapse tables outgrow the processor's caches; the speed-ups and the heap
     * per synapse at every size.
     *
     * @param benches the benches' JSON documents, in any order (drawn by number of neurons)
     * @param names where each came from (its file), for the page
     * @return the HTML page
     * @throws IllegalArgumentException when a document is not the figures of {@code bench cuba}
     */
    public static String renderScale(List<JsonNode> benches, List<String> names) {
        for (int i = 0; i < benches.size(); i++) {
            requireBench(benches.get(i), names.get(i) + ": ");
        }
        return new ScalePage(benches, names).page();
    }

    /** The page of several benches by size; see {@link #renderScale}. */
    private static final class ScalePage {
        private final List<JsonNode> benches = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        /** every entry label seen, in the order first seen (1 thread, 2 threads, ...). */
        private final List<String> entries = new ArrayList<>();
        private final StringBuilder html = new StringBuilder();

        ScalePage(List<JsonNode> benches, List<String> names) {
            Integer[] order = new Integer[benches.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> benches.get(i).path("neurons").asLong()));
            for (int i : order) {
                this.benches.add(benches.get(i));
                this.names.add(names.get(i));
                for (JsonNode r : benches.get(i).path("runs")) {
                    String label = label(r);
                    if (!entries.contains(label)) {
                        entries.add(label);
                    }
                }
            }
        }

        private String page() {
            html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>spikemesh bench: CUBA by size</title>")
                    .append(STYLE).append("</head><body><h1>spikemesh bench: CUBA by size</h1>");
            table();
            List<String> ticks = new ArrayList<>();
            for (JsonNode b : benches) {
                ticks.add(String.format(Locale.ROOT, "%,d", b.path("neurons").asLong()));
            }
            html.append("<h2>Synaptic events per second</h2><p>Every spike's synapses are read from the engine's")
                    .append(" tables; once the tables outgrow the processor's caches, they come from main memory and")
                    .append(" the rate falls (the tables' size at each size is in the table above).</p>");
            html.append(Svg.dotted("synaptic events/s (median loop)", "neurons", ticks, byEntry("synaptic_events_per_s",
                    1e-6), entries, "M/s", Double.NaN, ""));
            speedUps(ticks);
            heap(ticks);
            html.append("</body></html>\n");
            return html.toString();
        }

        /** @return per entry, its field at every size scaled (NaN where a size has no such entry) */
        private List<double[]> byEntry(String field, double scale) {
            List<double[]> series = new ArrayList<>();
            for (String e : entries) {
                double[] v = new double[benches.size()];
                java.util.Arrays.fill(v, Double.NaN);
                for (int i = 0; i < v.length; i++) {
                    for (JsonNode r : benches.get(i).path("runs")) {
                        if (label(r).equals(e) && r.has(field)) {
                            v[i] = r.get(field).asDouble() * scale;
                        }
                    }
                }
                series.add(v);
            }
            return series;
        }

        private void table() {
            html.append("<table><tr><th>neurons</th><th>synapses</th><th>chips, cores</th><th>steps</th>")
                    .append("<th>engine tables</th>");
            for (String e : entries) {
                html.append("<th>").append(Svg.esc(e)).append(": loop, events/s</th>");
            }
            html.append("<th>file</th></tr>");
            for (int i = 0; i < benches.size(); i++) {
                JsonNode b = benches.get(i);
                JsonNode first = b.path("runs").get(0);
                double tableMb = first.path("engine_table_bytes_per_synapse").asDouble() * b.path("synapses").asDouble()
                        / 1e6;
                html.append("<tr>").append(cell(String.format(Locale.ROOT, "%,d", b.path("neurons").asLong())))
                        .append(cell(String.format(Locale.ROOT, "%,d (%d per neuron)", b.path("synapses").asLong(),
                                b.path("synapses_per_neuron").asInt())))
                        .append(cell(b.path("chip").asText() + " x " + b.path("chips").asText() + ", "
                                + b.path("cores").asText()))
                        .append(cell(b.path("steps").asText()))
                        .append(cell(String.format(Locale.ROOT, "%.1f MB (%.1f B/synapse, %s)", tableMb,
                                first.path("engine_table_bytes_per_synapse").asDouble(), label(first))));
                for (String e : entries) {
                    JsonNode run = null;
                    for (JsonNode r : b.path("runs")) {
                        run = label(r).equals(e) ? r : run;
                    }
                    html.append(run == null ? "<td></td>" : cell(String.format(Locale.ROOT, "%.3f s, %.1f M",
                            run.path("loop_median_s").asDouble(), run.path("synaptic_events_per_s").asDouble() / 1e6)));
                }
                html.append("<td>").append(Svg.esc(names.get(i))).append("</td></tr>");
            }
            html.append("</table>");
        }

        private void speedUps(List<String> ticks) {
            List<String> labels = new ArrayList<>();
            List<double[]> series = new ArrayList<>();
            List<JsonNode> all = new ArrayList<>();
            for (int i = 0; i < benches.size(); i++) {
                JsonNode b = benches.get(i);
                for (JsonNode u : b.path("speed_ups")) {
                    all.add(u);
                    String name = speedUpName(b, u) + " over " + label(b.path("runs").get(0));
                    int at = labels.indexOf(name);
                    if (at < 0) {
                        labels.add(name);
                        double[] v = new double[benches.size()];
                        java.util.Arrays.fill(v, Double.NaN);
                        series.add(v);
                        at = labels.size() - 1;
                    }
                    series.get(at)[i] = u.path("ratio_of_median_loops").asDouble();
                }
            }
            if (!labels.isEmpty()) {
                html.append("<h2>Speed-up (ratio of median loops)</h2>");
                html.append(Svg.dotted("speed-up", "neurons", ticks, series, labels, "x", commonIdeal(all), "ideal"));
            }
        }

        private void heap(List<String> ticks) {
            List<double[]> series = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            String[][] fields = {{"peak_bytes_per_synapse", "at the peak"}, {"running_bytes_per_synapse", "while running"},
                {"engine_table_bytes_per_synapse", "engine tables"}};
            for (String[] f : fields) {
                double[] v = new double[benches.size()];
                boolean any = false;
                for (int i = 0; i < v.length; i++) {
                    JsonNode h = benches.get(i).path("heap");
                    v[i] = h.has(f[0]) ? h.get(f[0]).asDouble() : Double.NaN;
                    any |= h.has(f[0]);
                }
                if (any) {
                    series.add(v);
                    labels.add(f[1]);
                }
            }
            if (!series.isEmpty()) {
                html.append("<h2>Heap per synapse (live objects)</h2>");
                html.append(Svg.dotted("bytes per synapse", "neurons", ticks, series, labels, "B", Double.NaN, ""));
            }
        }
    }

    private static final String STYLE = "<style>body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:20px}"
            + "h2{font-size:16px;margin-top:28px}.t{font-size:12px;font-weight:bold}.a{font-size:10px;fill:#444}"
            + "p{max-width:760px}table{border-collapse:collapse;font-size:12px;margin:8px 0}"
            + "td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}</style>";

    private String page() {
        String title = String.format(Locale.ROOT, "CUBA, %d neurons on %s x %d", bench.path("neurons").asLong(),
                bench.path("chip").asText(), bench.path("chips").asInt());
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>spikemesh bench: ").append(Svg.esc(title))
                .append("</title>").append(STYLE).append("</head><body>");
        html.append("<h1>spikemesh bench: ").append(Svg.esc(title)).append("</h1>");
        network();
        entries();
        peer();
        loops();
        speedUps();
        host();
        phases();
        heap();
        html.append("</body></html>\n");
        return html.toString();
    }

    private void network() {
        html.append("<table>");
        row("neurons", bench.path("neurons").asText());
        row("synapses", bench.path("synapses").asText() + " (" + bench.path("synapses_per_neuron").asText()
                + " per neuron, 80 % excitatory)");
        row("steps", bench.path("steps").asText());
        row("chip", bench.path("chip").asText() + " x " + bench.path("chips").asText() + ", "
                + bench.path("cores").asText() + " cores");
        row("seed", bench.path("seed").asText());
        row("build and compile", seconds(bench.path("build_and_compile_s").asDouble()));
        row("timed repetitions", bench.path("repeat").asText() + " per entry, the entries taking turns");
        html.append("</table>");
    }

    private void row(String name, String value) {
        html.append("<tr><th>").append(Svg.esc(name)).append("</th><td>").append(Svg.esc(value)).append("</td></tr>");
    }

    /** @return the name of entry k: its threads and, when the bench compared settings, its setting's value */
    private static String label(JsonNode run) {
        String name = threadCount(run.path("threads").asInt());
        JsonNode setting = run.get("setting");
        if (setting != null) {
            String prop = setting.path("name").asText();
            name += " [" + prop.substring(prop.lastIndexOf('.') + 1) + "=" + setting.path("value").asText() + "]";
        }
        return name;
    }

    private void entries() {
        html.append("<h2>Entries (median of the repetitions)</h2><table><tr><th>entry</th><th>loop, median</th>")
                .append("<th>loop, best</th><th>synaptic events/s</th><th>neuron-steps/s</th><th>spikes</th>")
                .append("<th>simulated on chip</th><th>energy</th><th>engine tables</th></tr>");
        for (JsonNode r : bench.path("runs")) {
            html.append("<tr><td>").append(Svg.esc(label(r))).append("</td>")
                    .append(cell(seconds(r.path("loop_median_s").asDouble())))
                    .append(cell(seconds(r.path("loop_best_s").asDouble())))
                    .append(cell(String.format(Locale.ROOT, "%.1f M", r.path("synaptic_events_per_s").asDouble() / 1e6)))
                    .append(cell(String.format(Locale.ROOT, "%.1f M", r.path("neuron_steps_per_s").asDouble() / 1e6)))
                    .append(cell(r.path("spikes").asText()))
                    .append(cell(String.format(Locale.ROOT, "%.3f ms", r.path("simulated_ms").asDouble())))
                    .append(cell(String.format(Locale.ROOT, "%.3f uJ", r.path("energy_uj").asDouble())))
                    .append(cell(String.format(Locale.ROOT, "%.1f B/synapse",
                            r.path("engine_table_bytes_per_synapse").asDouble())))
                    .append("</tr>");
        }
        html.append("</table>");
    }

    /**
     * The peer measured in the same run (bench cuba --peer), when there is one: its runs at each thread count and every
     * entry's events/s over the peer's on one thread and on as many threads.
     */
    private void peer() {
        JsonNode p = bench.get("peer");
        if (p == null) {
            return;
        }
        String name = p.path("name").asText();
        // the bars' names: the peer's first two words ("Brian2 2.5.1"), which fit beside a bar
        String[] words = name.split(" ");
        String shortName = words.length > 1 ? words[0] + " " + words[1] : words[0];
        html.append("<h2>Against ").append(Svg.esc(name)).append("</h2><p>The same network (Brian2's CUBA with as")
                .append(" many neurons and inputs per neuron, its own random draws), run after the timed runs on each")
                .append(" thread count of the entries (OpenMP beyond one thread).</p><table><tr><th>peer</th>")
                .append("<th>loop, median</th><th>synaptic events/s</th><th>spikes</th><th>synapses</th>")
                .append("<th>compiled in</th></tr>");
        List<String> names = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        JsonNode runs = bench.path("runs");
        for (JsonNode r : runs) {
            names.add(label(r));
            rates.add(r.path("synaptic_events_per_s").asDouble() / 1e6);
        }
        for (JsonNode r : p.path("runs")) {
            int t = r.path("threads").asInt();
            String peerName = shortName + ", " + threadCount(t);
            html.append("<tr><td>").append(Svg.esc(peerName)).append("</td>")
                    .append(cell(seconds(r.path("loop_median_s").asDouble())))
                    .append(cell(String.format(Locale.ROOT, "%.1f M", r.path("synaptic_events_per_s").asDouble() / 1e6)))
                    .append(cell(r.path("spikes").asText())).append(cell(r.path("synapses").asText()))
                    .append(cell(seconds(r.path("compile_s").asDouble()))).append("</tr>");
            names.add(peerName);
            rates.add(r.path("synaptic_events_per_s").asDouble() / 1e6);
        }
        html.append("</table><table><tr><th>entry</th><th>events/s over the peer's on 1 thread</th>")
                .append("<th>over the peer's on as many threads</th></tr>");
        JsonNode ratios = p.path("ratios");
        for (int k = 0; k < runs.size(); k++) {
            JsonNode r = ratios.path(k);
            html.append("<tr><td>").append(Svg.esc(label(runs.get(k)))).append("</td>")
                    .append(r.has("over_one_thread") ? cell(String.format(Locale.ROOT, "%.2fx",
                            r.get("over_one_thread").asDouble())) : "<td></td>")
                    .append(cell(String.format(Locale.ROOT, "%.2fx", r.path("over_same_threads").asDouble())))
                    .append("</tr>");
        }
        html.append("</table>");
        html.append(Svg.bars("synaptic events/s (median loops)", names, rates, "M/s"));
    }

    private static String cell(String v) {
        return "<td class=\"n\">" + Svg.esc(v) + "</td>";
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    private void loops() {
        List<double[]> series = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode r : bench.path("runs")) {
            series.add(doubles(r.path("loop_s")));
            names.add(label(r));
        }
        html.append("<h2>Loop time of each repetition</h2><p>The entries take turns: repetition 1 of every entry, then")
                .append(" repetition 2, and so on. A repetition that is slow for every entry is the host, not the")
                .append(" engine.</p>");
        html.append(Svg.dotted("loop time", "repetition", series, names, "s", Double.NaN, ""));
    }

    private void speedUps() {
        JsonNode ups = bench.path("speed_ups");
        if (!ups.isArray() || ups.isEmpty()) {
            return;
        }
        JsonNode first = bench.path("runs").get(0);
        html.append("<h2>Speed-up over ").append(Svg.esc(label(first))).append("</h2><table><tr><th>entry</th>")
                .append("<th>ratio of median loops</th><th>ideal</th></tr>");
        List<double[]> series = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode u : ups) {
            String name = speedUpName(bench, u);
            html.append("<tr><td>").append(Svg.esc(name)).append("</td>")
                    .append(cell(String.format(Locale.ROOT, "%.2fx", u.path("ratio_of_median_loops").asDouble())))
                    .append(cell(String.format(Locale.ROOT, "%.2fx", ideal(u)))).append("</tr>");
            series.add(doubles(u.path("ratio_per_repetition")));
            names.add(name);
            all.add(u);
        }
        html.append("</table>");
        html.append(Svg.dotted("speed-up of each repetition (its loop over the same repetition of "
                + label(first) + ")", "repetition", series, names, "x", commonIdeal(all), "ideal"));
    }

    /** @return the ideal of a speed-up entry: its threads over the threads it is compared with */
    private static double ideal(JsonNode up) {
        return (double) up.path("threads").asInt() / up.path("over_threads").asInt(1);
    }

    /** @return the ideal the speed-up entries share, or NaN when they differ (no line is drawn then) */
    private static double commonIdeal(List<JsonNode> ups) {
        double first = ups.isEmpty() ? Double.NaN : ideal(ups.get(0));
        return ups.stream().allMatch(u -> ideal(u) == first) ? first : Double.NaN;
    }

    /** @return the name of the entry a speed-up entry of a bench compares: its label, or its threads alone */
    private static String speedUpName(JsonNode bench, JsonNode up) {
        JsonNode run = entryOf(bench, up);
        return run == null ? threadCount(up.path("threads").asInt()) : label(run);
    }

    /** @return "1 thread", "2 threads", ... */
    private static String threadCount(int t) {
        return t + (t == 1 ? " thread" : " threads");
    }

    /** @return the run of a bench a speed-up entry compares, found by its threads and setting; null when none matches */
    private static JsonNode entryOf(JsonNode bench, JsonNode up) {
        for (JsonNode r : bench.path("runs")) {
            boolean sameSetting = !up.has("setting")
                    || up.path("setting").asText().equals(r.path("setting").path("value").asText());
            if (r.path("threads").asInt() == up.path("threads").asInt() && sameSetting && r != bench.path("runs").get(0)) {
                return r;
            }
        }
        return null;
    }

    private void host() {
        JsonNode balance = bench.path("processor_balance").path("before_each_repetition");
        JsonNode caches = bench.path("cache_balance").path("before_each_repetition");
        JsonNode trip = bench.path("thread_round_trip_ns").path("before_each_repetition");
        if (!balance.isArray() && !trip.isArray()) {
            return;
        }
        html.append("<h2>The host before each repetition</h2><p>Processor balance: two threads do the same work at")
                .append(" once, and the slower one's time is divided by the faster one's (1 when the two processors run")
                .append(" alike): integer work, and reads at random from 4 MB each, which wait on the caches as the")
                .append(" engine's do. Round trip: a hand-over from one thread to another and back, several times")
                .append(" longer when the two processors share no cache (docs/performance.md, tenth, twentieth and")
                .append(" twenty-second rounds).</p>");
        if (balance.isArray()) {
            List<double[]> series = new ArrayList<>(List.of(doubles(balance)));
            List<String> names = new ArrayList<>(List.of("integer work"));
            if (caches.isArray()) {
                series.add(doubles(caches));
                names.add("reads from the caches");
            }
            html.append(Svg.dotted("processor balance", "repetition", series, names, "x", 1, "even"));
        }
        if (trip.isArray()) {
            html.append(Svg.dotted("thread round trip", "repetition", List.of(doubles(trip)), List.of("round trip"),
                    "ns", Double.NaN, ""));
        }
        waitsTable();
    }

    private void waitsTable() {
        StringBuilder t = new StringBuilder();
        for (JsonNode r : bench.path("runs")) {
            JsonNode slow = r.path("slowest_shard_over_fastest");
            JsonNode waits = r.path("long_waits");
            if (!slow.isArray() && !waits.isArray()) {
                continue;
            }
            t.append("<tr><td>").append(Svg.esc(label(r))).append("</td><td>");
            for (JsonNode v : slow) {
                t.append(String.format(Locale.ROOT, "%.2fx ", v.asDouble()));
            }
            t.append("</td><td>");
            for (JsonNode w : waits) {
                t.append(String.format(Locale.ROOT, "%d (%.3f s) ", w.path("count").asLong(), w.path("seconds").asDouble()));
            }
            t.append("</td></tr>");
        }
        if (t.length() > 0) {
            html.append("<table><tr><th>entry</th><th>the shard that worked longest over the one that worked least,")
                    .append(" per repetition</th><th>waits over ").append(ShardDiagnostics.LONG_WAIT_NANOS / 1000)
                    .append(" us for another shard's batch (their time), per repetition</th></tr>").append(t).append("</table>");
        }
    }

    private void phases() {
        JsonNode runs = bench.path("phases");
        if (!runs.isArray() || runs.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (JsonNode r : runs) {
            for (JsonNode sh : r.path("shards")) {
                JsonNode secs = sh.path("seconds");
                if (parts.isEmpty()) {
                    secs.fieldNames().forEachRemaining(parts::add);
                }
                double[] v = new double[parts.size()];
                for (int p = 0; p < v.length; p++) {
                    v[p] = secs.path(parts.get(p)).asDouble();
                }
                rows.add(label(r) + ", shard " + sh.path("shard").asText());
                values.add(v);
            }
        }
        html.append("<h2>Phases of the steps</h2><p>One more run per entry, with the wall time of every phase of every")
                .append(" shard's steps measured inside the shard. <i>receive</i> holds the waits for the other shards'")
                .append(" batches.</p>");
        html.append(Svg.stacked("time per phase, per shard", rows, parts, values, "s"));
    }

    private void heap() {
        JsonNode heap = bench.path("heap");
        if (heap.isMissingNode()) {
            return;
        }
        String[][] parts = {
            {"peak_bytes_per_synapse", "at the peak, while built"},
            {"running_bytes_per_synapse", "while running"},
            {"network_description_bytes_per_synapse", "network description"},
            {"engine_bytes_per_synapse", "engine"},
            {"engine_table_bytes_per_synapse", "engine tables"},
            {"compiled_program_bytes_per_synapse", "compiled program"},
        };
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String[] p : parts) {
            if (heap.has(p[0])) {
                names.add(p[1]);
                values.add(heap.get(p[0]).asDouble());
            }
        }
        html.append("<h2>Heap per synapse (live objects, ").append(Svg.esc(heap.path("threads").asText()))
                .append(" threads)</h2>");
        html.append(Svg.bars("bytes per synapse", names, values, "B"));
    }

    /** @return the numbers of a JSON array, NaN for a null (a measurement that gave up) */
    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).isNumber() ? a.get(i).asDouble() : Double.NaN;
        }
        return v;
    }
}
