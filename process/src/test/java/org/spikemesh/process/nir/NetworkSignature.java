package org.spikemesh.process.nir;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.spikemesh.process.Connection;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * What a float network computes, independent of how its synapses are grouped into processes and of hierarchy:
 * every SpikeInput's shape, every CubaNeuron's parameters, and the summed weight of every (source neuron, target
 * neuron, delay). Process names are flattened as the NIR importer does ({@code g/n} is {@code g_n}). Two networks
 * with equal signatures give the same spikes.
 */
public final class NetworkSignature {
    private NetworkSignature() {
    }

    /**
     * @param g a network of SpikeInputs, CubaNeurons and synapse groups
     * @return parameters and synapses as sorted text keys and values
     */
    public static Map<String, String> of(ProcessGraph g) {
        Map<String, String> sig = new TreeMap<>();
        for (Process p : g.processes()) {
            String name = flat(p);
            if (p instanceof SpikeInput) {
                sig.put("input " + name, Arrays.toString(((SpikeInput) p).sOut().shape()));
            } else if (p instanceof CubaNeuron) {
                CubaNeuron c = (CubaNeuron) p;
                sig.put("neuron " + name, Arrays.toString(c.aIn().shape()) + " spiking=" + c.spiking()
                        + (c.spiking() ? " reset=" + c.reset() : ""));
                for (String v : new String[]{"du", "dv", "u_gain", "v_gain", "bias", "v_leak", "vth", "v_reset"}) {
                    sig.put("neuron " + name + "." + v, Arrays.toString(c.var(v).get()));
                }
            }
        }
        Map<String, Double> w = new TreeMap<>();
        for (Process p : g.processes()) {
            if (p instanceof Synapses) {
                synapses((Synapses) p, g, w);
            }
        }
        w.forEach((k, v) -> {
            if (v != 0) {
                sig.put("synapse " + k, Double.toString(v));
            }
        });
        return sig;
    }

    private static void synapses(Synapses s, ProcessGraph g, Map<String, Double> w) {
        SynapseTable t = s.table();
        for (Connection in : g.inputsOf(s)) {
            for (Connection out : g.connections()) {
                if (out.from().owner() != s) {
                    continue;
                }
                for (int i = 0; i < t.numInputs(); i++) {
                    for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                        int d = t.delay() == null ? 0 : t.delay()[k];
                        String key = flat(in.from().owner()) + "[" + i + "] -> " + flat(out.to().owner()) + "["
                                + t.post()[k] + "] delay " + d;
                        w.merge(key, t.weight().get(k), Double::sum);
                    }
                }
            }
        }
    }

    private static String flat(Process p) {
        return p.name().replace('/', '_');
    }
}
