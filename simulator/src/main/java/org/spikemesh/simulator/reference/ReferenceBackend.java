package org.spikemesh.simulator.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Connection;
import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningSynapses;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.Synapses;
import org.spikemesh.process.lib.VarMonitor;
import org.spikemesh.process.lib.VarWriter;
import org.spikemesh.simulator.Backend;
import org.spikemesh.simulator.HostPorts;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;

/**
 * Runs a {@link ProcessGraph} directly, one thread, step by step with Lava's semantics: at step t every delay
 * element (Dense, Sparse, DelayDense) first sends what it accumulated at t-1, then sources and neurons update in
 * dependency order, then the delay elements take in the spikes of step t. Probes are read after the step; then
 * RefPort reads ({@link VarMonitor}) and writes ({@link VarWriter}) are applied, in that order.
 */
public final class ReferenceBackend implements Backend {
    private final ProcessGraph graph;
    private final NumericModel model;
    private final List<Node> delayNodes = new ArrayList<>();
    private final List<Node> ordered = new ArrayList<>();
    private final Map<Process, Node> nodes = new IdentityHashMap<>();
    private final List<Node> spiking = new ArrayList<>();
    private final HostPorts hostPorts;
    private final List<Var> probes;
    private final List<RunListener> listeners;
    private boolean closed;
    private final boolean recordSpikes;
    private int step;
    private boolean timing;
    private long synapseNanos;
    private long neuronNanos;

    /**
     * @param graph the network
     * @param config arithmetic, seed, probes, listeners
     */
    public ReferenceBackend(ProcessGraph graph, RunConfig config) {
        this.graph = graph;
        this.model = resolveModel(graph, config.model());
        graph.validate(model);
        this.probes = config.probes();
        this.listeners = config.listeners();
        this.recordSpikes = config.recordSpikes();
        this.hostPorts = new HostPorts(graph);
        build(config.seed());
    }

    /**
     * The arithmetic of a run: the requested one, else the one the network's LIFs declare (a {@link CubaNeuron}
     * declares float_pt), else fixed_pt.
     *
     * @param graph network
     * @param requested requested model or null
     * @return the model
     */
    public static NumericModel resolveModel(ProcessGraph graph, NumericModel requested) {
        if (requested != null) {
            return requested;
        }
        NumericModel found = null;
        for (Process p : graph.processes()) {
            NumericModel m = p instanceof LIF ? ((LIF) p).model() : p instanceof CubaNeuron ? NumericModel.FLOAT_PT : null;
            if (m != null) {
                if (found != null && found != m) {
                    throw ModelException.of(p.name(), "model", "is " + m.tag() + " but another neuron is " + found.tag()
                            + "; one run uses one arithmetic (choose with --model)");
                }
                found = m;
            }
        }
        return found == null ? NumericModel.FIXED_PT : found;
    }

    /** @return the arithmetic this run uses */
    public NumericModel model() {
        return model;
    }

    private void build(long seed) {
        boolean fixed = model == NumericModel.FIXED_PT;
        Map<OutPort, SpikeBuffer> spikeOut = new HashMap<>();
        Map<OutPort, ActivationBuffer> actOut = new HashMap<>();
        for (Process p : graph.processes()) {
            for (OutPort o : p.outPorts().values()) {
                if (o.kind() == Port.Kind.ACTIVATION) {
                    actOut.put(o, new ActivationBuffer(o.size(), fixed));
                }
            }
        }
        // sources and neurons first create their own spike buffers; delay elements read them
        List<Process> order = graph.schedule();
        for (Process p : order) {
            if (p instanceof VarMonitor || p instanceof VarWriter) {
                continue;
            }
            Node n = create(p, fixed, seed, spikeOut, actOut);
            nodes.put(p, n);
            ordered.add(n);
            if (n.spikesOut() != null) {
                spikeOut.put(p.outPorts().values().iterator().next(), n.spikesOut());
                spiking.add(n);
            }
        }
        for (Process p : graph.processes()) {
            if (p.isDelayElement()) {
                Node n = create(p, fixed, seed, spikeOut, actOut);
                nodes.put(p, n);
                delayNodes.add(n);
            }
        }
    }

    private Node create(Process p, boolean fixed, long seed, Map<OutPort, SpikeBuffer> spikeOut,
                        Map<OutPort, ActivationBuffer> actOut) {
        if (p instanceof LIF) {
            LIF lif = (LIF) p;
            ActivationInPort in = activationIn(lif.aIn(), spikeOut, actOut, fixed);
            return fixed ? new LifFixedNode(lif, in) : new LifFloatNode(lif, in);
        }
        if (p instanceof CubaNeuron) {
            CubaNeuron c = (CubaNeuron) p;
            return new CubaNeuronFloatNode(c, activationIn(c.aIn(), spikeOut, actOut, fixed));
        }
        if (p instanceof LearningSynapses) {
            LearningSynapses l = (LearningSynapses) p;
            return new LearningNode(l, spikeIn(l.sIn(), spikeOut), spikeIn(l.sInBap(), spikeOut), actOut.get(l.aOut()),
                    fixed, seed);
        }
        if (p instanceof Synapses) {
            Synapses s = (Synapses) p;
            SpikeInPort in = spikeIn(s.sIn(), spikeOut);
            ActivationBuffer out = actOut.get(s.aOut());
            return fixed ? new SynapseFixedNode(s, in, out) : new SynapseFloatNode(s, in, out);
        }
        if (p instanceof SpikeInput) {
            return new SpikeInputNode((SpikeInput) p);
        }
        if (p instanceof PoissonSource) {
            return new PoissonNode((PoissonSource) p, seed);
        }
        throw ModelException.of(p.name(), null, "process type " + p.type() + " is not supported by the reference backend");
    }

