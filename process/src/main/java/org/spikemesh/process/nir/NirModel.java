package org.spikemesh.process.nir;

import java.util.List;
import java.util.Map;
import org.spikemesh.process.io.Network;

/**
 * The result of a NIR import: the network and what became of the graph's nodes.
 *
 * @param network the processes and connections (float_pt)
 * @param inputs NIR Input node -&gt; the SpikeInput process that stands for it
 * @param outputs NIR Output node -&gt; the processes whose spikes or voltages it shows
 * @param processes NIR node (nested graphs joined with '.') -&gt; process, for Inputs, neurons and readouts
 * @param warnings things that were repaired or rounded, one line each
 * @param dt the time step used, in seconds
 * @param version the file's NIR version, or null
 */
public record NirModel(Network network, Map<String, String> inputs, Map<String, List<String>> outputs,
                       Map<String, String> processes, List<String> warnings, double dt, String version) {
    /**
     * @param network the network
     * @param inputs inputs
     * @param outputs outputs
     * @param processes node to process names
     * @param warnings warnings
     * @param dt time step
     * @param version NIR version
     */
    public NirModel {
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
        processes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(processes));
        warnings = List.copyOf(warnings);
    }
}
