package org.spikemesh.simulator.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.LearningRules;

/**
 * spikemesh's fixed-point learning against Lava's own code: 40 random rules (dw, dd, dt; x0, y0, u; brackets, sgn;
 * fractional impulses and taus; epochs 1-4; every sign mode) on random pre and post spike trains, where Lava computed
 * weights, tags and traces after every step with spikemesh's random numbers injected (resources/lava-learning). Every
 * value at every step must be equal.
 */
class LavaLearningGoldenTest {
    static IntStream cases() {
        return IntStream.range(0, 40);
    }

    private static JsonNode load(int c) throws IOException {
        try (InputStream in = LavaLearningGoldenTest.class.getResourceAsStream(
                String.format("/lava-learning/case-%02d.json", c))) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).asInt();
        }
        return r;
    }

    /** Row starts of an all-to-all block: synapse (i, q) is i * posts + q. */
    private static int[] denseRows(int pres, int posts) {
        int[] r = new int[pres + 1];
        for (int i = 0; i <= pres; i++) {
            r[i] = i * posts;
        }
        return r;
    }

    private static int[] densePosts(int pres, int posts) {
        int[] r = new int[pres * posts];
        for (int k = 0; k < r.length; k++) {
            r[k] = k % posts;
        }
        return r;
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void everyStepEqualsLava(int c) throws IOException {
        JsonNode g = load(c);
        int pres = g.get("pres").asInt();
        int posts = g.get("posts").asInt();
        SignMode mode = SignMode.parse(g.get("sign_mode").asText());
        Map<String, Object> params = new LinkedHashMap<>();
        g.get("learning_rule").fields().forEachRemaining(e -> params.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : (Object) e.getValue().asDouble()));
        LearningRule rule = LearningRules.fromParameters(params);
        // synapse (i, q) at i * posts + q; Lava's matrices are [post][pre]
        int[] w = new int[pres * posts];
        for (int q = 0; q < posts; q++) {
            for (int i = 0; i < pres; i++) {
                w[i * posts + q] = FixedPoint.prepareWeight(g.get("weights").get(q).get(i).asLong(), mode, 8);
            }
        }
        LearningRandom random = new LearningRandom(rule.seed(), "plastic");
        FixedPreTraces inputs = new FixedPreTraces(rule, pres, random);
        FixedPlasticity fx = new FixedPlasticity(rule, mode, pres, posts, 0, random, inputs,
                denseRows(pres, posts), densePosts(pres, posts), w);
        JsonNode steps = g.get("steps");
        for (int t = 1; t <= steps.size(); t++) {
            JsonNode pre = g.get("pre_spikes").get(t - 1);
            for (int i = 0; i < pres; i++) {
                if (pre.get(i).asBoolean()) {
                    inputs.spike(i, t);
                }
            }
            JsonNode post = g.get("post_spikes").get(t - 1);
            for (int q = 0; q < posts; q++) {
                if (post.get(q).asBoolean()) {
                    fx.postSpike(q, t);
                }
            }
            if (fx.learnsAt(t)) {
                fx.learnAlone(t);
            }
            JsonNode expect = steps.get(t - 1);
            String at = "case " + c + " (" + rule + ", epoch " + rule.epoch() + ", " + mode + ") step " + t + ": ";
            for (String v : new String[]{"weights", "tag_1", "tag_2"}) {
                short[] held = v.equals("weights") ? fx.weights() : v.equals("tag_1") ? fx.tag1() : fx.tag2();
                int[] mine = new int[held.length];
                for (int k = 0; k < held.length; k++) {
                    mine[k] = held[k];
                }
                int[] lava = new int[pres * posts];
                for (int q = 0; q < posts; q++) {
                    for (int i = 0; i < pres; i++) {
                        lava[i * posts + q] = expect.get(v).get(q).get(i).asInt();
                    }
                }
                assertArrayEquals(lava, mine, at + v);
            }
            assertArrayEquals(ints(expect.get("x1")), fx.preTrace(0), at + "x1");
            assertArrayEquals(ints(expect.get("x2")), fx.preTrace(1), at + "x2");
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(ints(expect.get("y" + (k + 1))), fx.postTrace(k), at + "y" + (k + 1));
            }
        }
    }
}