    private List<Connection> into(InPort port) {
        List<Connection> r = new ArrayList<>();
        for (Connection c : graph.connections()) {
            if (c.to() == port) {
                r.add(c);
            }
        }
        return r;
    }

    private ActivationInPort activationIn(InPort port, Map<OutPort, SpikeBuffer> spikeOut,
                                          Map<OutPort, ActivationBuffer> actOut, boolean fixed) {
        List<Connection> cs = into(port);
        if (cs.isEmpty()) {
            return null;
        }
        List<ActivationBuffer> acts = new ArrayList<>();
        List<SpikeBuffer> spikes = new ArrayList<>();
        for (Connection c : cs) {
            if (c.from().kind() == Port.Kind.ACTIVATION) {
                acts.add(actOut.get(c.from()));
            } else {
                spikes.add(requireSpikes(c, spikeOut));
            }
        }
        return new ActivationInPort(acts.toArray(new ActivationBuffer[0]), spikes.toArray(new SpikeBuffer[0]),
                port.size(), fixed);
    }

    private SpikeInPort spikeIn(InPort port, Map<OutPort, SpikeBuffer> spikeOut) {
        List<SpikeBuffer> srcs = new ArrayList<>();
        for (Connection c : into(port)) {
            srcs.add(requireSpikes(c, spikeOut));
        }
        return new SpikeInPort(srcs.toArray(new SpikeBuffer[0]), port.size());
    }

    private static SpikeBuffer requireSpikes(Connection c, Map<OutPort, SpikeBuffer> spikeOut) {
        SpikeBuffer b = spikeOut.get(c.from());
        if (b == null) {
            throw ModelException.of(c.to().owner().name(), c.to().name(), "input from " + c.from().qualifiedName()
                    + " is not supported: connect spike outputs (s_out) to s_in");
        }
        return b;
    }

    /**
     * Measures the time spent in the synapse phases (emit and receive of delay elements) apart from the rest, for
     * benchmarks: two clock reads per phase per step.
     *
     * @param on true to measure
     */
    public void timePhases(boolean on) {
        timing = on;
    }

    /** @return ns spent in synapse phases (emit and receive) since phase timing was switched on */
    public long synapseNanos() {
        return synapseNanos;
    }

    /** @return ns spent updating sources and neurons since phase timing was switched on */
    public long neuronNanos() {
        return neuronNanos;
    }

    @Override
    public void step() {
        requireOpen();
        int t = ++step;
        long t0 = timing ? System.nanoTime() : 0;
        for (int i = 0, n = delayNodes.size(); i < n; i++) {
            delayNodes.get(i).emit(t);
        }
        long t1 = timing ? System.nanoTime() : 0;
        for (int i = 0, n = ordered.size(); i < n; i++) {
            ordered.get(i).step(t);
        }
        long t2 = timing ? System.nanoTime() : 0;
        for (int i = 0, n = delayNodes.size(); i < n; i++) {
            delayNodes.get(i).receive(t);
        }
        if (timing) {
            long t3 = System.nanoTime();
            synapseNanos += (t1 - t0) + (t3 - t2);
            neuronNanos += t2 - t1;
        }
        if (!listeners.isEmpty()) {
            report(t);
        }
        if (!hostPorts.isEmpty()) {
            hostPorts.apply(t, this);
        }
    }

    private void report(int t) {
        if (recordSpikes) {
            for (Node n : spiking) {
                SpikeBuffer s = n.spikesOut();
                for (RunListener l : listeners) {
                    l.spikes(t, n.process, s.idx, s.n);
                }
            }
        }
        for (Var v : probes) {
            double[] values = read(v);
            for (RunListener l : listeners) {
                l.values(t, v, values);
            }
        }
        for (RunListener l : listeners) {
            l.stepEnded(t);
        }
    }

    @Override
    public int currentStep() {
        return step;
    }

    private Node node(Var var) {
        requireOpen();
        Node n = nodes.get(var.owner());
        if (n == null) {
            throw ModelException.of(var.owner().name(), var.name(), "is not part of this run");
        }
        return n;
    }

    /**
     * A Var of a VarMonitor or VarWriter of the run (the host runs them between steps, they have no node) is read as
     * the process holds it, as on the chip engine ({@link HostPorts#runs}): a monitor's {@code data} is recorded
     * there. Probing one failed in the middle of the run, saying the monitor was "not part of this run".
     */
    @Override
    public double[] read(Var var) {
        if (hostPorts.runs(var.owner())) {
            requireOpen();
            return var.get();
        }
        return node(var).read(var);
    }

    @Override
    public void write(Var var, double[] values) {
        if (hostPorts.runs(var.owner())) {
            requireOpen();
            throw HostPorts.notWritable(var);
        }
        node(var).write(var, values);
    }

    @Override
    public void close() {
        closed = true;
        nodes.clear();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("reference backend is closed");
        }
    }
}
