package org.spikemesh.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a {@code spikemesh bench cuba} run (its {@code --json} document) as one self-contained HTML page
 * (inline CSS and SVG, no script): the network and chip; a table of each entry of {@code --threads} with its rates; the
 * loop time of every repetition, so that a host's slow spells show as what they are; the speed-up of every repetition
 * over the first entry against the ideal; the host's two measurements before each repetition (thread round trip and
 * processor balance); the phases of every shard's steps as stacked bars; and the heap per synapse.
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
        if (!"cuba".equals(bench.path("benchmark").asText()) || !bench.path("runs").isArray()) {
            throw new IllegalArgumentException("not the figures of 'spikemesh bench cuba --json' (a JSON object with"
                    + " \"benchmark\": \"cuba\" and its \"runs\")");
        }
        return new BenchPage(bench).page();
    }

    private String page() {
        String title = String.format(Locale.ROOT, "CUBA, %d neurons on %s x %d", bench.path("neurons").asLong(),
                bench.path("chip").asText(), bench.path("chips").asInt());
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>spikemesh bench: ").append(Svg.esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:20px}")
                .append("h2{font-size:16px;margin-top:28px}.t{font-size:12px;font-weight:bold}.a{font-size:10px;fill:#444}")
                .append("p{max-width:760px}table{border-collapse:collapse;font-size:12px}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}</style></head><body>");
        html.append("<h1>spikemesh bench: ").append(Svg.esc(title)).append("</h1>");
        network();
        entries();
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
    private String label(JsonNode run) {
        int t = run.path("threads").asInt();
        String name = t + (t == 1 ? " thread" : " threads");
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
        double ideal = Double.NaN;
        boolean oneIdeal = true;
        for (JsonNode u : ups) {
            JsonNode run = entryOf(u);
            double ratio = (double) u.path("threads").asInt() / u.path("over_threads").asInt(1);
            oneIdeal &= Double.isNaN(ideal) || ideal == ratio;
            ideal = ratio;
            String name = run == null ? u.path("threads").asText() + " threads" : label(run);
            html.append("<tr><td>").append(Svg.esc(name)).append("</td>")
                    .append(cell(String.format(Locale.ROOT, "%.2fx", u.path("ratio_of_median_loops").asDouble())))
                    .append(cell(String.format(Locale.ROOT, "%.2fx", ratio))).append("</tr>");
            series.add(doubles(u.path("ratio_per_repetition")));
            names.add(name);
        }
        html.append("</table>");
        html.append(Svg.dotted("speed-up of each repetition (its loop over the same repetition of "
                + label(first) + ")", "repetition", series, names, "x", oneIdeal ? ideal : Double.NaN, "ideal"));
    }

    /** @return the run a speed-up entry compares, found by its threads and setting; null when none matches */
    private JsonNode entryOf(JsonNode up) {
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
        JsonNode trip = bench.path("thread_round_trip_ns").path("before_each_repetition");
        if (!balance.isArray() && !trip.isArray()) {
            return;
        }
        html.append("<h2>The host before each repetition</h2><p>Processor balance: two threads do the same work at")
                .append(" once, and the slower one's time is divided by the faster one's (1 when the two processors run")
                .append(" alike). Round trip: a hand-over from one thread to another and back, several times longer")
                .append(" when the two processors share no cache (docs/performance.md, tenth and twentieth rounds).</p>");
        if (balance.isArray()) {
            html.append(Svg.dotted("processor balance", "repetition", List.of(doubles(balance)),
                    List.of("slower over faster"), "x", 1, "even"));
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
                    .append(" per repetition</th><th>waits over 50 us for another shard's batch (their time), per")
                    .append(" repetition</th></tr>").append(t).append("</table>");
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

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
