package org.spikemesh.process.nir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.spikemesh.process.Connection;
import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Process;
import org.spikemesh.process.Shape;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SpikeInput;

/**
 * Converts a NIR graph into float_pt processes, discretised with a time step {@code dt} (docs/nir.md):
 * <ul>
 *   <li>each top-level Input becomes a {@link SpikeInput} fed from the given input spikes;</li>
 *   <li>each neuron node (LIF, LI, IF, I, CubaLIF, CubaLI, Threshold) becomes a {@link CubaNeuron};</li>
 *   <li>the linear nodes between a spike source and a neuron (Affine, Linear, Scale, Flatten, Conv1d, Conv2d,
 *       SumPool2d, AvgPool2d, Delay, and the Input/Output nodes of nested graphs) are multiplied into one weight
 *       matrix per (source, neuron, delay), emitted as a {@link Dense} (dense matrices) or {@link Sparse} synapse
 *       group; Affine and convolution biases become the neuron's constant input {@code bias};</li>
 *   <li>several edges into one node are summed; a top-level Output fed through weights gets a non-spiking readout
 *       neuron named after it.</li>
 * </ul>
 * Every synapse group adds the one-step synaptic delay of Lava's Dense: a spike at step t reaches the neuron at
 * step t + 1 (+ the Delay node's steps).
 */
public final class NirImporter {
    /** NIR neuron node types. */
    public static final List<String> NEURON_TYPES = List.of("LIF", "LI", "IF", "I", "CubaLIF", "CubaLI", "Threshold");
    /** NIR linear node types (folded into synapse weights). */
    public static final List<String> LINEAR_TYPES = List.of("Affine", "Linear", "Scale", "Flatten", "Conv1d", "Conv2d",
            "SumPool2d", "AvgPool2d", "Delay");
    /** Every supported NIR node type. */
    public static final List<String> SUPPORTED_TYPES;

    static {
        List<String> all = new ArrayList<>(List.of("Input", "Output", "NIRGraph"));
        all.addAll(NEURON_TYPES);
        all.addAll(LINEAR_TYPES);
        SUPPORTED_TYPES = List.copyOf(all);
    }

    private static final String IDENTITY = "(port)";
    private static final long DENSE_LIMIT = 1L << 22;

    /** How a time constant becomes a decay per step. */
    public enum Discretisation {
        /** Forward Euler: decay {@code dt / tau} (Norse, snnTorch, Lava); needs {@code dt <= tau}. */
        EULER,
        /** Exact for an input held over the step: decay {@code 1 - exp(-dt / tau)} (Nengo, the exact solution). */
        EXP;

        /** @return the name used on the command line */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * @param text {@code euler} or {@code exp}
         * @return the scheme
         */
        public static Discretisation parse(String text) {
            for (Discretisation d : values()) {
                if (d.tag().equals(text.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return d;
                }
            }
            throw new ModelException("unknown discretisation '" + text + "': valid are euler, exp");
        }
    }

    /**
     * How to import: the time step, the reset mode, the input spikes and the discretisation.
     *
     * @param dt time step in seconds (&gt; 0)
     * @param reset what a spike does to v
     * @param inputs NIR Input node name -&gt; flat neuron index -&gt; steps (1-based) at which it spikes
     * @param discretisation how time constants become decays per step
     */
    public record Options(double dt, CubaNeuron.Reset reset, Map<String, Map<Integer, int[]>> inputs,
                          Discretisation discretisation) {
        /** The samples' time step, 1e-4 s. */
        public static final double DEFAULT_DT = 1e-4;

        /**
         * @param dt time step in seconds
         * @param reset reset mode
         * @param inputs input spikes by Input node
         * @param discretisation Euler or exponential
         */
        public Options {
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new ModelException("dt must be a positive number of seconds, got " + dt);
            }
            inputs = Map.copyOf(inputs);
            java.util.Objects.requireNonNull(discretisation, "discretisation");
        }

        /**
         * Forward Euler.
         *
         * @param dt time step in seconds
         * @param reset reset mode
         * @param inputs input spikes by Input node
         */
        public Options(double dt, CubaNeuron.Reset reset, Map<String, Map<Integer, int[]>> inputs) {
            this(dt, reset, inputs, Discretisation.EULER);
        }

        /** @return dt = 1e-4 s, reset zero, no input spikes */
        public static Options defaults() {
            return new Options(DEFAULT_DT, CubaNeuron.Reset.ZERO, Map.of());
        }
    }

    private final String file;
    private final Options options;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, FlatNode> flat = new LinkedHashMap<>();
    private final Map<FlatNode, int[]> outShapes = new HashMap<>();
    private final Set<FlatNode> shaping = new HashSet<>();
    private final Map<FlatNode, Expr> exprs = new HashMap<>();
    private final Set<FlatNode> composing = new HashSet<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<FlatNode, String> names = new HashMap<>();
    private final Map<FlatNode, OutPort> spikePorts = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    private NirImporter(String file, Options options) {
        this.file = file;
        this.options = options;
    }

