package org.spikemesh.process.nir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikemesh.process.Connection;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.DelayDense;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.Synapses;

/**
 * Turns a process graph into a NIR graph (docs/nir.md, "Export"), the inverse of {@link NirImporter} at the same
 * dt: a {@link SpikeInput} becomes an Input node, a LIF or CubaNeuron a neuron node ({@link NeuronExport}), a
 * synapse group one Linear per delay ({@link SynapseExport}), followed by a Delay node for a delay of d &gt; 0 steps
 * ({@code d * dt} seconds), and a neuron's constant current the bias of an Affine on one of its synapse groups.
 * Hierarchical processes become nested NIRGraph nodes with an Input or Output port node for each edge that crosses
 * their boundary ({@link NirLevel}). Every neuron whose spikes feed nothing (and every non-spiking neuron) is shown by
 * a top-level Output node; when every neuron feeds others (a closed loop), every spiking neuron is, as nir.read needs
 * an Output. Node names are the processes' names within their parent.
 */
public final class NirExporter {
    /** The NIR version whose layout the export follows. */
    public static final String NIR_VERSION = "1.0.7";
    private static final String SUPPORTED = "NIR export supports SpikeInput, LIF, CubaNeuron, Dense, Sparse, DelayDense"
            + " and hierarchical processes of these";

