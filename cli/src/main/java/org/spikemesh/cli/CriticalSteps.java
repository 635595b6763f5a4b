package org.spikemesh.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.spikemesh.simulator.chip.Accounts;

/** The summary.json part that says which cores and links set the length of the steps (rows of time_per_step.csv). */
final class CriticalSteps {
    private CriticalSteps() {
    }

    /**
     * @param a the run's accounts
     * @return {@code cores}: rows per critical core; {@code links}: rows per critical link ({@code x:y:direction});
     *         both sorted by key
     */
    static Map<String, Object> summary(Accounts a) {
        Map<Integer, Integer> cores = new TreeMap<>();
        Map<String, Integer> links = new TreeMap<>();
        for (int i = 0; i < a.steps(); i++) {
            if (a.criticalCore(i) >= 0) {
                cores.merge(a.criticalCore(i), 1, Integer::sum);
            }
            if (!a.criticalLink(i).isEmpty()) {
                links.merge(a.criticalLink(i), 1, Integer::sum);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Integer> byCore = new LinkedHashMap<>();
        cores.forEach((k, v) -> byCore.put(Integer.toString(k), v));
        m.put("cores", byCore);
        m.put("links", links);
        return m;
    }
}
