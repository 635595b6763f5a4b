package org.spikemesh.process.nir;

import java.util.List;
import java.util.Map;

/**
 * A NIR graph as stored in the file: its nodes (in file order) and its edges. A node of type {@code NIRGraph}
 * carries a nested graph.
 *
 * @param nodes nodes by name
 * @param edges edges in file order
 */
public record NirGraph(Map<String, NirNode> nodes, List<NirEdge> edges) {
    /**
     * @param nodes nodes by name (order kept)
     * @param edges edges
     */
    public NirGraph {
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
    }
}
