package org.spikemesh.compiler;

import java.util.List;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * The synapses of one Dense, Sparse or DelayDense process: from one pre population to one or more post populations
 * (the same post index in each), with its fixed-point weights already prepared as Lava prepares them.
 *
 * @param id position in the flat network
 * @param process the synapse process
 * @param pre the population whose spikes drive it
 * @param posts the populations its activations feed
 * @param table connectivity, CSR by pre (its float weights are not kept: {@code weight()} is null)
 * @param weights prepared integer weights, one per table entry (truncated by sign mode and weight bits), packed:
 *                held once when one value serves all, else in 16 bits (they lie in -256..255); null for float_pt
 * @param weightExp the weight exponent (applied per synapse when &gt;= 0, to each step's sum when &lt; 0)
 */
public record SynapseGroup(int id, Synapses process, Population pre, List<Population> posts, SynapseTable table,
                           org.spikemesh.process.Values weights, int weightExp) {
    /** @return the process name */
    public String name() {
        return process.name();
    }
}
