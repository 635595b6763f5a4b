package org.spikemesh.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep page: a dot per point that fits, the front drawn through its points, a table row per point. */
class SweepPageTest {
    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void shouldDrawTheFittingPointsAndTheFrontAndListEveryPoint() throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> rs = new ArrayList<>();
        rs.add(m.readTree("{\"point\":0,\"params\":{\"core.max_neurons\":64},\"fits\":true,\"energy_pj\":10,"
                + "\"time_per_step_ns\":5,\"cores_used\":4}"));
        rs.add(m.readTree("{\"point\":1,\"params\":{\"core.max_neurons\":128},\"fits\":true,\"energy_pj\":12,"
                + "\"time_per_step_ns\":6,\"cores_used\":2}"));
        rs.add(m.readTree("{\"point\":2,\"params\":{\"core.max_neurons\":8},\"fits\":false,\"error\":\"too <big>\"}"));
        String html = SweepPage.render("t", rs);
        assertEquals(2, count(html, "<circle"), "points 0 and 1 fit");
        assertEquals(1, count(html, "stroke=\"#000\" stroke-width=\"1.5\""), "only point 0 is on the front (1 loses)");
        assertEquals(1, count(html, "<tr class=\"front\">"));
        assertEquals(4, count(html, "<tr"), "a header and a row per point");
        assertTrue(html.contains("too &lt;big&gt;"), "errors are escaped");
        assertTrue(html.contains("3 points, 2 fit, 1 on the Pareto front"));
    }
}
