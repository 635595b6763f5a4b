package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikemesh.chip.ChipConfigException;
import org.spikemesh.chip.ChipConfigs;

/**
 * Expands a sweep into its points: every combination of the grid values (the first grid path varies slowest), each
 * with the same {@code samples} random draws, taken in order from one {@link SplittableRandom} seeded by the sweep.
 * Every point's chip is edited and validated here, so a bad value fails before anything runs.
 */
public final class SweepPlan {
    private SweepPlan() {
    }

    /**
     * @param spec the sweep
     * @return its points in order
     */
    public static List<PointJob> points(SweepSpec spec) {
        checkPaths(spec);
        List<Map<String, JsonNode>> draws = draws(spec);
        List<PointJob> out = new ArrayList<>();
        for (Map<String, JsonNode> combo : combinations(spec)) {
            for (Map<String, JsonNode> draw : draws) {
                LinkedHashMap<String, JsonNode> params = new LinkedHashMap<>(combo);
                params.putAll(draw);
                out.add(job(spec, out.size(), params));
            }
        }
        return out;
    }

    private static void checkPaths(SweepSpec spec) {
        for (Map.Entry<String, List<JsonNode>> e : spec.grid().entrySet()) {
            ChipEditor.edit(spec.chipYaml(), Map.of(e.getKey(), e.getValue().get(0)), spec.file() + ": grid");
        }
        for (RandomParameter p : spec.random()) {
            JsonNode probe = p.choices() != null ? p.choices().get(0) : JsonNodeFactory.instance.numberNode(p.min());
            ChipEditor.edit(spec.chipYaml(), Map.of(p.path(), probe), spec.file() + ": random.parameters");
        }
    }

    private static List<Map<String, JsonNode>> draws(SweepSpec spec) {
        SplittableRandom rng = new SplittableRandom(spec.randomSeed());
        List<Map<String, JsonNode>> draws = new ArrayList<>();
        for (int s = 0; s < spec.samples(); s++) {
            Map<String, JsonNode> d = new LinkedHashMap<>();
            for (RandomParameter p : spec.random()) {
                d.put(p.path(), p.draw(rng));
            }
            draws.add(d);
        }
        return draws;
    }

    private static List<Map<String, JsonNode>> combinations(SweepSpec spec) {
        List<Map<String, JsonNode>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<JsonNode>> e : spec.grid().entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> c : combos) {
                for (JsonNode v : e.getValue()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        return combos;
    }

    private static PointJob job(SweepSpec spec, int index, LinkedHashMap<String, JsonNode> params) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        params.forEach(p::set);
        String source = spec.file() + " point " + index + " " + p;
        String yaml = ChipEditor.edit(spec.chipYaml(), params, spec.file());
        String canonical;
        try {
            canonical = ChipConfigs.toYaml(ChipEditor.read(yaml, source));
        } catch (ChipConfigException e) {
            throw new SweepException(e.getMessage());
        }
        JsonNode seed = params.get(ChipEditor.SEED);
        return new PointJob(index, p, seed == null ? spec.seed() : seed.asLong(), spec.network(), canonical,
                spec.steps(), spec.metrics());
    }
}
