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
 * {@code NIRGraph} node), its edges, and the Input/Output port nodes made for data that crosses its boundary: one
 * Input per outside source, one Output per inside source. When a nested graph ends up with a single Input (or
 * Output), it is named {@code input} ({@code output}) and the edges outside name the graph itself, as nir writes
 * nested graphs and as nir.read's type inference needs; otherwise edges name the port as {@code graph.port}.
 */
final class NirLevel {
    private final Map<String, Object> nodes = new LinkedHashMap<>();
    private final Set<NirEdge> edges = new LinkedHashSet<>();
    private final Map<String, String> inPorts = new LinkedHashMap<>();
    private final Map<String, String> outPorts = new LinkedHashMap<>();

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
        return (NirLevel) nodes.computeIfAbsent(name, k -> new NirLevel());
    }

    void edge(String from, String to) {
        edges.add(new NirEdge(from, to));
    }

    /**
     * @param source the reference, in the enclosing level, of the data that enters
     * @param size the number of values
     * @return the Input node of this level for that source, made once
     */
    String inPort(String source, int size) {
        return inPorts.computeIfAbsent(source, k -> port("in_" + k.replace('.', '_'), "Input", size));
    }

    /**
     * @param inner the node of this level whose output leaves
     * @param size the number of values
     * @return the Output node of this level for it, made once with its edge
     */
    String outPort(String inner, int size) {
        String name = outPorts.get(inner);
        if (name == null) {
            name = port("out_" + inner.replace('.', '_'), "Output", size);
            outPorts.put(inner, name);
            edge(inner, name);
        }
        return name;
    }

    private String port(String base, String type, int size) {
        String name = unique(base);
        add(new NirNode(name, type, Map.of("shape", new NirArray(new int[]{1}, new double[]{size})), Map.of(), null));
        return name;
    }

    /** @return the graph with nested levels as NIRGraph nodes, single ports named input/output */
    NirGraph graph() {
        Map<String, String> refs = new HashMap<>();
        Map<String, NirNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : nodes.entrySet()) {
            Object o = e.getValue();
            if (o instanceof NirNode) {
                out.put(e.getKey(), (NirNode) o);
                continue;
            }
            NirLevel c = (NirLevel) o;
            c.single(c.inPorts, "input", e.getKey(), refs);
            c.single(c.outPorts, "output", e.getKey(), refs);
            out.put(e.getKey(), new NirNode(e.getKey(), "NIRGraph", Map.of(), Map.of(), c.graph()));
        }
        List<NirEdge> list = new ArrayList<>();
        for (NirEdge e : edges) {
            list.add(new NirEdge(refs.getOrDefault(e.from(), e.from()), refs.getOrDefault(e.to(), e.to())));
        }
        return new NirGraph(out, List.copyOf(new LinkedHashSet<>(list)));
    }

    /**
     * When this level has exactly one port of a kind, names it {@code wanted} (if free) and lets the enclosing level
     * refer to it by the level's own name; otherwise the enclosing level refers to {@code level.port}.
     */
    private void single(Map<String, String> ports, String wanted, String levelName, Map<String, String> refs) {
        if (ports.size() != 1) {
            return;
        }
        Map.Entry<String, String> p = ports.entrySet().iterator().next();
        String old = p.getValue();
        refs.put(levelName + "." + old, levelName);
        if (old.equals(wanted) || nodes.containsKey(wanted)) {
            return;
        }
        NirNode n = (NirNode) nodes.get(old);
        Map<String, Object> renamed = new LinkedHashMap<>();
        nodes.forEach((k, v) -> renamed.put(k.equals(old) ? wanted : k, k.equals(old)
                ? new NirNode(wanted, n.type(), n.numbers(), n.texts(), null) : v));
        nodes.clear();
        nodes.putAll(renamed);
        List<NirEdge> es = new ArrayList<>(edges);
        edges.clear();
        for (NirEdge e : es) {
            edges.add(new NirEdge(e.from().equals(old) ? wanted : e.from(), e.to().equals(old) ? wanted : e.to()));
        }
        p.setValue(wanted);
    }
}
