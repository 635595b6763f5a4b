package org.spikemesh.cluster.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The energy / time-per-step Pareto front. */
class ParetoFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode r(int point, double energy, double time, boolean fits) {
        ObjectNode n = JSON.createObjectNode();
        n.put("point", point);
        n.put("fits", fits);
        if (fits) {
            n.put("energy_pj", energy);
            n.put("time_per_step_ns", time);
        }
        return n;
    }

    @Test
    void shouldKeepTheUndominatedPointsThatFit() {
        // (energy, time): 0 (10, 5) and 1 (4, 9) and 3 (2, 20) trade off; 2 (11, 6) loses to 0; 4 (10, 5) ties 0;
        // 5 does not fit
        List<JsonNode> rs = List.of(r(0, 10, 5, true), r(1, 4, 9, true), r(2, 11, 6, true), r(3, 2, 20, true),
                r(4, 10, 5, true), r(5, 0, 0, false));
        List<Integer> front = new ArrayList<>();
        ParetoFront.of(rs).forEach(n -> front.add(n.get("point").asInt()));
        assertEquals(List.of(0, 4, 1, 3), front);
    }

    static LongStream seeds() {
        return LongStream.range(1, 16);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldLeaveNoFrontPointBeatenAndEveryOtherPointBeaten(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<JsonNode> rs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rs.add(r(i, rng.nextInt(50), rng.nextInt(50), rng.nextInt(5) > 0));
        }
        List<JsonNode> front = ParetoFront.of(rs);
        for (JsonNode a : rs) {
            if (!a.get("fits").asBoolean()) {
                assertFalse(front.contains(a));
                continue;
            }
            boolean beaten = rs.stream().anyMatch(b -> b.get("fits").asBoolean() && ParetoFront.dominates(b, a));
            assertEquals(!beaten, front.contains(a), a.toString());
        }
    }
}
