package org.spikemesh.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a run as one self-contained HTML page (inline CSS and SVG, no script, no network): header, key figures,
 * spike raster and rates per population, recorded traces, and for chip runs the core-mesh heatmaps, link loads, time
 * and energy per step, energy by kind and the message-latency histogram. Large rasters are down-sampled with a note.
 */
public final class HtmlReport {
    /** Most spikes drawn per population before the raster is down-sampled (the note says by how much). */
    static final int MAX_SPIKES = 100_000;
    /** Most points per line before series are down-sampled. */
    static final int MAX_POINTS = 2_000;
    private final RunData run;
    private final StringBuilder html = new StringBuilder();

    private HtmlReport(RunData run) {
        this.run = run;
    }

    /**
     * @param run the run's outputs
     * @return the HTML page
     */
    public static String render(RunData run) {
        return new HtmlReport(run).page();
    }

    private String page() {
        JsonNode s = run.summary;
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>spikemesh report: ")
                .append(Svg.esc(s.path("network").asText())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
                .append(".k{display:inline-block;margin:6px 18px 6px 0}.k b{display:block;font-size:18px}")
                .append(".t{font-size:12px;font-weight:bold}.a{font-size:10px;fill:#444}.note{color:#a40}")
                .append("table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px}")
                .append("</style></head><body>");
        header(s);
        figures(s);
        raster();
        traces();
        if (run.onChip()) {
            mesh();
            timeAndEnergy(s);
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private void header(JsonNode s) {
        html.append("<h1>").append(Svg.esc(s.path("network").asText())).append("</h1><table>");
        row("backend", s.path("backend").asText());
        row("model", s.path("model").asText());
        row("steps", s.path("steps").asText());
        row("seed", s.path("seed").asText());
        if (run.onChip()) {
            JsonNode c = s.path("chip");
            row("chip", c.path("chip").asText() + " x " + c.path("chips").asText() + " chips, "
                    + c.path("cores_used").asText() + " cores on " + c.path("tiles_in_use").asText() + " tiles");
            row("chip config sha256", c.path("chip_sha256").asText());
            row("threads", s.path("threads").asText());
        }
        row("versions", s.path("versions").toString());
        if (s.has("interrupted")) {
            row("note", s.path("interrupted").asText());
        }
        html.append("</table>");
    }

    private void row(String k, String v) {
        html.append("<tr><th>").append(Svg.esc(k)).append("</th><td>").append(Svg.esc(v)).append("</td></tr>");
    }

    private void figures(JsonNode s) {
        html.append("<h2>Key figures</h2><div>");
        key("spikes", s.path("spikes_total").asText());
        key("wall time", Svg.num(s.path("wall_seconds").asDouble()) + " s");
        if (run.onChip()) {
            JsonNode c = s.path("chip");
            int steps = Math.max(1, s.path("steps").asInt());
            key("energy", Svg.num(c.path("energy_pj").path("total").asDouble() / 1e6) + " uJ");
            key("energy per synaptic event", Svg.num(c.path("energy_per_synaptic_event_pj").asDouble()) + " pJ");
            key("simulated time per step", Svg.num(c.path("simulated_time_ns").asDouble() / steps) + " ns");
            if (c.has("average_power_mw")) {
                key("average power on chip", Svg.num(c.path("average_power_mw").asDouble()) + " mW");
            }
            key("synaptic ops", c.path("counts").path("synaptic_ops").asText());
            key("messages", c.path("counts").path("messages").asText());
        }
        html.append("</div>");
    }

    private void key(String name, String value) {
        html.append("<span class=\"k\"><b>").append(Svg.esc(value)).append("</b>").append(Svg.esc(name)).append("</span>");
    }

    private void raster() {
        if (run.spikes.isEmpty()) {
            html.append("<h2>Spikes</h2><p>no spikes</p>");
            return;
        }
        html.append("<h2>Spike raster</h2>");
        int steps = Math.max(1, run.steps);
        int w = 900;
        int rowH = 120;
        int h = 20 + rowH * run.spikes.size();
        html.append("<svg class=\"raster\" width=\"").append(w).append("\" height=\"").append(h).append("\">");
        int k = 0;
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, int[][]> e : run.spikes.entrySet()) {
            int[][] sn = e.getValue();
            int n = sn[0].length;
            int maxNeuron = 0;
            for (int i = 0; i < n; i++) {
                maxNeuron = Math.max(maxNeuron, sn[1][i]);
            }
            int stride = Math.max(1, (n + MAX_SPIKES - 1) / MAX_SPIKES);
            if (stride > 1) {
                notes.add(e.getKey() + ": " + n + " spikes, every " + stride + "th drawn");
            }
            int top = 20 + k * rowH;
            html.append("<text x=\"0\" y=\"").append(top - 4).append("\" class=\"t\">").append(Svg.esc(e.getKey()))
                    .append(" (").append(n).append(" spikes)</text>");
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < n; i += stride) {
                double x = 40 + (sn[0][i] - 1) / (double) steps * (w - 50);
                double y = top + (maxNeuron == 0 ? rowH / 2.0 : sn[1][i] / (double) maxNeuron * (rowH - 20));
                d.append('M').append(Svg.f(x)).append(' ').append(Svg.f(y)).append("h1.2");
            }
            html.append("<path class=\"pop\" data-population=\"").append(Svg.esc(e.getKey())).append("\" d=\"").append(d)
                    .append("\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>");
            k++;
        }
        html.append("</svg>");
        for (String n : notes) {
            html.append("<p class=\"note\">down-sampled: ").append(Svg.esc(n)).append("</p>");
        }
        rates(steps);
    }

    private void rates(int steps) {
        int bins = Math.min(steps, 200);
        double[] x = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = (b + 0.5) * steps / bins;
        }
        List<double[]> series = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, int[][]> e : run.spikes.entrySet()) {
            double[] r = new double[bins];
            for (int st : e.getValue()[0]) {
                r[(int) Math.min(bins - 1, (st - 1L) * bins / steps)] += 1.0 * bins / steps;
            }
            series.add(r);
            names.add(e.getKey());
        }
        html.append(Svg.lines("Spikes per step by population", x, series, names, "spikes/step"));
    }

    private void traces() {
        if (run.traces.isEmpty()) {
            return;
        }
        html.append("<h2>Recorded traces</h2>");
        for (Map.Entry<String, List<double[]>> e : run.traces.entrySet()) {
            List<double[]> rows = e.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            int stride = Math.max(1, (rows.size() + MAX_POINTS - 1) / MAX_POINTS);
            int m = (rows.size() + stride - 1) / stride;
            double[] x = new double[m];
            int neurons = Math.min(8, rows.get(0).length - 1);
            List<double[]> series = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int j = 0; j < neurons; j++) {
                series.add(new double[m]);
                names.add(e.getKey() + "[" + j + "]");
            }
            for (int i = 0, r = 0; r < rows.size(); i++, r += stride) {
                x[i] = rows.get(r)[0];
                for (int j = 0; j < neurons; j++) {
                    series.get(j)[i] = rows.get(r)[j + 1];
                }
            }
            String title = e.getKey() + (rows.get(0).length - 1 > 8 ? " (first 8 of " + (rows.get(0).length - 1)
                    + " neurons)" : "") + (stride > 1 ? " (every " + stride + "th step)" : "");
            JsonNode th = run.summary.path("thresholds").path(e.getKey());
            double threshold = th.isNumber() ? th.asDouble() : Double.NaN;
            String process = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            List<double[]> marks = new ArrayList<>();
            int[][] sp = run.spikes.get(process);
            for (int j = 0; j < neurons; j++) {
                List<Double> at = new ArrayList<>();
                for (int k = 0; sp != null && k < sp[0].length; k++) {
                    if (sp[1][k] == j) {
                        at.add((double) sp[0][k]);
                    }
                }
                marks.add(at.stream().mapToDouble(Double::doubleValue).toArray());
            }
            html.append(Svg.lines(title + (th.isNumber() ? ", dashed: threshold; ticks: spikes" : ""), x, series, names,
                    e.getKey(), threshold, sp == null ? null : marks));
        }
    }

    private void mesh() {
        html.append("<h2>Core mesh</h2>");
        JsonNode tiles = run.summary.path("chip").path("mesh_tiles");
        int gx = Math.max(1, tiles.path(0).asInt(1));
        int gy = Math.max(1, tiles.path(1).asInt(1));
        html.append(heat("neurons mapped", 3, gx, gy)).append(heat("synapse memory (bytes)", 14, gx, gy))
                .append(heat("energy (pJ)", 11, gx, gy)).append(heat("synaptic ops", 4, gx, gy))
                .append(heat("spikes out", 7, gx, gy)).append(heat("messages in", 8, gx, gy));
        html.append("<p>Each square is a tile (its cores summed), north up; grey tiles hold no mapped core.</p>");
        html.append(links(gx, gy));
    }

    /** A heatmap over tiles: each tile shows the sum over its cores of one core_counters column. */
    private String heat(String title, int column, int gx, int gy) {
        double[] v = new double[gx * gy];
        for (String[] c : run.cores) {
            if (c.length > 14) {
                v[Integer.parseInt(c[13]) * gx + Integer.parseInt(c[12])] += Double.parseDouble(c[column]);
            }
        }
        double max = 0;
        for (double x : v) {
            max = Math.max(max, x);
        }
        int cell = Math.max(8, Math.min(40, 600 / Math.max(gx, gy)));
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"mesh\" width=\"").append(gx * cell + 20).append("\" height=\"").append(gy * cell + 30)
                .append("\"><text x=\"0\" y=\"12\" class=\"t\">").append(Svg.esc(title)).append(" (max ")
                .append(Svg.num(max)).append(")</text>");
        for (int y = 0; y < gy; y++) {
            for (int x = 0; x < gx; x++) {
                double t = max == 0 ? 0 : v[y * gx + x] / max;
                sb.append("<rect x=\"").append(x * cell).append("\" y=\"").append(20 + (gy - 1 - y) * cell)
                        .append("\" width=\"").append(cell - 1).append("\" height=\"").append(cell - 1).append("\" fill=\"")
                        .append(v[y * gx + x] == 0 ? "#eee" : Svg.colour(t)).append("\"><title>tile (").append(x)
                        .append(',').append(y).append("): ").append(Svg.num(v[y * gx + x])).append("</title></rect>");
            }
        }
        sb.append("</svg> ");
        return sb.toString();
    }

    private String links(int gx, int gy) {
        double max = 0;
        for (String[] l : run.links) {
            max = Math.max(max, Double.parseDouble(l[3]));
        }
        int cell = Math.max(16, Math.min(60, 700 / Math.max(gx, gy)));
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"links\" width=\"").append(gx * cell + 20).append("\" height=\"").append(gy * cell + 30)
                .append("\"><text x=\"0\" y=\"12\" class=\"t\">NoC link loads, messages over the run (max ")
                .append(Svg.num(max)).append(")</text>");
        for (int y = 0; y < gy; y++) {
            for (int x = 0; x < gx; x++) {
                sb.append("<circle cx=\"").append(x * cell + cell / 2).append("\" cy=\"")
                        .append(20 + (gy - 1 - y) * cell + cell / 2).append("\" r=\"3\" fill=\"#888\"/>");
            }
        }
        for (String[] l : run.links) {
            int x = Integer.parseInt(l[0]);
            int y = Integer.parseInt(l[1]);
            double m = Double.parseDouble(l[3]);
            int dx = "east".equals(l[2]) ? 1 : "west".equals(l[2]) ? -1 : 0;
            int dy = "north".equals(l[2]) ? 1 : "south".equals(l[2]) ? -1 : 0;
            double off = dx != 0 ? (dx > 0 ? -3 : 3) : (dy > 0 ? 3 : -3);
            double x0 = x * cell + cell / 2.0 + (dy != 0 ? off : 0);
            double y0 = 20 + (gy - 1 - y) * cell + cell / 2.0 + (dx != 0 ? off : 0);
            sb.append("<line x1=\"").append(Svg.f(x0)).append("\" y1=\"").append(Svg.f(y0)).append("\" x2=\"")
                    .append(Svg.f(x0 + dx * cell * 0.8)).append("\" y2=\"").append(Svg.f(y0 - dy * cell * 0.8))
                    .append("\" stroke=\"").append(Svg.colour(max == 0 ? 0 : m / max)).append("\" stroke-width=\"3\"><title>")
                    .append(l[2]).append(" from tile (").append(x).append(',').append(y).append("): ").append(Svg.num(m))
                    .append(" messages</title></line>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /**
     * @return the sentence naming the slowest row of time_per_step.csv, every row compared (the chart may draw
     *         fewer); with rows of several steps, the steps it sums and the slowest single step from summary.json
     */
    private String slowestRow(int perRow) {
        int slowest = 0;
        for (int r = 1; r < run.timePerStep.size(); r++) {
            if (Double.parseDouble(run.timePerStep.get(r)[1]) > Double.parseDouble(run.timePerStep.get(slowest)[1])) {
                slowest = r;
            }
        }
        String[] row = run.timePerStep.get(slowest);
        String where = perRow == 1 ? "Slowest step " + row[0]
                : "Slowest row, steps " + (slowest == 0 ? 1 : Long.parseLong(run.timePerStep.get(slowest - 1)[0]) + 1)
                        + "-" + row[0];
        String single = perRow == 1 ? "" : " summed; the slowest single step took "
                + Svg.num(run.summary.path("chip").path("step_time_ns").path("max").asDouble()) + " ns";
        return where + ": " + Svg.num(Double.parseDouble(row[1])) + " ns" + single + ", critical core "
                + Svg.esc(row[2]) + ".";
    }

    /** @return the barrier's time per step, from the first row of time_per_step.csv over the steps it sums */
    private String barrierPerStep() {
        String[] first = run.timePerStep.get(0);
        if (first.length <= 8) {
            return "";
        }
        return " Barrier per step: " + Svg.num(Double.parseDouble(first[8]) / Long.parseLong(first[0])) + " ns.";
    }

    /**
     * Draws the energy of every stride-th row of energy_per_step.csv at the steps x: stacked by kind (each line the
     * kinds up to it, the last the total), leaving out the kinds that stay 0; the total alone for outputs without kinds.
     */
    private void energyPerStep(double[] x, int stride) {
        int m = x.length;
        List<String> kinds = run.energyKinds;
        List<double[]> stacked = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] below = new double[m];
        for (int k = 0; k < kinds.size(); k++) {
            double[] line = below.clone();
            boolean used = false;
            for (int i = 0; i < m; i++) {
                String[] row = i * stride < run.energyPerStep.size() ? run.energyPerStep.get(i * stride) : null;
                double v = row != null && row.length > k + 2 ? Double.parseDouble(row[k + 2]) : 0;
                line[i] += v;
                used |= v != 0;
            }
            if (used) {
                stacked.add(line);
                names.add((names.isEmpty() ? "" : "+ ") + kinds.get(k).replace('_', ' '));
                below = line;
            }
        }
        if (stacked.isEmpty()) {
            double[] e = new double[m];
            for (int i = 0; i < m; i++) {
                e[i] = i * stride < run.energyPerStep.size() ? Double.parseDouble(run.energyPerStep.get(i * stride)[1]) : 0;
            }
            html.append(Svg.lines("Energy per step (pJ)", x, List.of(e), List.of("energy"), "pJ"));
            return;
        }
        html.append(Svg.lines("Energy per step (pJ), stacked by kind: " + String.join(", ", names), x, stacked, names,
                "pJ"));
    }

    private void timeAndEnergy(JsonNode s) {
        html.append("<h2>Time and energy</h2>");
        int n = run.timePerStep.size();
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int m = (n + stride - 1) / stride;
        double[] x = new double[m];
        double[] t = new double[m];
        double[] compute = new double[m];
        double[] routed = new double[m];
        for (int i = 0, r = 0; r < n; i++, r += stride) {
            String[] row = run.timePerStep.get(r);
            x[i] = Double.parseDouble(row[0]);
            t[i] = Double.parseDouble(row[1]);
            if (row.length > 8) {
                compute[i] = Double.parseDouble(row[6]);
                routed[i] = compute[i] + Double.parseDouble(row[7]);
            }
        }
        int perRow = Math.max(1, s.path("chip").path("series_steps_per_row").asInt(1));
        String per = perRow > 1 ? "per row of " + perRow + " steps, summed" : "per step";
        html.append(Svg.lines("Simulated time " + per + " (ns), stacked: compute (slowest core), + routing, + barrier",
                x, List.of(compute, routed, t), List.of("compute", "compute + routing", "total with barrier"), "ns"));
        if (n > 0) {
            html.append("<p>").append(slowestRow(perRow)).append(barrierPerStep()).append("</p>");
        }
        energyPerStep(x, stride);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = s.path("chip").path("energy_pj").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> k = it.next();
            if (!"total".equals(k.getKey())) {
                names.add(k.getKey());
                values.add(k.getValue().asDouble());
            }
        }
        html.append(Svg.bars("Energy by kind", names, values, "pJ"));
        energyByPopulation();
        latencyHistogram();
    }

    /** core_counters.csv's columns of a core's energy by kind: synaptic ops, neuron updates, spikes. */
    private static final int CORE_KINDS = 15;

    /**
     * Draws each population's energy, summed over its cores, as a bar of its kinds (synaptic ops, neuron updates,
     * spikes) from core_counters.csv; nothing for outputs older than those columns.
     */
    private void energyByPopulation() {
        Map<String, double[]> by = new java.util.LinkedHashMap<>();
        for (String[] c : run.cores) {
            if (c.length >= CORE_KINDS + 3) {
                double[] v = by.computeIfAbsent(c[1], k -> new double[3]);
                for (int k = 0; k < 3; k++) {
                    v[k] += Double.parseDouble(c[CORE_KINDS + k]);
                }
            }
        }
        if (!by.isEmpty()) {
            html.append(Svg.stacked("Energy by population", new ArrayList<>(by.keySet()),
                    List.of("synaptic ops", "neuron updates", "spikes"), new ArrayList<>(by.values()), "pJ"));
            html.append("<p>A population's energy is what its cores spend; hops, inter-chip links, learning, the barrier"
                    + " and static power belong to no population.</p>");
        }
    }

    /** Draws latency_histogram.csv as bars, at most 30: beyond, each bar sums the counts of several latencies. */
    private void latencyHistogram() {
        List<String> lat = new ArrayList<>();
        List<Double> cnt = new ArrayList<>();
        for (String[] r : run.latency) {
            lat.add(r[0] + " ns");
            cnt.add(Double.parseDouble(r[1]));
        }
        if (lat.isEmpty()) {
            return;
        }
        int step = Math.max(1, (lat.size() + 29) / 30);
        List<String> l2 = new ArrayList<>();
        List<Double> c2 = new ArrayList<>();
        for (int i = 0; i < lat.size(); i += step) {
            double sum = 0;
            for (int j = i; j < Math.min(lat.size(), i + step); j++) {
                sum += cnt.get(j);
            }
            l2.add(step == 1 ? lat.get(i) : lat.get(i) + " +");
            c2.add(sum);
        }
        html.append(Svg.bars("Message latency (HdrHistogram)", l2, c2, "messages"));
    }
}
