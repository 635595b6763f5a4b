package org.spikemesh.compiler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Connection;
import org.spikemesh.process.InPort;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningSynapses;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * Stage 1: turns a (possibly hierarchical) process graph into populations and synapse groups. Hierarchy is already
 * flattened by {@link ProcessGraph}; this stage checks that every connection is one a chip can carry: spikes from a
 * population into one synapse process, activations from a synapse process into LIF inputs.
 */
public final class Flattener {
    private Flattener() {
    }

    /**
     * @param graph the network
     * @param model the arithmetic it is compiled for
     * @return its populations and synapse groups
     */
    public static FlatNetwork flatten(ProcessGraph graph, NumericModel model) {
        graph.validate(model);
        Map<Process, Population> pops = new IdentityHashMap<>();
        List<Population> populations = new ArrayList<>();
        for (Process p : graph.processes()) {
            if (p instanceof LIF || p instanceof SpikeInput || p instanceof PoissonSource) {
                Population pop = new Population(populations.size(), p, p.outPorts().values().iterator().next().size());
                populations.add(pop);
                pops.put(p, pop);
            } else if (p instanceof org.spikemesh.process.lib.VarMonitor
                    || p instanceof org.spikemesh.process.lib.VarWriter) {
                continue; // run by the host between steps (simulator.HostPorts), not mapped to a core
            } else if (!(p instanceof Synapses)) {
                throw new MappingException(p.name() + ": process type " + p.type()
                        + " has no chip mapping; the compiler maps LIF, Dense, Sparse, DelayDense, SpikeInput and PoissonSource");
            }
        }
        List<SynapseGroup> groups = new ArrayList<>();
        for (Process p : graph.processes()) {
            if (p instanceof Synapses) {
                groups.add(group((Synapses) p, graph, pops, groups.size(), model));
            }
        }
        for (Population pop : populations) {
            if (pop.isNeuron()) {
                checkNeuronInputs((LIF) pop.process(), graph);
            }
        }
        return new FlatNetwork(List.copyOf(populations), List.copyOf(groups), model);
    }

    private static SynapseGroup group(Synapses s, ProcessGraph graph, Map<Process, Population> pops, int id,
                                      NumericModel model) {
        List<Connection> in = into(graph, s.sIn());
        if (in.size() > 1) {
            throw new MappingException(s.name() + ".s_in: " + in.size() + " sources drive it; a chip core receives one"
                    + " population per synapse process: give each source its own Dense or Sparse");
        }
        Population pre = in.isEmpty() ? null : pops.get(in.get(0).from().owner());
        List<Population> posts = new ArrayList<>();
        for (Connection c : graph.connections()) {
            if (c.from() == s.aOut()) {
                Population post = pops.get(c.to().owner());
                if (post == null || !post.isNeuron()) {
                    throw new MappingException(s.name() + ".a_out: drives " + c.to().qualifiedName()
                            + "; on a chip synapses feed LIF inputs (a_in) only");
                }
                posts.add(post);
            }
        }
        if (s instanceof LearningSynapses) {
            checkLearning((LearningSynapses) s, graph, pre, posts);
        }
        // the table shares the process's arrays and its packed weights: prepare the integer weights from it as
        // Synapses#preparedWeights does, then keep only the connectivity
        SynapseTable t = s.table();
        org.spikemesh.process.Values weights = null;
        if (model == NumericModel.FIXED_PT) {
            SignMode mode = s.declaredSignMode() != null ? s.declaredSignMode() : SignMode.of(t.weight());
            org.spikemesh.process.Values given = t.weight();
            // packed as they are prepared: CUBA's one weight per process is held once, others in 16 bits
            weights = org.spikemesh.process.Values.of(t.size(),
                    k -> FixedPoint.prepareWeight((long) given.get(k), mode, s.numWeightBits()));
        }
        // the compiler needs the connectivity and the prepared integer weights, not a second copy of the doubles
        SynapseTable connectivity = new SynapseTable(t.numInputs(), t.numOutputs(), t.rowStart(), t.post(), null,
                t.delay());
        if (weights != null && !(s instanceof LearningSynapses)) {
            return withoutZeros(id, s, pre, posts, connectivity, weights);
        }
        return new SynapseGroup(id, s, pre, List.copyOf(posts), connectivity, weights, s.weightExp());
    }

