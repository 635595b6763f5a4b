package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import java.util.TreeSet;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;

/**
 * Sets dotted paths (e.g. {@code core.max_neurons}, {@code router.hop_east_west.energy_pj},
 * {@code barrier.table.0.time_ns}) in a chip's YAML tree and reads the result back with the chip reader, so a value
 * out of range gets the chip file's usual message.
 */
public final class ChipEditor {
    /** The path that varies the point's seed instead of the chip. */
    public static final String SEED = "seed";
    /** a key given twice in one mapping is an error, as when the chip file is loaded. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ChipEditor() {
    }

    /**
     * @param baseYaml the base chip's YAML text
     * @param params values by dotted path (a {@code seed} entry is skipped)
     * @param where the file and field for messages about a path, e.g. {@code sweep.yaml: grid}
     * @return the edited YAML text
     */
    public static String edit(String baseYaml, Map<String, JsonNode> params, String where) {
        ObjectNode root;
        try {
            root = (ObjectNode) YAML.readTree(baseYaml);
            for (Map.Entry<String, JsonNode> e : params.entrySet()) {
                if (!SEED.equals(e.getKey())) {
                    set(root, e.getKey(), e.getValue(), where);
                }
            }
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new SweepException(where + ": the base chip is not valid YAML: " + e.getOriginalMessage());
        }
    }

    /**
     * @param yaml an edited chip's YAML text
     * @param source names the point in messages
     * @return the validated chip configuration
     */
    public static ChipConfig read(String yaml, String source) {
        return ChipConfigs.parse(yaml, source);
    }

    private static void set(ObjectNode root, String path, JsonNode value, String where) {
        String[] seg = path.split("\\.", -1);
        JsonNode parent = root;
        for (int i = 0; i < seg.length - 1; i++) {
            parent = step(parent, seg, i, where);
        }
        JsonNode old = step(parent, seg, seg.length - 1, where);
        if (!old.isValueNode()) {
            throw new SweepException(where + "." + path + ": is not a single value but a "
                    + (old.isArray() ? "list" : "mapping of " + fields(old)) + "; give the path of a number,"
                    + " true/false or text in it");
        }
        String last = seg[seg.length - 1];
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static JsonNode step(JsonNode node, String[] seg, int i, String where) {
        String s = seg[i];
        String sofar = String.join(".", java.util.Arrays.copyOf(seg, i));
        String field = where + "." + String.join(".", seg);
        if (node.isArray()) {
            int k = s.matches("\\d{1,9}") ? Integer.parseInt(s) : -1;
            if (k < 0 || k >= node.size()) {
                throw new SweepException(field + ": '" + s + "' is not an index of the list " + sofar
                        + "; valid are 0.." + (node.size() - 1));
            }
            return node.get(k);
        }
        if (!node.isObject() || !node.has(s)) {
            String valid = node.isObject() ? fields(node) + (i == 0 ? ", " + SEED : "") : "none (it is a value)";
            throw new SweepException(field + ": no chip field '" + s + "'" + (sofar.isEmpty() ? "" : " in " + sofar)
                    + "; valid are " + valid + " (see docs/chip-config.md)");
        }
        return node.get(s);
    }

    private static String fields(JsonNode n) {
        TreeSet<String> f = new TreeSet<>();
        n.fieldNames().forEachRemaining(f::add);
        return String.join(", ", f);
    }
}
