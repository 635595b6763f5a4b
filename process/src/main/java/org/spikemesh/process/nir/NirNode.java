package org.spikemesh.process.nir;

import java.util.Map;
import java.util.Set;
import org.spikemesh.process.ModelException;

/**
 * One node of a NIR graph as stored in the file: its name, its type ({@code LIF}, {@code Affine}, ...), its numeric
 * and text parameters, and for a {@code NIRGraph} node the nested graph.
 *
 * @param name node name within its graph
 * @param type NIR type name
 * @param numbers numeric parameters by name
 * @param texts text parameters by name (e.g. a padding of {@code same})
 * @param graph the nested graph of a {@code NIRGraph} node, else null
 */
public record NirNode(String name, String type, Map<String, NirArray> numbers, Map<String, String> texts,
                      NirGraph graph) {
    /**
     * @param name node name within its graph
     * @param type NIR type name
     * @param numbers numeric parameters by name
     * @param texts text parameters by name
     * @param graph the nested graph, or null
     */
    public NirNode {
        numbers = Map.copyOf(numbers);
        texts = Map.copyOf(texts);
    }

    /** @return the names of all parameters */
    public Set<String> parameterNames() {
        java.util.TreeSet<String> s = new java.util.TreeSet<>(numbers.keySet());
        s.addAll(texts.keySet());
        return s;
    }

    /**
     * @param key a parameter name
     * @return true when the node has that numeric parameter
     */
    public boolean has(String key) {
        return numbers.containsKey(key);
    }

    /**
     * @param key a parameter name
     * @return the numeric parameter
     * @throws ModelException naming the node and the parameters it has
     */
    public NirArray number(String key) {
        NirArray a = numbers.get(key);
        if (a == null && texts.containsKey(key)) {
            throw new ModelException("node '" + name + "' (" + type + "): parameter '" + key + "' is text ('"
                    + texts.get(key) + "'), not a number");
        }
        if (a == null) {
            throw new ModelException("node '" + name + "' (" + type + "): parameter '" + key
                    + "' is missing; it has " + parameterNames());
        }
        return a;
    }
}