    /**
     * A static synapse whose weight the fixed-point preparation makes 0 (truncated by num_weight_bits, or clipped to 0
     * by an excitatory or inhibitory sign mode) changes nothing and is not stored on the chip, as a weight given as 0
     * is not: it would cost synapse memory, a synaptic op per spike and, when a core holds only such synapses of a
     * source, a message. Plastic synapses keep theirs (a weight of 0 may grow). The arrays are copied only when some
     * weight is 0.
     */
    private static SynapseGroup withoutZeros(int id, Synapses s, Population pre, List<Population> posts,
                                             SynapseTable t, org.spikemesh.process.Values weights) {
        int n = t.size();
        int kept = 0;
        for (int k = 0; k < n; k++) {
            kept += weights.get(k) != 0 ? 1 : 0;
        }
        if (kept == n) {
            return new SynapseGroup(id, s, pre, List.copyOf(posts), t, weights, s.weightExp());
        }
        int[] rowStart = new int[t.numInputs() + 1];
        int[] post = new int[kept];
        int[] delay = t.delay() == null ? null : new int[kept];
        int[] w = new int[kept];
        int j = 0;
        for (int i = 0; i < t.numInputs(); i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                if (weights.get(k) != 0) {
                    post[j] = t.post()[k];
                    if (delay != null) {
                        delay[j] = t.delay()[k];
                    }
                    w[j++] = (int) weights.get(k);
                }
            }
            rowStart[i + 1] = j;
        }
        SynapseTable nonZero = new SynapseTable(t.numInputs(), t.numOutputs(), rowStart, post, null, delay);
        return new SynapseGroup(id, s, pre, List.copyOf(posts), nonZero,
                org.spikemesh.process.Values.of(kept, k -> w[k]), s.weightExp());
    }

    /**
     * On a chip a plastic synapse learns in the core of its post-synaptic neuron, from that neuron's own spikes: the
     * process needs one pre population, one post population, and s_in_bap fed by that post population.
     */
    private static void checkLearning(LearningSynapses s, ProcessGraph graph, Population pre, List<Population> posts) {
        if (pre == null || posts.size() != 1) {
            throw new MappingException(s.name() + ": a " + s.type() + " on the chip needs one source on s_in and one LIF"
                    + " population on a_out (found " + (pre == null ? 0 : 1) + " and " + posts.size() + ")");
        }
        List<Connection> bap = into(graph, s.sInBap());
        Process post = posts.get(0).process();
        if (bap.size() != 1 || bap.get(0).from().owner() != post) {
            throw new MappingException(s.name() + ".s_in_bap: on a chip the post-synaptic spikes come from the neurons"
                    + " the synapses feed; connect " + post.name() + ".s_out -> " + s.name() + ".s_in_bap (found "
                    + (bap.isEmpty() ? "no connection" : bap.get(0).from().qualifiedName()) + ")");
        }
    }

    private static void checkNeuronInputs(LIF lif, ProcessGraph graph) {
        for (Connection c : into(graph, lif.aIn())) {
            if (c.from().kind() != Port.Kind.ACTIVATION) {
                throw new MappingException(lif.name() + ".a_in: spikes from " + c.from().qualifiedName()
                        + " arrive without synapses; on a chip connect them through a Dense or Sparse process");
            }
        }
    }

    private static List<Connection> into(ProcessGraph graph, InPort port) {
        List<Connection> r = new ArrayList<>();
        for (Connection c : graph.connections()) {
            if (c.to() == port) {
                r.add(c);
            }
        }
        return r;
    }
}
