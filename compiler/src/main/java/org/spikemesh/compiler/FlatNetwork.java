package org.spikemesh.compiler;

import java.util.List;
import org.spikemesh.process.NumericModel;

/**
 * A network as the compiler sees it: neuron populations and the synapse groups between them.
 *
 * @param populations neuron and source populations, in the graph's order
 * @param groups synapse groups
 * @param model the arithmetic of the network
 */
public record FlatNetwork(List<Population> populations, List<SynapseGroup> groups, NumericModel model) {
    /** @return total neurons */
    public long neurons() {
        long n = 0;
        for (Population p : populations) {
            n += p.size();
        }
        return n;
    }

    /** @return total synapses */
    public long synapses() {
        long n = 0;
        for (SynapseGroup g : groups) {
            n += (long) g.table().size() * g.posts().size();
        }
        return n;
    }
}
