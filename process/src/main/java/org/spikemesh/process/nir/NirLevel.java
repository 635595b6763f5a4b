package org.spikemesh.process.nir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One graph level while a NIR graph is built for export: its nodes in order (a nested level stands for a
 * {@code NIRGraph} node), its edges, and the Input/Output port nodes made for edges that cross its boundary.
 */
final class NirLevel {
    private final Map<String, Object> nodes = new LinkedHashMap<>();
    private final Set<NirEdge> edges = new LinkedHashSet<>();
    private final Map<String, String> ports = new HashMap<>();

    /**
     * @param base a wanted name
     * @return base, or base_2, base_3, ... when taken
     */
    String unique(String base) {
        String s = base;
        for (int i = 2; nodes.containsKey(s); i++) {
            s = base + "_" + i;
        }
        return s;
    }

    void add(NirNode n) {
        if (nodes.putIfAbsent(n.name(), n) != null) {
            throw new IllegalStateException("node " + n.name() + " added twice");
        }
    }

    NirLevel child(String name) {
        Object o = nodes.computeIfAbsent(name, k -> new NirLevel());
        return (NirLevel) o;
    }

    void edge(String from, String to) {
        edges.add(new NirEdge(from, to));
    }

    /**
     * The port node of this level that carries data from inside to outside (Output) or from outside to inside
     * (Input) for one inner node, made once with its edge.
     *
     * @param inbound true for an Input port
     * @param inner the node inside that receives (Input) or sends (Output)
     * @param size the number of values
     * @return the port node's name
     */
    String port(boolean inbound, String inner, int size) {
        String key = (inbound ? "in " : "out ") + inner;
        String name = ports.get(key);
        if (name != null) {
            return name;
        }
        name = unique((inbound ? "in_" : "out_") + inner.replace('.', '_'));
        ports.put(key, name);
        add(new NirNode(name, inbound ? "Input" : "Output", Map.of("shape", new NirArray(new int[]{1},
                new double[]{size})), Map.of(), null));
        if (inbound) {
            edge(name, inner);
        } else {
            edge(inner, name);
        }
        return name;
    }

    /** @return the graph with nested levels as NIRGraph nodes */
    NirGraph graph() {
        Map<String, NirNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : nodes.entrySet()) {
            Object o = e.getValue();
            out.put(e.getKey(), o instanceof NirNode ? (NirNode) o
                    : new NirNode(e.getKey(), "NIRGraph", Map.of(), Map.of(), ((NirLevel) o).graph()));
        }
        List<NirEdge> list = new ArrayList<>(edges);
        return new NirGraph(out, list);
    }
}
