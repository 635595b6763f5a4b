package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pareto front of sweep results in energy and time per step (both smaller is better): the points that fit and
 * that no other point beats in one without losing in the other.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /**
     * @param results result lines, parsed
     * @return the results on the front, by increasing time per step (ties: by energy)
     */
    public static List<JsonNode> of(List<JsonNode> results) {
        List<JsonNode> usable = new ArrayList<>();
        for (JsonNode r : results) {
            if (r.path("fits").asBoolean() && r.has("energy_pj") && r.has("time_per_step_ns")) {
                usable.add(r);
            }
        }
        List<JsonNode> front = new ArrayList<>();
        for (JsonNode a : usable) {
            boolean dominated = false;
            for (JsonNode b : usable) {
                if (dominates(b, a)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(a);
            }
        }
        front.sort((a, b) -> a.get("time_per_step_ns").asDouble() != b.get("time_per_step_ns").asDouble()
                ? Double.compare(a.get("time_per_step_ns").asDouble(), b.get("time_per_step_ns").asDouble())
                : Double.compare(a.get("energy_pj").asDouble(), b.get("energy_pj").asDouble()));
        return front;
    }

    /**
     * @param b a result
     * @param a another
     * @return true when b is no worse than a in energy and time, and better in one
     */
    static boolean dominates(JsonNode b, JsonNode a) {
        double be = b.get("energy_pj").asDouble();
        double bt = b.get("time_per_step_ns").asDouble();
        double ae = a.get("energy_pj").asDouble();
        double at = a.get("time_per_step_ns").asDouble();
        return be <= ae && bt <= at && (be < ae || bt < at);
    }
}
