package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.NetworkFile;
import org.spikemesh.process.nets.Cuba;

/**
 * The network of a sweep: a network file (spikemesh-network/1) or a built-in network with its size.
 *
 * @param builtin name of a built-in network ({@code cuba}), or null for a file
 * @param neurons neurons of the built-in network
 * @param file absolute path of the network file, or null for a built-in
 */
public record NetworkSpec(String builtin, int neurons, String file) {
    /** Built-in networks. */
    public static final java.util.List<String> BUILTINS = java.util.List.of("cuba");

    /** @return the canonical JSON form (part of every point) */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (builtin != null) {
            n.put("builtin", builtin);
            n.put("neurons", neurons);
        } else {
            n.put("file", file);
        }
        return n;
    }

    /**
     * @param n the canonical JSON form
     * @return the spec
     */
    public static NetworkSpec fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.has("builtin")) {
            return new NetworkSpec(n.get("builtin").asText(), n.get("neurons").asInt(), null);
        }
        return new NetworkSpec(null, 0, n.get("file").asText());
    }

    /**
     * Builds the network; a built-in network draws its connectivity and initial state from the seed.
     *
     * @param seed the point's seed
     * @return the process graph
     */
    public ProcessGraph build(long seed) {
        if (builtin != null) {
            return Cuba.build(neurons, seed).graph();
        }
        return NetworkFile.load(Path.of(file)).graph();
    }
}
