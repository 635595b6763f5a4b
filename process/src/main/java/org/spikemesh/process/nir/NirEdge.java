package org.spikemesh.process.nir;

/**
 * A directed edge of a NIR graph: the output of node {@code from} feeds node {@code to}.
 *
 * @param from source node name
 * @param to target node name
 */
public record NirEdge(String from, String to) {
    @Override
    public String toString() {
        return "'" + from + "' -> '" + to + "'";
    }
}
