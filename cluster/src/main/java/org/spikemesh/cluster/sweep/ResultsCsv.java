package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Sweep results as one CSV table: a row per point, a column per parameter and per metric. */
public final class ResultsCsv {
    private static final List<String> FIXED = List.of("fits", "energy_pj", "time_per_step_ns", "average_power_mw",
            "cores_used", "chips");

    private ResultsCsv() {
    }

    /**
     * @param results result lines, parsed
     * @return the CSV text: point, key, seed, one column per parameter path, fits, energy_pj, time_per_step_ns,
     *         average_power_mw, cores_used, chips, energy_pj.KIND and count.KIND columns, error
     */
    public static String render(List<JsonNode> results) {
        Set<String> params = names(results, "params");
        Set<String> energy = names(results, "energy_pj_by_kind");
        Set<String> counts = names(results, "counts");
        List<String> header = new ArrayList<>(List.of("point", "key", "seed"));
        header.addAll(params);
        header.addAll(FIXED);
        energy.forEach(k -> header.add("energy_pj." + k));
        counts.forEach(k -> header.add("count." + k));
        header.add("error");
        StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
        for (JsonNode r : results) {
            List<String> row = new ArrayList<>();
            row.add(cell(r.get("point")));
            row.add(cell(r.get("key")));
            row.add(cell(r.get("seed")));
            params.forEach(p -> row.add(cell(r.path("params").get(p))));
            FIXED.forEach(f -> row.add(cell(r.get(f))));
            energy.forEach(k -> row.add(cell(r.path("energy_pj_by_kind").get(k))));
            counts.forEach(k -> row.add(cell(r.path("counts").get(k))));
            row.add(cell(r.get("error")));
            s.append(String.join(",", row)).append('\n');
        }
        return s.toString();
    }

    private static Set<String> names(List<JsonNode> results, String field) {
        Set<String> s = new LinkedHashSet<>();
        for (JsonNode r : results) {
            Iterator<String> it = r.path(field).fieldNames();
            it.forEachRemaining(s::add);
        }
        return s;
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        String t = v.asText();
        if (t.contains(",") || t.contains("\"") || t.contains("\n")) {
            return "\"" + t.replace("\"", "\"\"").replace("\n", " ") + "\"";
        }
        return t;
    }
}