    /**
     * @param dt the time step in seconds that the import will use
     * @param model the arithmetic the network runs in (fixed_pt LIFs and weights are exported as their
     *              continuous equivalent)
     */
    public record Options(double dt, NumericModel model) {
        /**
         * @param dt time step
         * @param model arithmetic
         */
        public Options {
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new ModelException("dt must be a positive number of seconds, got " + dt);
            }
            java.util.Objects.requireNonNull(model, "model");
        }
    }

    /**
     * @param file the NIR graph (with {@link #NIR_VERSION})
     * @param reset the reset mode to import it with (null when no neuron spikes)
     * @param warnings parameters that import back only to within one rounding
     */
    public record Result(NirFile file, CubaNeuron.Reset reset, List<String> warnings) {
    }

    private final Options options;
    private final List<String> warnings = new ArrayList<>();
    private final NirLevel top = new NirLevel();
    private final Map<Process, List<String>> entries = new IdentityHashMap<>();
    private final Map<Process, List<String>> exits = new IdentityHashMap<>();
    private final Map<Process, NeuronExport.Result> neurons = new IdentityHashMap<>();
    private final Map<Process, String> names = new IdentityHashMap<>();
    private final Set<CubaNeuron.Reset> resets = new LinkedHashSet<>();

    private NirExporter(Options options) {
        this.options = options;
    }

    /**
     * @param graph the network
     * @param options dt and arithmetic
     * @return the NIR graph
     * @throws ModelException one line naming the process NIR cannot express, its type and what is supported
     */
    public static Result export(ProcessGraph graph, Options options) {
        NirExporter e = new NirExporter(options);
        try {
            return e.run(graph);
        } catch (ModelException ex) {
            String src = graph.source();
            throw src == null || ex.getMessage().startsWith(src) ? ex : new ModelException(src + ": " + ex.getMessage());
        }
    }

    private Result run(ProcessGraph graph) {
        for (Process p : graph.processes()) {
            check(p);
        }
        graph.validate(options.model());
        Map<Process, double[]> biases = neurons(graph);
        for (Process p : graph.processes()) {
            emit(p, biases.get(p));
        }
        for (Connection c : graph.connections()) {
            for (String x : exits.get(c.from().owner())) {
                for (String y : entries.get(c.to().owner())) {
                    link(path(c.from().owner()), x, path(c.to().owner()), y, c.from().size());
                }
            }
        }
        outputs(graph);
        NirFile f = new NirFile(graph.source() == null ? "network" : graph.source(), NIR_VERSION, top.graph());
        return new Result(f, resets.isEmpty() ? null : resets.iterator().next(), List.copyOf(warnings));
    }

    /**
     * Exports every neuron and picks the synapse group that carries each constant current.
     *
     * @param graph the network
     * @return synapse group -&gt; the constant current it carries as an Affine bias
     */
    private Map<Process, double[]> neurons(ProcessGraph graph) {
        Map<Process, double[]> biases = new IdentityHashMap<>();
        NeuronExport ne = new NeuronExport(options.dt(), warnings);
        for (Process p : graph.processes()) {
            if (NeuronExport.isNeuron(p)) {
                NeuronExport.Result r = ne.export(p, name(p), options.model());
                neurons.put(p, r);
                if (r.reset() != null) {
                    resets.add(r.reset());
                }
                if (r.currentBias() != null) {
                    biases.put(carrier(p, graph), r.currentBias());
                }
            }
        }
        if (resets.size() > 1) {
            throw new ModelException("neurons reset both to zero and by subtraction; a NIR graph is imported with one"
                    + " reset mode (--reset), so export networks whose neurons reset alike");
        }
        return biases;
    }

    private static void check(Process p) {
        // the three synapse types by name: a plastic synapse group (a subclass of Synapses) has no NIR form
        boolean known = p instanceof SpikeInput || NeuronExport.isNeuron(p) || p instanceof Dense || p instanceof Sparse
                || p instanceof DelayDense;
        if (!known) {
            throw ModelException.of(p.name(), null, "type " + p.type() + " has no NIR node; " + SUPPORTED);
        }
        if (p instanceof SpikeInput && p.parent() != null) {
            throw ModelException.of(p.name(), null, "a SpikeInput inside a hierarchical process cannot be exported:"
                    + " NIR Input nodes of nested graphs are ports; put the input at the top level");
        }
    }

    /** @return the synapse group that carries a neuron's constant current as its Affine bias */
    private static Process carrier(Process neuron, ProcessGraph graph) {
        for (Connection c : graph.inputsOf(neuron)) {
            Process s = c.from().owner();
            if (s instanceof Synapses && graph.connections().stream().filter(x -> x.from() == c.from()).count() == 1) {
                return s;
            }
        }
        throw ModelException.of(neuron.name(), "bias", "a constant input needs a synapse group that feeds only this"
                + " neuron, to be written as the bias of a NIR Affine; connect one (all weights 0 will do)");
    }

    private String name(Process p) {
        return names.computeIfAbsent(p, k -> level(path(k)).unique(k.localName()));
    }

    private static List<String> path(Process p) {
        List<String> r = new ArrayList<>();
        for (Process a = p.parent(); a != null; a = a.parent()) {
            r.add(0, a.localName());
        }
        return r;
    }

    private NirLevel level(List<String> path) {
        NirLevel l = top;
        for (String s : path) {
            l = l.child(s);
        }
        return l;
    }

    private void emit(Process p, double[] bias) {
        NirLevel l = level(path(p));
        if (p instanceof SpikeInput) {
            int[] shape = ((SpikeInput) p).sOut().shape();
            double[] s = new double[shape.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = shape[i];
            }
            l.add(new NirNode(name(p), "Input", Map.of("shape", new NirArray(new int[]{s.length}, s)), Map.of(), null));
            exits.put(p, List.of(name(p)));
        } else if (NeuronExport.isNeuron(p)) {
            l.add(neurons.get(p).node());
            entries.put(p, List.of(name(p)));
            exits.put(p, List.of(name(p)));
        } else {
            synapses((Synapses) p, l, bias);
        }
    }

    private void synapses(Synapses s, NirLevel l, double[] bias) {
        Map<Integer, double[]> byDelay = SynapseExport.matrices(s, options.model());
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        int[] shape = {s.numOutputs(), s.numInputs()};
        double[] carried = bias;
        for (Map.Entry<Integer, double[]> e : byDelay.entrySet()) {
            String lin = byDelay.size() == 1 ? name(s) : l.unique(name(s) + "_d" + e.getKey());
            Map<String, NirArray> params = new HashMap<>();
            params.put("weight", new NirArray(shape, e.getValue()));
            if (carried != null) {
                params.put("bias", new NirArray(new int[]{s.numOutputs()}, carried));
            }
            l.add(new NirNode(lin, carried != null ? "Affine" : "Linear", params, Map.of(), null));
            carried = null;
            in.add(lin);
            if (e.getKey() == 0) {
                out.add(lin);
                continue;
            }
            String delay = l.unique(lin + "_delay");
            double[] d = new double[s.numOutputs()];
            java.util.Arrays.fill(d, e.getKey() * options.dt());
            l.add(new NirNode(delay, "Delay", Map.of("delay", new NirArray(new int[]{d.length}, d)), Map.of(), null));
            l.edge(lin, delay);
            out.add(delay);
        }
        entries.put(s, in);
        exits.put(s, out);
    }

    /** Adds an edge from node x (graph path pa) to node y (graph path pb), through port nodes of nested graphs. */
    private void link(List<String> pa, String x, List<String> pb, String y, int size) {
        int k = 0;
        while (k < pa.size() && k < pb.size() && pa.get(k).equals(pb.get(k))) {
            k++;
        }
        String from = x;
        for (int d = pa.size(); d > k; d--) {
            List<String> p = pa.subList(0, d);
            from = p.get(d - 1) + "." + level(p).outPort(from, size);
        }
        for (int d = k + 1; d <= pb.size(); d++) {
            List<String> p = pb.subList(0, d);
            String port = level(p).inPort(from, size);
            level(pb.subList(0, d - 1)).edge(from, p.get(d - 1) + "." + port);
            from = port;
        }
        level(pb).edge(from, y);
    }

    private void outputs(ProcessGraph graph) {
        List<Process> sinks = new ArrayList<>();
        List<Process> spiking = new ArrayList<>();
        for (Process p : graph.processes()) {
            if (NeuronExport.isNeuron(p) && sendsNothing(p, graph)) {
                sinks.add(p);
            }
            if (NeuronExport.isNeuron(p) && !p.outPorts().isEmpty()) {
                spiking.add(p);
            }
        }
        if (sinks.isEmpty()) {
            sinks = spiking;
        }
        for (Process p : sinks) {
            String out = top.unique(sinks.size() == 1 ? "output" : "output_" + p.name().replace('/', '_'));
            int size = p.inPort("a_in").size();
            top.add(new NirNode(out, "Output", Map.of("shape", new NirArray(new int[]{1}, new double[]{size})),
                    Map.of(), null));
            link(path(p), name(p), List.of(), out, size);
        }
    }

    private static boolean sendsNothing(Process p, ProcessGraph graph) {
        for (Connection c : graph.connections()) {
            if (c.from().owner() == p) {
                return false;
            }
        }
        return true;
    }
}
