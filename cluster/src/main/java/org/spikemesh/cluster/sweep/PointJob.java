package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One point of a sweep, self-contained: everything needed to compute its result on any member.
 *
 * @param index the point's number in the sweep (0-based)
 * @param params the varied values by dotted path, in sweep file order
 * @param seed seed of the network (built-ins), the placement and the engine
 * @param network the network
 * @param chipYaml the point's chip configuration, canonical YAML
 * @param steps steps to run
 * @param metrics metrics to collect
 */
public record PointJob(int index, ObjectNode params, long seed, NetworkSpec network, String chipYaml, int steps,
                       List<String> metrics) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the canonical JSON text of the job (the same job always gives the same text) */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("index", index);
        n.set("params", params);
        n.put("seed", seed);
        n.set("network", network.toJson());
        n.put("chip", chipYaml);
        n.put("steps", steps);
        ArrayNode m = n.putArray("metrics");
        metrics.forEach(m::add);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a point cannot be written as JSON", e);
        }
    }

    /**
     * @param json the text of {@link #toJson()}
     * @return the job
     */
    public static PointJob parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<String> metrics = new ArrayList<>();
            n.get("metrics").forEach(x -> metrics.add(x.asText()));
            return new PointJob(n.get("index").asInt(), (ObjectNode) n.get("params"), n.get("seed").asLong(),
                    NetworkSpec.fromJson(n.get("network")), n.get("chip").asText(), n.get("steps").asInt(),
                    List.copyOf(metrics));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a point's JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }

    /** @return 16 hex digits of the SHA-256 of the canonical JSON: the point's identity in a results file */
    public String key() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
