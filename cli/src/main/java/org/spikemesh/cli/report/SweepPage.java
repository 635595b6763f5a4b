package org.spikemesh.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spikemesh.cluster.sweep.ParetoFront;

/**
 * A sweep's results as one self-contained HTML page: the energy / time-per-step scatter with the Pareto front
 * (colour: cores used), then a table of every point, the front's points first marked.
 */
public final class SweepPage {
    private SweepPage() {
    }

    /**
     * @param title the sweep's name
     * @param results result lines, parsed, sorted by point
     * @return the HTML page
     */
    public static String render(String title, List<JsonNode> results) {
        List<JsonNode> front = ParetoFront.of(results);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>spikemesh sweep: ").append(Svg.esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:20px}")
                .append(".t{font-size:12px;font-weight:bold}.a{font-size:10px;fill:#444}")
                .append("table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px}")
                .append("tr.front td{font-weight:bold}</style></head><body>");
        h.append("<h1>Sweep ").append(Svg.esc(title)).append("</h1><p>").append(results.size()).append(" points, ")
                .append(results.stream().filter(r -> r.path("fits").asBoolean()).count()).append(" fit, ")
                .append(front.size()).append(" on the Pareto front (bold, joined by the dashed line).</p>");
        h.append(chart(results, front));
        h.append(table(results, front));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String chart(List<JsonNode> results, List<JsonNode> front) {
        int maxCores = 1;
        for (JsonNode r : results) {
            maxCores = Math.max(maxCores, r.path("cores_used").asInt());
        }
        List<Svg.Dot> dots = new ArrayList<>();
        for (JsonNode r : front) {
            dots.add(dot(r, maxCores, true));
        }
        for (JsonNode r : results) {
            if (r.path("fits").asBoolean() && r.has("energy_pj") && r.has("time_per_step_ns") && !front.contains(r)) {
                dots.add(dot(r, maxCores, false));
            }
        }
        return Svg.scatter("energy vs time per step", dots, "time per step (ns)", "energy (pJ)",
                "cores used, dark few, yellow " + maxCores);
    }

    private static Svg.Dot dot(JsonNode r, int maxCores, boolean onFront) {
        String label = "point " + r.get("point").asText() + " " + r.path("params") + ": "
                + Svg.num(r.get("energy_pj").asDouble()) + " pJ, " + Svg.num(r.get("time_per_step_ns").asDouble())
                + " ns/step, " + r.path("cores_used").asText("?") + " cores";
        return new Svg.Dot(r.get("time_per_step_ns").asDouble(), r.get("energy_pj").asDouble(),
                r.path("cores_used").asDouble() / maxCores, label, onFront);
    }

    private static String table(List<JsonNode> results, List<JsonNode> front) {
        Set<String> params = new LinkedHashSet<>();
        for (JsonNode r : results) {
            Iterator<String> it = r.path("params").fieldNames();
            it.forEachRemaining(params::add);
        }
        StringBuilder t = new StringBuilder("<table><tr><th>point</th>");
        params.forEach(p -> t.append("<th>").append(Svg.esc(p)).append("</th>"));
        t.append("<th>fits</th><th>energy (pJ)</th><th>time per step (ns)</th><th>cores</th><th>error</th></tr>");
        for (JsonNode r : results) {
            t.append(front.contains(r) ? "<tr class=\"front\">" : "<tr>").append(td(r.get("point")));
            params.forEach(p -> t.append(td(r.path("params").get(p))));
            t.append(td(r.get("fits"))).append(td(r.get("energy_pj"))).append(td(r.get("time_per_step_ns")))
                    .append(td(r.get("cores_used"))).append(td(r.get("error"))).append("</tr>");
        }
        return t.append("</table>").toString();
    }

    private static String td(JsonNode v) {
        if (v == null || v.isNull()) {
            return "<td></td>";
        }
        return "<td>" + Svg.esc(v.isNumber() && !v.isIntegralNumber() ? Svg.num(v.asDouble()) : v.asText()) + "</td>";
    }
}