    /**
     * Reads and converts a NIR file.
     *
     * @param path the .nir file
     * @param options time step, reset, input spikes
     * @return the network and what was made of each node
     * @throws ModelException one line naming the file and the node
     */
    public static NirModel load(Path path, Options options) {
        NirFile f = NirReader.read(path);
        return convert(f, options);
    }

    /**
     * Converts a graph that was read.
     *
     * @param f the file's graph
     * @param options time step, reset, input spikes
     * @return the network and what was made of each node
     */
    public static NirModel convert(NirFile f, Options options) {
        NirImporter imp = new NirImporter(f.source(), options);
        try {
            return imp.run(f);
        } catch (ModelException e) {
            if (e.getMessage().startsWith(f.source() + ":")) {
                throw e;
            }
            throw new ModelException(f.source() + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- flattening

    /** A non-graph node after nested graphs are flattened; id is the NIR path with '.' between graph levels. */
    private static final class FlatNode {
        final String id;
        final NirNode node;
        final String type;
        final List<FlatNode> preds = new ArrayList<>();
        final List<FlatNode> succs = new ArrayList<>();

        FlatNode(String id, NirNode node, String type) {
            this.id = id;
            this.node = node;
            this.type = type;
        }

        String describe() {
            return "node '" + id + "' (" + (type.equals(IDENTITY) ? node.type() + " of a nested graph" : type) + ")";
        }
    }

    private void flatten(NirGraph g, String prefix, boolean top) {
        for (NirNode n : g.nodes().values()) {
            String id = prefix + n.name();
            if ("NIRGraph".equals(n.type())) {
                flatten(n.graph(), id + ".", false);
                continue;
            }
            if (!SUPPORTED_TYPES.contains(n.type())) {
                throw new ModelException("node '" + id + "': type '" + n.type() + "' is not supported; supported are "
                        + SUPPORTED_TYPES);
            }
            boolean port = !top && ("Input".equals(n.type()) || "Output".equals(n.type()));
            flat.put(id, new FlatNode(id, n, port ? IDENTITY : n.type()));
        }
        Map<String, String> repaired = repairEdges(g, prefix);
        for (NirEdge e : g.edges()) {
            String from = repaired.getOrDefault(e.from(), e.from());
            String to = repaired.getOrDefault(e.to(), e.to());
            FlatNode a = flat.get(endpoint(g, prefix, from, true, e));
            FlatNode b = flat.get(endpoint(g, prefix, to, false, e));
            a.succs.add(b);
            b.preds.add(a);
        }
    }

    /**
     * Some exporters write an edge whose name differs from the node's (the braille "_subgraph" samples name node
     * 'lif1' but write edges to 'lif'). When exactly one name is missing and exactly one node of that graph is on
     * no edge, the edge is taken to mean that node, with a warning; otherwise the edge is an error.
     */
    private Map<String, String> repairEdges(NirGraph g, String prefix) {
        Set<String> missing = new java.util.LinkedHashSet<>();
        Set<String> referenced = new HashSet<>();
        for (NirEdge e : g.edges()) {
            for (String end : new String[]{e.from(), e.to()}) {
                String head = resolvableHead(g, end);
                if (head == null) {
                    missing.add(end);
                } else {
                    referenced.add(head);
                }
            }
        }
        if (missing.isEmpty()) {
            return Map.of();
        }
        List<String> unused = new ArrayList<>();
        for (NirNode n : g.nodes().values()) {
            if (!referenced.contains(n.name()) && !"Input".equals(n.type()) && !"Output".equals(n.type())) {
                unused.add(n.name());
            }
        }
        if (missing.size() == 1 && unused.size() == 1) {
            String m = missing.iterator().next();
            warnings.add(file + ": edges name node '" + prefix + m + "', which does not exist; taking it to be '"
                    + prefix + unused.get(0) + "', the only node on no edge");
            return Map.of(m, unused.get(0));
        }
        String m = missing.iterator().next();
        NirEdge bad = null;
        for (NirEdge e : g.edges()) {
            if (e.from().equals(m) || e.to().equals(m)) {
                bad = e;
                break;
            }
        }
        throw new ModelException("edge " + bad + (prefix.isEmpty() ? "" : " in graph '" + prefix.substring(0, prefix.length() - 1) + "'")
                + " names node '" + m + "', which does not exist; the graph has " + g.nodes().keySet());
    }

    /** @return the local node name an edge end refers to, or null when there is none */
    private static String resolvableHead(NirGraph g, String end) {
        if (g.nodes().containsKey(end)) {
            return end;
        }
        int dot = end.indexOf('.');
        while (dot > 0) {
            String head = end.substring(0, dot);
            NirNode n = g.nodes().get(head);
            if (n != null && n.graph() != null && resolvableHead(n.graph(), end.substring(dot + 1)) != null) {
                return head;
            }
            dot = end.indexOf('.', dot + 1);
        }
        return null;
    }

    private String endpoint(NirGraph g, String prefix, String name, boolean source, NirEdge edge) {
        NirNode n = g.nodes().get(name);
        if (n == null) {
            int dot = name.indexOf('.');
            while (dot > 0) {
                NirNode sub = g.nodes().get(name.substring(0, dot));
                if (sub != null && sub.graph() != null && resolvableHead(sub.graph(), name.substring(dot + 1)) != null) {
                    return endpoint(sub.graph(), prefix + sub.name() + ".", name.substring(dot + 1), source, edge);
                }
                dot = name.indexOf('.', dot + 1);
            }
            throw new ModelException("edge " + edge + " names node '" + name + "', which does not exist; the graph has "
                    + g.nodes().keySet());
        }
        if (n.graph() == null) {
            return prefix + name;
        }
        String want = source ? "Output" : "Input";
        List<String> ports = new ArrayList<>();
        for (NirNode c : n.graph().nodes().values()) {
            if (want.equals(c.type())) {
                ports.add(c.name());
            }
        }
        if (ports.size() != 1) {
            throw new ModelException("edge " + edge + ": nested graph '" + prefix + name + "' has " + ports.size() + " "
                    + want + " nodes " + ports + "; name one as '" + name + ".NAME'");
        }
        return prefix + name + "." + ports.get(0);
    }

    // ---------------------------------------------------------------- shapes

    private static boolean isNeuron(FlatNode n) {
        return NEURON_TYPES.contains(n.type);
    }

    private static boolean isSpiking(FlatNode n) {
        return switch (n.type) {
            case "Input", "LIF", "IF", "CubaLIF", "Threshold" -> true;
            default -> false;
        };
    }

    private static int[] dims(NirArray a) {
        int[] s = a.shape();
        return s.length == 0 ? new int[]{1} : s;
    }

    private int[] neuronShape(FlatNode n) {
        for (String key : new String[]{"v_threshold", "threshold", "tau", "tau_mem", "r"}) {
            if (n.node.has(key)) {
                return dims(n.node.number(key));
            }
        }
        throw new ModelException(n.describe() + ": has none of the parameters v_threshold, threshold, tau, tau_mem, r;"
                + " it has " + n.node.parameterNames());
    }

    private int[] predShape(FlatNode n) {
        if (n.preds.isEmpty()) {
            throw new ModelException(n.describe() + ": has no input edge, so its shape cannot be inferred");
        }
        return outShape(n.preds.get(0));
    }

    private int[] outShape(FlatNode n) {
        int[] s = outShapes.get(n);
        if (s != null) {
            return s;
        }
        if (!shaping.add(n)) {
            throw new ModelException(n.describe() + ": is on a cycle of linear nodes with no neuron; every loop needs a neuron");
        }
        s = computeOutShape(n);
        shaping.remove(n);
        outShapes.put(n, s);
        return s;
    }

    private int[] computeOutShape(FlatNode n) {
        NirNode p = n.node;
        switch (n.type) {
            case "Input":
                return p.has("shape") ? positive(n, p.number("shape").ints()) : positive(n, p.number("input_type").ints());
            case "Output":
            case IDENTITY:
                return predShape(n);
            case "Affine":
            case "Linear": {
                int[] w = p.number("weight").shape();
                if (w.length != 2) {
                    throw new ModelException(n.describe() + ": weight has shape " + Shape.text(w) + "; only [out, in] is supported");
                }
                return new int[]{w[0]};
            }
            case "Scale":
                return dims(p.number("scale"));
            case "Delay":
                return dims(p.number("delay"));
            case "Flatten": {
                int[] in = flattenInput(n);
                int rank = in.length;
                int a = normDim(n, (int) scalar(n, "start_dim", 1), rank);
                int b = normDim(n, (int) scalar(n, "end_dim", -1), rank);
                if (a > b) {
                    return in;
                }
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < a; i++) {
                    out.add(in[i]);
                }
                int prod = 1;
                for (int i = a; i <= b; i++) {
                    prod *= in[i];
                }
                out.add(prod);
                for (int i = b + 1; i < rank; i++) {
                    out.add(in[i]);
                }
                return out.stream().mapToInt(Integer::intValue).toArray();
            }
            case "Conv1d":
            case "Conv2d": {
                Conv c = conv(n);
                return c.twoD ? new int[]{c.cOut, c.y.out(), c.x.out()} : new int[]{c.cOut, c.x.out()};
            }
            case "SumPool2d":
            case "AvgPool2d": {
                Pool q = pool(n);
                return new int[]{q.channels, q.y.out(), q.x.out()};
            }
            default:
                if (isNeuron(n)) {
                    return neuronShape(n);
                }
                throw new ModelException(n.describe() + ": type is not supported; supported are " + SUPPORTED_TYPES);
        }
    }

    private static int[] positive(FlatNode n, int[] s) {
        for (int d : s) {
            if (d <= 0) {
                throw new ModelException(n.describe() + ": shape " + Shape.text(s) + " has a dimension <= 0");
            }
        }
        return s.length == 0 ? new int[]{1} : s;
    }

    private int[] flattenInput(FlatNode n) {
        if (n.node.has("input_type")) {
            return positive(n, n.node.number("input_type").ints());
        }
        return predShape(n);
    }

    private static int normDim(FlatNode n, int d, int rank) {
        int r = d < 0 ? d + rank : d;
        if (r < 0 || r >= rank) {
            throw new ModelException(n.describe() + ": dimension " + d + " is out of range for an input of rank " + rank);
        }
        return r;
    }

    private static double scalar(FlatNode n, String key, double dflt) {
        if (!n.node.has(key)) {
            return dflt;
        }
        NirArray a = n.node.number(key);
        if (a.size() != 1) {
            throw new ModelException(n.describe() + ": parameter '" + key + "' must be one number, has shape " + a.shapeText());
        }
        return a.get(0);
    }

    /** @return the number of values a node takes in */
    private int inSize(FlatNode n) {
        NirNode p = n.node;
        switch (n.type) {
            case "Input":
                return 0;
            case "Output":
                return p.has("shape") ? Shape.size(positive(n, p.number("shape").ints())) : Shape.size(predShape(n));
            case "Affine":
            case "Linear":
                return p.number("weight").shape()[1];
            case "Flatten":
                return Shape.size(flattenInput(n));
            case "Conv1d":
            case "Conv2d": {
                Conv c = conv(n);
                return c.cIn * c.y.in() * c.x.in();
            }
            case "SumPool2d":
            case "AvgPool2d": {
                Pool q = pool(n);
                return q.channels * q.y.in() * q.x.in();
            }
            default:
                return Shape.size(outShape(n));
        }
    }

    private void checkShapes() {
        for (FlatNode n : flat.values()) {
            outShape(n);
        }
        for (FlatNode b : flat.values()) {
            int want = inSize(b);
            for (FlatNode a : b.preds) {
                if ("Output".equals(a.type)) {
                    throw new ModelException(a.describe() + ": an Output node cannot feed " + b.describe());
                }
                int have = Shape.size(outShape(a));
                if (have != want) {
                    throw new ModelException("shapes do not chain: " + a.describe() + " gives " + Shape.text(outShape(a))
                            + " (" + have + " values) but " + b.describe() + " takes " + want + " values");
                }
            }
            if ("Input".equals(b.type) && !b.preds.isEmpty()) {
                throw new ModelException(b.describe() + ": an Input node cannot have incoming edges (from "
                        + b.preds.get(0).describe() + ")");
            }
        }
    }

    // ---------------------------------------------------------------- convolution and pooling geometry

    private record Conv(boolean twoD, int cOut, int cIn, int groups, Unroll.Axis y, Unroll.Axis x, double[] w) {
    }

    private record Pool(int channels, Unroll.Axis y, Unroll.Axis x, double weight) {
    }

    private int[] pair(FlatNode n, String key, int dflt, int count) {
        if (!n.node.has(key)) {
            int[] r = new int[count];
            Arrays.fill(r, dflt);
            return r;
        }
        int[] v = n.node.number(key).ints();
        if (v.length == 1) {
            int[] r = new int[count];
            Arrays.fill(r, v[0]);
            return r;
        }
        if (v.length != count) {
            throw new ModelException(n.describe() + ": parameter '" + key + "' has " + v.length + " values; give 1 or " + count);
        }
        return v;
    }

    /** @return the values, once checked to be at least min (a stride of 0 divided by zero) */
    private static int[] atLeast(FlatNode n, String key, int[] v, int min) {
        for (int x : v) {
            if (x < min) {
                throw new ModelException(n.describe() + ": parameter '" + key + "' is " + Arrays.toString(v)
                        + "; valid are integers of at least " + min);
            }
        }
        return v;
    }

    private Conv conv(FlatNode n) {
        boolean two = "Conv2d".equals(n.type);
        int spatial = two ? 2 : 1;
        NirArray w = n.node.number("weight");
        int[] ws = w.shape();
        if (ws.length != 2 + spatial) {
            throw new ModelException(n.describe() + ": weight has shape " + Shape.text(ws) + "; expected (C_out, C_in/groups"
                    + (two ? ", kH, kW)" : ", k)"));
        }
        int groups = (int) scalar(n, "groups", 1);
        if (groups < 1 || ws[0] % groups != 0) {
            throw new ModelException(n.describe() + ": groups = " + groups + " does not divide C_out = " + ws[0]);
        }
        int cIn = ws[1] * groups;
        int[] in;
        if (n.node.has("input_shape")) {
            in = n.node.number("input_shape").ints();
        } else {
            int[] ps = predShape(n);
            in = Arrays.copyOfRange(ps, ps.length - spatial, ps.length);
        }
        if (in.length != spatial) {
            throw new ModelException(n.describe() + ": input_shape has " + in.length + " values; expected " + spatial);
        }
        int[] stride = atLeast(n, "stride", pair(n, "stride", 1, spatial), 1);
        int[] dil = atLeast(n, "dilation", pair(n, "dilation", 1, spatial), 1);
        int[] kernel = Arrays.copyOfRange(ws, 2, 2 + spatial);
        int[] before = new int[spatial];
        int[] after = new int[spatial];
        String padText = n.node.texts().get("padding");
        if (padText != null) {
            if (!padText.equals("valid") && !padText.equals("same")) {
                throw new ModelException(n.describe() + ": padding '" + padText + "' is not supported; valid are an integer, 'same', 'valid'");
            }
            if (padText.equals("same")) {
                for (int i = 0; i < spatial; i++) {
                    int total = dil[i] * (kernel[i] - 1);
                    before[i] = total / 2;
                    after[i] = total - before[i];
                }
            }
        } else {
            int[] p = atLeast(n, "padding", pair(n, "padding", 0, spatial), 0);
            before = p;
            after = p.clone();
        }
        Unroll.Axis x = new Unroll.Axis(in[spatial - 1], kernel[spatial - 1], stride[spatial - 1], before[spatial - 1],
                after[spatial - 1], dil[spatial - 1]);
        Unroll.Axis y = two ? new Unroll.Axis(in[0], kernel[0], stride[0], before[0], after[0], dil[0])
                : new Unroll.Axis(1, 1, 1, 0, 0, 1);
        if (x.out() <= 0 || y.out() <= 0) {
            throw new ModelException(n.describe() + ": the kernel does not fit the input " + Arrays.toString(in));
        }
        return new Conv(two, ws[0], cIn, groups, y, x, finite(n, "weight", w.values()));
    }

    private Pool pool(FlatNode n) {
        int[] in = predShape(n);
        if (in.length != 3) {
            throw new ModelException(n.describe() + ": needs a (C, H, W) input, gets " + Shape.text(in));
        }
        int[] k = atLeast(n, "kernel_size", pair(n, "kernel_size", 1, 2), 1);
        int[] s = atLeast(n, "stride", n.node.has("stride") ? pair(n, "stride", 1, 2) : k.clone(), 1);
        int[] p = atLeast(n, "padding", pair(n, "padding", 0, 2), 0);
        Unroll.Axis y = new Unroll.Axis(in[1], k[0], s[0], p[0], p[0], 1);
        Unroll.Axis x = new Unroll.Axis(in[2], k[1], s[1], p[1], p[1], 1);
        if (x.out() <= 0 || y.out() <= 0) {
            throw new ModelException(n.describe() + ": the kernel does not fit the input " + Shape.text(in));
        }
        double w = "AvgPool2d".equals(n.type) ? 1.0 / (k[0] * k[1]) : 1.0;
        return new Pool(in[0], y, x, w);
    }

    // ---------------------------------------------------------------- linear composition

    /** Key of one term: the spike source and the delay in steps beyond the one-step synaptic delay. */
    private record Key(FlatNode source, int delay) {
    }

    /** The input of a node as a sum of weighted spike sources plus a constant bias. */
    private static final class Expr {
        final int rows;
        final Map<Key, SparseRows> terms = new LinkedHashMap<>();
        double[] bias;

        Expr(int rows) {
            this.rows = rows;
        }

        void add(Expr other) {
            other.terms.forEach((k, m) -> terms.merge(k, m, SparseRows::plus));
            if (other.bias != null) {
                if (bias == null) {
                    bias = new double[rows];
                }
                for (int i = 0; i < rows; i++) {
                    bias[i] += other.bias[i];
                }
            }
        }
    }

    private Expr inputOf(FlatNode n) {
        Expr e = new Expr(inSize(n));
        for (FlatNode p : n.preds) {
            e.add(outputOf(p, n));
        }
        return e;
    }

    private Expr outputOf(FlatNode n, FlatNode consumer) {
        if (isSpiking(n)) {
            int size = Shape.size(outShape(n));
            Expr e = new Expr(size);
            e.terms.put(new Key(n, 0), SparseRows.identity(size));
            return e;
        }
        if (isNeuron(n)) {
            throw new ModelException(n.describe() + " gives a continuous value, but " + consumer.describe()
                    + " needs spikes; a non-spiking neuron can only feed an Output");
        }
        Expr cached = exprs.get(n);
        if (cached != null) {
            return cached;
        }
        if (!composing.add(n)) {
            throw new ModelException(n.describe() + ": is on a cycle of linear nodes with no neuron; every loop needs a neuron");
        }
        Expr in = inputOf(n);
        Expr out = apply(n, in);
        composing.remove(n);
        exprs.put(n, out);
        return out;
    }

    private Expr apply(FlatNode n, Expr in) {
        NirNode p = n.node;
        int rows = Shape.size(outShape(n));
        SparseRows op;
        double[] bias = null;
        switch (n.type) {
            case IDENTITY:
            case "Flatten":
                return in;
            case "Delay":
                return delay(n, in);
            case "Affine":
            case "Linear": {
                NirArray w = p.number("weight");
                op = SparseRows.dense(finite(n, "weight", w.values()), w.shape()[0], w.shape()[1]);
                if ("Affine".equals(n.type) && p.has("bias")) {
                    bias = broadcast(n, "bias", p.number("bias"), rows);
                }
                break;
            }
            case "Scale":
                op = SparseRows.diagonal(broadcast(n, "scale", p.number("scale"), rows));
                break;
            case "Conv1d":
            case "Conv2d": {
                Conv c = conv(n);
                op = Unroll.conv(c.w, c.cOut, c.cIn, c.groups, c.y, c.x);
                if (p.has("bias")) {
                    double[] b = broadcast(n, "bias", p.number("bias"), c.cOut);
                    bias = new double[rows];
                    int per = rows / c.cOut;
                    for (int i = 0; i < rows; i++) {
                        bias[i] = b[i / per];
                    }
                }
                break;
            }
            case "SumPool2d":
            case "AvgPool2d": {
                Pool q = pool(n);
                op = Unroll.pool(q.channels, q.y, q.x, q.weight);
                break;
            }
            default:
                throw new IllegalStateException("not linear: " + n.type);
        }
        Expr out = new Expr(rows);
        for (Map.Entry<Key, SparseRows> t : in.terms.entrySet()) {
            out.terms.put(t.getKey(), op.times(t.getValue()));
        }
        if (in.bias != null) {
            out.bias = new double[rows];
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int k = op.start[r]; k < op.start[r + 1]; k++) {
                    s += op.val[k] * in.bias[op.col[k]];
                }
                out.bias[r] = s;
            }
        }
        if (bias != null) {
            if (out.bias == null) {
                out.bias = bias;
            } else {
                for (int r = 0; r < rows; r++) {
                    out.bias[r] += bias[r];
                }
            }
        }
        return out;
    }

    private Expr delay(FlatNode n, Expr in) {
        double[] d = broadcast(n, "delay", n.node.number("delay"), in.rows);
        int[] steps = new int[d.length];
        TreeMap<Integer, boolean[]> groups = new TreeMap<>();
        boolean inexact = false;
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0)) {
                throw new ModelException(n.describe() + ": delay " + d[i] + " s is negative");
            }
            steps[i] = (int) Math.round(d[i] / options.dt());
            inexact |= Math.abs(steps[i] * options.dt() - d[i]) > 1e-9 * Math.max(d[i], options.dt());
            groups.computeIfAbsent(steps[i], k -> new boolean[d.length])[i] = true;
        }
        if (inexact) {
            warnings.add(file + ": " + n.describe() + ": delays are not multiples of dt = " + options.dt()
                    + " s; rounded to the nearest step");
        }
        Expr out = new Expr(in.rows);
        out.bias = in.bias;
        for (Map.Entry<Key, SparseRows> t : in.terms.entrySet()) {
            for (Map.Entry<Integer, boolean[]> g : groups.entrySet()) {
                SparseRows part = groups.size() == 1 ? t.getValue() : t.getValue().keepRows(g.getValue());
                if (part.nnz() > 0) {
                    out.terms.merge(new Key(t.getKey().source(), t.getKey().delay() + g.getKey()), part, SparseRows::plus);
                }
            }
        }
        return out;
    }

    private static double[] broadcast(FlatNode n, String key, NirArray a, int size) {
        if (a.size() == size) {
            return finite(n, key, a.values());
        }
        if (a.size() == 1) {
            double[] r = new double[size];
            Arrays.fill(r, a.get(0));
            return finite(n, key, r);
        }
        throw new ModelException(n.describe() + ": parameter '" + key + "' has " + a.size() + " values (shape "
                + a.shapeText() + "); the node has " + size);
    }

    /**
     * @return the values, once checked to be finite: a NaN or infinite weight, bias or neuron parameter ran (its
     *         voltages NaN and Infinity) or was refused later under the name of a spikemesh field
     */
    private static double[] finite(FlatNode n, String key, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new ModelException(n.describe() + ": parameter '" + key + "' has " + v[i] + " at index " + i
                        + "; every value must be a finite number");
            }
        }
        return v;
    }

    // ---------------------------------------------------------------- processes

    private String processName(FlatNode n) {
        return names.computeIfAbsent(n, k -> unique(sanitize(k.id)));
    }

    private static String sanitize(String id) {
        StringBuilder sb = new StringBuilder();
        for (char c : id.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
        }
        if (sb.length() == 0 || !(Character.isLetter(sb.charAt(0)) || sb.charAt(0) == '_')) {
            sb.insert(0, 'n');
        }
        return sb.toString();
    }

    private String unique(String base) {
        String s = base;
        for (int i = 2; !usedNames.add(s); i++) {
            s = base + "_" + i;
        }
        return s;
    }

    private NirModel run(NirFile f) {
        flatten(f.graph(), "", true);
        checkShapes();
        Map<String, String> inputNames = new LinkedHashMap<>();
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        Map<String, String> made = new LinkedHashMap<>();
        for (FlatNode n : flat.values()) {
            if ("Input".equals(n.type)) {
                Map<Integer, int[]> spikes = options.inputs().getOrDefault(n.id, Map.of());
                SpikeInput in = SpikeInput.of(processName(n), outShape(n), spikes);
                processes.add(in);
                spikePorts.put(n, in.sOut());
                inputNames.put(n.id, in.name());
                made.put(n.id, in.name());
            }
        }
        for (String name : options.inputs().keySet()) {
            if (!inputNames.containsKey(name)) {
                throw new ModelException("input spikes are given for '" + name + "', which is not an Input node; the graph's"
                        + " Input nodes are " + inputNames.keySet());
            }
        }
        List<FlatNode> neurons = new ArrayList<>();
        Map<FlatNode, CubaNeuron> built = new HashMap<>();
        for (FlatNode n : flat.values()) {
            if (isNeuron(n)) {
                CubaNeuron c = neuron(n);
                built.put(n, c);
                neurons.add(n);
                processes.add(c);
                made.put(n.id, c.name());
                if (c.sOut() != null) {
                    spikePorts.put(n, c.sOut());
                }
            }
        }
        for (FlatNode n : neurons) {
            wire(n, built.get(n), inputOf(n));
        }
        for (FlatNode n : flat.values()) {
            if ("Output".equals(n.type)) {
                List<FlatNode> direct = passthroughSources(n);
                List<String> procs = new ArrayList<>();
                if (direct != null) {
                    for (FlatNode s : direct) {
                        procs.add(processName(s));
                    }
                } else {
                    CubaNeuron readout = CubaNeuron.builder(processName(n)).shape(outShape(n)).spiking(false)
                            .du(1).uGain(1).dv(1).vGain(1).build();
                    processes.add(readout);
                    wire(n, readout, inputOf(n));
                    procs.add(readout.name());
                    made.put(n.id, readout.name());
                }
                outputs.put(n.id, procs);
            }
        }
        Network net = new Network(processes, connections, file);
        return new NirModel(net, inputNames, outputs, made, warnings, options.dt(), f.version());
    }

    /** @return the nodes an Output shows when only ports and Flatten stand between, else null */
    private List<FlatNode> passthroughSources(FlatNode n) {
        List<FlatNode> r = new ArrayList<>();
        for (FlatNode p : n.preds) {
            if (IDENTITY.equals(p.type) || "Flatten".equals(p.type)) {
                List<FlatNode> sub = passthroughSources(p);
                if (sub == null) {
                    return null;
                }
                r.addAll(sub);
            } else if (isNeuron(p) || "Input".equals(p.type)) {
                r.add(p);
            } else {
                return null;
            }
        }
        return r;
    }

    private void wire(FlatNode n, CubaNeuron target, Expr in) {
        if (in.bias != null) {
            target.bias().set(in.bias);
        }
        boolean single = in.terms.size() == 1 && n.preds.size() == 1 && !isSpiking(n.preds.get(0))
                && n.preds.get(0).succs.size() == 1;
        boolean manySources = in.terms.keySet().stream().map(Key::source).distinct().count() > 1;
        for (Map.Entry<Key, SparseRows> t : in.terms.entrySet()) {
            Key k = t.getKey();
            SparseRows m = t.getValue();
            String base;
            if (single) {
                base = sanitize(n.preds.get(0).id);
            } else {
                base = processName(n) + "_in" + (manySources ? "_" + processName(k.source()) : "")
                        + (k.delay() > 0 ? "_d" + k.delay() : "");
            }
            String name = unique(base);
            Process syn;
            InPort sIn;
            OutPort aOut;
            long cells = (long) m.rows * m.cols;
            if (k.delay() == 0 && cells <= DENSE_LIMIT && 4L * m.nnz() >= cells) {
                Dense d = Dense.of(name, m.toDense());
                syn = d;
                sIn = d.sIn();
                aOut = d.aOut();
            } else {
                int nnz = m.nnz();
                int[] post = new int[nnz];
                int[] pre = new int[nnz];
                for (int r = 0; r < m.rows; r++) {
                    for (int j = m.start[r]; j < m.start[r + 1]; j++) {
                        post[j] = r;
                        pre[j] = m.col[j];
                    }
                }
                int[] delays = null;
                if (k.delay() > 0) {
                    delays = new int[nnz];
                    Arrays.fill(delays, k.delay());
                }
                Sparse s = Sparse.of(name, m.rows, m.cols, post, pre, Arrays.copyOf(m.val, nnz), delays, 8, 0, null);
                syn = s;
                sIn = s.sIn();
                aOut = s.aOut();
            }
            processes.add(syn);
            OutPort src = spikePorts.get(k.source());
            src.connect(sIn);
            connections.add(new Connection(src, sIn));
            aOut.connect(target.aIn());
            connections.add(new Connection(aOut, target.aIn()));
        }
    }

    private CubaNeuron neuron(FlatNode n) {
        NirNode p = n.node;
        int[] shape = neuronShape(n);
        int size = Shape.size(shape);
        double dt = options.dt();
        CubaNeuron.Builder b = CubaNeuron.builder(processName(n)).shape(shape).reset(options.reset())
                .spiking(isSpiking(n));
        switch (n.type) {
            case "LIF":
            case "LI": {
                double[] dv = decay(n, "tau", size);
                double[] r = broadcast(n, "r", p.number("r"), size);
                b.du(1).uGain(1).dv(dv).vGain(times(dv, r)).vLeak(broadcast(n, "v_leak", p.number("v_leak"), size));
                break;
            }
            case "CubaLIF":
            case "CubaLI": {
                double[] du = decay(n, "tau_syn", size);
                double[] dv = decay(n, "tau_mem", size);
                double[] r = broadcast(n, "r", p.number("r"), size);
                double[] wIn = p.has("w_in") ? broadcast(n, "w_in", p.number("w_in"), size) : ones(size);
                b.du(du).uGain(times(du, wIn)).dv(dv).vGain(times(dv, r))
                        .vLeak(broadcast(n, "v_leak", p.number("v_leak"), size));
                break;
            }
            case "IF":
            case "I":
                b.du(1).uGain(1).dv(0).vGain(broadcast(n, "r", p.number("r"), size));
                break;
            case "Threshold":
                b.du(1).uGain(1).dv(1).vGain(1).vth(broadcast(n, "threshold", p.number("threshold"), size));
                break;
            default:
                throw new IllegalStateException(n.type);
        }
        if (p.has("v_threshold") || n.type.equals("LIF") || n.type.equals("IF") || n.type.equals("CubaLIF")) {
            // NIR's LIF, IF and CubaLIF have a v_threshold: without one, a default would make up when they fire
            b.vth(broadcast(n, "v_threshold", p.number("v_threshold"), size));
        }
        if (p.has("v_reset")) {
            b.vReset(broadcast(n, "v_reset", p.number("v_reset"), size));
        }
        return b.build();
    }

    /**
     * @return dt / tau (Euler), checked to be in (0, 1] so that forward Euler does not diverge, or
     *         1 - exp(-dt / tau) (exp)
     */
    private double[] decay(FlatNode n, String key, int size) {
        double[] tau = broadcast(n, key, n.node.number(key), size);
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            if (!(tau[i] > 0)) {
                throw new ModelException(n.describe() + ": " + key + " = " + tau[i] + " s; time constants must be > 0");
            }
            if (options.discretisation() == Discretisation.EXP) {
                d[i] = -Math.expm1(-options.dt() / tau[i]);
                continue;
            }
            d[i] = options.dt() / tau[i];
            if (d[i] > 1) {
                throw new ModelException(n.describe() + ": " + key + " = " + tau[i] + " s is shorter than dt = "
                        + options.dt() + " s, where forward Euler diverges; choose --dt <= " + tau[i] + " or --discretisation exp");
            }
        }
        return d;
    }

    private static double[] times(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * b[i];
        }
        return r;
    }

    private static double[] ones(int n) {
        double[] r = new double[n];
        Arrays.fill(r, 1);
        return r;
    }
}
