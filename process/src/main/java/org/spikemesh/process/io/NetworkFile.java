package org.spikemesh.process.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Connection;
import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Process;
import org.spikemesh.process.RefPort;
import org.spikemesh.process.lib.Composite;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.process.lib.DelayDense;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.LearningSparse;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.VarMonitor;
import org.spikemesh.process.lib.VarWriter;
import org.spikemesh.process.fixed.SignMode;

/**
 * Loads a {@code spikemesh-network/1} YAML file into processes (see ARCHITECTURE.md, "The network file"). Every
 * error names the file, the process and the field, and says what would be valid.
 */
public final class NetworkFile {
    /** The format tag on the first line of every network file. */
    public static final String FORMAT = "spikemesh-network/1";

    /** Large networks are written inline: allow documents of up to 1 G code points (SnakeYAML's default is 3 M). */
    private static final YAMLMapper MAPPER;

    static {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(1 << 30);
        // a key given twice in one mapping is an error (Jackson would keep the last in silence)
        MAPPER = new YAMLMapper(com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder().loaderOptions(options)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    }

    static final List<String> TOP_FIELDS = List.of("format", "name", "description", "processes", "connections");
    static final Map<String, List<String>> TYPE_FIELDS = new LinkedHashMap<>();

    static {
        TYPE_FIELDS.put(LIF.TYPE, List.of("name", "type", "shape", "model", "du", "dv", "vth", "bias_mant", "bias_exp", "u", "v"));
        TYPE_FIELDS.put(Dense.TYPE, List.of("name", "type", "weights", "weights_file", "num_weight_bits", "weight_exp", "sign_mode"));
        TYPE_FIELDS.put(LearningDense.TYPE, List.of("name", "type", "weights", "weights_file", "num_weight_bits",
                "weight_exp", "sign_mode", "learning_rule"));
        TYPE_FIELDS.put(LearningSparse.TYPE, List.of("name", "type", "shape", "synapses", "synapses_file",
                "num_weight_bits", "weight_exp", "sign_mode", "learning_rule"));
        TYPE_FIELDS.put(DelayDense.TYPE, List.of("name", "type", "weights", "weights_file", "delays", "delays_file",
                "num_weight_bits", "weight_exp", "sign_mode"));
        TYPE_FIELDS.put(Sparse.TYPE, List.of("name", "type", "shape", "synapses", "synapses_file", "num_weight_bits",
                "weight_exp", "sign_mode"));
        TYPE_FIELDS.put(SpikeInput.TYPE, List.of("name", "type", "shape", "spikes"));
        TYPE_FIELDS.put(PoissonSource.TYPE, List.of("name", "type", "shape", "rate", "seed"));
        TYPE_FIELDS.put(Composite.TYPE, List.of("name", "type", "processes", "connections", "ports"));
        TYPE_FIELDS.put(VarMonitor.TYPE, List.of("name", "type", "shape", "target", "num_steps"));
        TYPE_FIELDS.put(VarWriter.TYPE, List.of("name", "type", "shape", "target", "writes"));
    }

    private final String file;
    private final Path dir;

    private NetworkFile(String file, Path dir) {
        this.file = file;
        this.dir = dir;
    }

    /**
     * Loads a network file.
     *
     * @param path the YAML file
     * @return the network
     * @throws ModelException with a one-line message naming the file, process and field
     */
    public static Network load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelException(path + ": file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ModelException(path + ": not UTF-8 text; a network file is YAML in UTF-8 (a NIR graph ends in"
                    + " .nir)");
        } catch (IOException e) {
            throw new ModelException(path + ": cannot read: " + IoErrors.reason(e));
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(text, path.toString(), dir);
    }

    /**
     * The side files a network file names ({@code weights_file}, {@code delays_file}, {@code synapses_file}, in
     * processes and in composites), resolved as loading resolves them, without loading the network: a run checks them
     * before anything else (it must not delete them by replacing an output directory that holds them).
     *
     * @param path the network file
     * @return the side files named; none when the file cannot be read as YAML (loading it says why)
     */
    public static List<Path> sideFiles(Path path) {
        List<Path> found = new ArrayList<>();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return found;
        }
        Path dir = path.toAbsolutePath().getParent();
        collectSideFiles(root, dir, found);
        return found;
    }

    private static void collectSideFiles(JsonNode n, Path dir, List<Path> found) {
        if (n == null) {
            return;
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().endsWith("_file") && e.getValue().isTextual()) {
                    Path p = Path.of(e.getValue().asText());
                    found.add(p.isAbsolute() ? p : dir.resolve(p));
                } else {
                    collectSideFiles(e.getValue(), dir, found);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectSideFiles(c, dir, found));
        }
    }

    /**
     * Parses network YAML text.
     *
     * @param yaml the text
     * @param sourceName the name for messages
     * @param baseDir where side files are looked up (may be null)
     * @return the network
     */
    public static Network parse(String yaml, String sourceName, Path baseDir) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            String at = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new ModelException(sourceName + at + ": not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(sourceName + ": expected a YAML mapping with 'format: " + FORMAT + "', 'processes' and 'connections'");
        }
        NetworkFile nf = new NetworkFile(sourceName, baseDir);
        try {
            return nf.network(root);
        } catch (ModelException e) {
            if (e.getMessage().startsWith(sourceName)) {
                throw e;
            }
            throw new ModelException(sourceName + ": " + e.getMessage());
        }
    }

    private Network network(JsonNode root) {
        Fields top = new Fields(root, "top level");
        String format = top.string("format");
        if (!FORMAT.equals(format)) {
            throw new ModelException("field 'format': '" + format + "' is not supported; valid is " + FORMAT);
        }
        top.raw("name");
        top.raw("description");
        Map<String, Process> byName = new LinkedHashMap<>();
        List<Process> procs = processes(top.required("processes"), byName, null);
        List<Connection> conns = connections(top.raw("connections"), byName, "connections");
        for (Map.Entry<RefPort, String> e : pendingTargets.entrySet()) {
            connectTarget(e.getKey(), e.getValue(), byName);
        }
        top.done(TOP_FIELDS);
        return new Network(procs, conns, file);
    }

    private List<Process> processes(JsonNode list, Map<String, Process> byName, String scope) {
        if (!list.isArray()) {
            throw new ModelException((scope == null ? "" : scope + ": ") + "field 'processes' must be a list of processes");
        }
        List<Process> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            Process p = process(n, i++, scope);
            if (byName.put(p.localName(), p) != null) {
                throw new ModelException("two processes are named '" + p.localName() + "'; names must be unique");
            }
            out.add(p);
        }
        return out;
    }

    private Process process(JsonNode n, int index, String scope) {
        String where0 = (scope == null ? "" : scope + "/") + "processes[" + index + "]";
        Fields f0 = new Fields(n, where0);
        String name = f0.string("name");
        String type = f0.string("type");
        String where = "process '" + (scope == null ? "" : scope + "/") + name + "' (" + type + ")";
        Fields f = new Fields(n, where);
        f.string("name");
        f.string("type");
        List<String> valid = TYPE_FIELDS.get(type);
        if (valid == null) {
            throw new ModelException(where + ": unknown process type '" + type + "'; valid types are "
                    + String.join(", ", TYPE_FIELDS.keySet()));
        }
        Process p;
        try {
            p = build(type, name, f);
        } catch (ModelException e) {
            if (e.getMessage().startsWith(where) || e.getMessage().startsWith("process '")) {
                throw e;
            }
            throw new ModelException(where + ": " + e.getMessage());
        }
        f.done(valid);
        return p;
    }

    private Process build(String type, String name, Fields f) {
        switch (type) {
            case LIF.TYPE:
                return lif(name, f);
            case Dense.TYPE:
                return Dense.of(name, matrix(f, "weights"), f.integer("num_weight_bits", 8), f.integer("weight_exp", 0),
                        signMode(f));
            case LearningDense.TYPE:
                return learningDense(name, f);
            case DelayDense.TYPE:
                return DelayDense.of(name, matrix(f, "weights"), matrix(f, "delays"), f.integer("num_weight_bits", 8),
                        f.integer("weight_exp", 0), signMode(f));
            case Sparse.TYPE:
                return sparse(name, f, false);
            case LearningSparse.TYPE:
                return sparse(name, f, true);
            case SpikeInput.TYPE:
                return spikeInput(name, f);
            case PoissonSource.TYPE:
                return PoissonSource.of(name, f.ints("shape"), f.numbers("rate", null) == null
                        ? missing(f, "rate") : f.numbers("rate", null), f.optionalLong("seed"));
            case Composite.TYPE:
                return composite(name, f);
            case VarMonitor.TYPE: {
                VarMonitor m = VarMonitor.of(name, f.ints("shape"), f.integer("num_steps", 0));
                pendingTargets.put(m.ref(), f.string("target"));
                return m;
            }
            case VarWriter.TYPE: {
                VarWriter w = VarWriter.of(name, f.ints("shape"), writes(f));
                pendingTargets.put(w.ref(), f.string("target"));
                return w;
            }
            default:
                throw new IllegalStateException(type);
        }
    }

    private final Map<RefPort, String> pendingTargets = new LinkedHashMap<>();

    private static void connectTarget(RefPort ref, String target, Map<String, Process> byName) {
        String at = "process '" + ref.owner().name() + "' (" + ref.owner().type() + "): field 'target'";
        int dot = target.lastIndexOf('.');
        if (dot <= 0) {
            throw new ModelException(at + ": '" + target + "' is not PROCESS.VAR, e.g. lif1.v");
        }
        Process p = byName.get(target.substring(0, dot));
        if (p == null) {
            throw new ModelException(at + ": no process '" + target.substring(0, dot) + "'; processes are "
                    + String.join(", ", byName.keySet()));
        }
        org.spikemesh.process.Var v = p.vars().get(target.substring(dot + 1));
        if (v == null) {
            throw new ModelException(at + ": process '" + p.name() + "' has no Var '" + target.substring(dot + 1)
                    + "'; its Vars are " + String.join(", ", p.vars().keySet()));
        }
        try {
            ref.connectVar(v);
        } catch (ModelException e) {
            throw new ModelException(at + ": " + e.getMessage());
        }
    }

    private static Map<Integer, double[]> writes(Fields f) {
        Map<Integer, double[]> out = new LinkedHashMap<>();
        JsonNode w = f.required("writes");
        if (!w.isObject()) {
            throw f.error("writes", "must be a mapping step -> values, e.g. {10: [0, 0, 0]} or {10: 0}");
        }
        Iterator<Map.Entry<String, JsonNode>> it = w.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int step;
            try {
                step = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw f.error("writes", "key '" + e.getKey() + "' is not a step");
            }
            JsonNode v = e.getValue();
            double[] vals;
            if (v.isArray()) {
                vals = new double[v.size()];
                for (int i = 0; i < vals.length; i++) {
                    vals[i] = f.number(v.get(i), "writes");
                }
            } else {
                vals = new double[]{f.number(v, "writes")};
            }
            out.put(step, vals);
        }
        return out;
    }

    private static double[] missing(Fields f, String field) {
        throw f.error(field, "is missing");
    }

    private static LIF lif(String name, Fields f) {
        LIF.Builder b = LIF.builder(name).shape(f.ints("shape"));
        if (f.has("model")) {
            try {
                b.model(NumericModel.parse(f.string("model")));
            } catch (IllegalArgumentException e) {
                throw f.error("model", e.getMessage());
            }
        } else {
            f.raw("model");
        }
        b.du(f.numbers("du", new double[]{0})).dv(f.numbers("dv", new double[]{0}))
                .vth(f.numbers("vth", new double[]{10}))
                .biasMant(f.numbers("bias_mant", new double[]{0})).biasExp(f.numbers("bias_exp", new double[]{0}))
                .u(f.numbers("u", new double[]{0})).v(f.numbers("v", new double[]{0}));
        return b.build();
    }

    private LearningDense learningDense(String name, Fields f) {
        return LearningDense.of(name, matrix(f, "weights"), f.integer("num_weight_bits", 8), f.integer("weight_exp", 0),
                signMode(f), rule(f));
    }

    private static LearningRule rule(Fields f) {
        JsonNode r = f.required("learning_rule");
        if (!r.isObject()) {
            throw f.error("learning_rule", "must be a mapping, e.g. {dw: \"2^-2*x1*y0 - 2^-2*y1*x0\", x1_impulse: 16,"
                    + " x1_tau: 10, y1_impulse: 16, y1_tau: 10, t_epoch: 1} or {type: STDPLoihi, ...}");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        r.fields().forEachRemaining(e -> params.put(e.getKey(), scalar(e.getValue())));
        try {
            return LearningRules.fromParameters(params);
        } catch (IllegalArgumentException e) {
            throw f.error("learning_rule", e.getMessage());
        }
    }

    private static Object scalar(JsonNode n) {
        if (n.isArray()) {
            List<Object> l = new java.util.ArrayList<>();
            n.forEach(c -> l.add(scalar(c)));
            return l;
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? (Object) n.asLong() : (Object) n.asDouble();
        }
        return n.isNull() ? null : n.asText();
    }

    private static SignMode signMode(Fields f) {
        if (!f.has("sign_mode")) {
            f.raw("sign_mode");
            return null;
        }
        try {
            return SignMode.parse(f.string("sign_mode"));
        } catch (IllegalArgumentException e) {
            throw f.error("sign_mode", e.getMessage());
        }
    }

    private double[][] matrix(Fields f, String field) {
        String fileField = field + "_file";
        if (f.has(field) && f.has(fileField)) {
            throw f.error(field, "given twice: use either '" + field + "' or '" + fileField + "'");
        }
        if (f.has(fileField)) {
            f.raw(field);
            return SideFiles.readMatrix(resolve(f.string(fileField)));
        }
        f.raw(fileField);
        return f.matrix(field);
    }

    private Path resolve(String name) {
        Path p = Path.of(name);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    private org.spikemesh.process.lib.Synapses sparse(String name, Fields f, boolean learning) {
        int[] shape = f.ints("shape");
        if (shape.length != 2) {
            throw f.error("shape", "must be [out, in] for a Sparse, got " + java.util.Arrays.toString(shape));
        }
        int[] post;
        int[] pre;
        double[] w;
        int[] delays = null;
        if (f.has("synapses_file")) {
            f.raw("synapses");
            double[][] rows = SideFiles.readMatrix(resolve(f.string("synapses_file")));
            post = new int[rows.length];
            pre = new int[rows.length];
            w = new double[rows.length];
            boolean withDelay = rows[0].length >= 4;
            if (withDelay) {
                delays = new int[rows.length];
            }
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].length < 3) {
                    throw f.error("synapses_file", "row " + i + " has " + rows[i].length + " columns; need post,pre,weight[,delay]");
                }
                post[i] = (int) rows[i][0];
                pre[i] = (int) rows[i][1];
                w[i] = rows[i][2];
                if (withDelay) {
                    delays[i] = (int) rows[i][3];
                }
            }
        } else {
            f.raw("synapses_file");
            Fields s = new Fields(f.required("synapses"), "process '" + name + "' (Sparse), field 'synapses'");
            post = s.ints("post");
            pre = s.ints("pre");
            w = s.numbers("weights", null);
            if (w == null) {
                throw s.error("weights", "is missing");
            }
            if (s.has("delays")) {
                delays = s.ints("delays");
            } else {
                s.raw("delays");
            }
            s.done(List.of("post", "pre", "weights", "delays"));
        }
        if (learning) {
            if (delays != null) {
                throw f.error("synapses", "a LearningSparse has no per-synapse delays; drop the delay column");
            }
            return LearningSparse.of(name, shape[0], shape[1], post, pre, w, f.integer("num_weight_bits", 8),
                    f.integer("weight_exp", 0), signMode(f), rule(f));
        }
        return Sparse.of(name, shape[0], shape[1], post, pre, w, delays, f.integer("num_weight_bits", 8),
                f.integer("weight_exp", 0), signMode(f));
    }

    private static SpikeInput spikeInput(String name, Fields f) {
        int[] shape = f.ints("shape");
        Map<Integer, int[]> spikes = new LinkedHashMap<>();
        if (f.has("spikes")) {
            JsonNode s = f.required("spikes");
            if (!s.isObject()) {
                throw f.error("spikes", "must be a mapping neuron -> [steps], e.g. {0: [1, 5], 2: [3]}");
            }
            Iterator<Map.Entry<String, JsonNode>> it = s.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                int neuron;
                try {
                    neuron = Integer.parseInt(e.getKey().trim());
                } catch (NumberFormatException ex) {
                    throw f.error("spikes", "key '" + e.getKey() + "' is not a neuron index");
                }
                JsonNode steps = e.getValue();
                int[] st;
                if (steps.isArray()) {
                    st = new int[steps.size()];
                    for (int i = 0; i < st.length; i++) {
                        st[i] = f.integer(steps.get(i), "spikes");
                    }
                } else {
                    st = new int[]{f.integer(steps, "spikes")};
                }
                spikes.put(neuron, st);
            }
        } else {
            f.raw("spikes");
        }
        return SpikeInput.of(name, shape, spikes);
    }

    private Composite composite(String name, Fields f) {
        Composite c = new Composite(name);
        Map<String, Process> children = new LinkedHashMap<>();
        for (Process p : processes(f.required("processes"), children, name)) {
            c.add(p);
        }
        if (children.isEmpty()) {
            // an empty Composite reached the backends, which called it an unsupported type
            throw ModelException.of(name, "processes", "is empty; a Composite holds at least one process");
        }
        connections(f.raw("connections"), children, "process '" + name + "', field 'connections'");
        if (f.has("ports")) {
            Fields ports = new Fields(f.required("ports"), "process '" + name + "', field 'ports'");
            Iterator<String> names = f.required("ports").fieldNames();
            while (names.hasNext()) {
                String port = names.next();
                JsonNode target = ports.required(port);
                List<String> refs = new ArrayList<>();
                if (target.isArray()) {
                    target.forEach(t -> refs.add(t.asText()));
                } else {
                    refs.add(target.asText());
                }
                expose(c, port, refs, children, ports);
            }
        } else {
            f.raw("ports");
        }
        return c;
    }

    private static void expose(Composite c, String port, List<String> refs, Map<String, Process> children, Fields ports) {
        String[] first = splitRef(refs.get(0), ports, port);
        Process child = child(children, first[0], ports, port);
        if (child.outPorts().containsKey(first[1])) {
            if (refs.size() != 1) {
                throw ports.error(port, "an output port exposes exactly one child OutPort");
            }
            c.exposeOut(port, child.outPort(first[1]));
            return;
        }
        InPort[] targets = new InPort[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            String[] r = splitRef(refs.get(i), ports, port);
            targets[i] = child(children, r[0], ports, port).inPort(r[1]);
        }
        c.exposeIn(port, targets);
    }

    private static Process child(Map<String, Process> children, String name, Fields f, String field) {
        Process p = children.get(name);
        if (p == null) {
            throw f.error(field, "no process named '" + name + "'; known are " + children.keySet());
        }
        return p;
    }

    private static String[] splitRef(String ref, Fields f, String field) {
        int dot = ref.lastIndexOf('.');
        if (dot <= 0 || dot == ref.length() - 1) {
            throw f.error(field, "'" + ref + "' is not PROCESS.PORT (e.g. lif1.s_out)");
        }
        return new String[]{ref.substring(0, dot), ref.substring(dot + 1)};
    }

    private static List<Connection> connections(JsonNode list, Map<String, Process> byName, String where) {
        List<Connection> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ModelException(where + " must be a list of [PROCESS.PORT, PROCESS.PORT] pairs");
        }
        int i = 0;
        for (JsonNode c : list) {
            String at = where + "[" + i++ + "]";
            if (!c.isArray() || c.size() != 2) {
                throw new ModelException(at + ": expected [FROM.PORT, TO.PORT], got " + c);
            }
            String from = c.get(0).asText();
            String to = c.get(1).asText();
            OutPort o = outPort(from, byName, at);
            InPort in = inPort(to, byName, at);
            try {
                o.connect(in);
            } catch (ModelException e) {
                throw new ModelException(at + ": " + e.getMessage());
            }
            out.add(new Connection(o, in));
        }
        return out;
    }

    private static Process lookup(String ref, Map<String, Process> byName, String at) {
        int dot = ref.lastIndexOf('.');
        if (dot <= 0 || dot == ref.length() - 1) {
            throw new ModelException(at + ": '" + ref + "' is not PROCESS.PORT (e.g. lif1.s_out)");
        }
        Process p = byName.get(ref.substring(0, dot));
        if (p == null) {
            throw new ModelException(at + ": no process named '" + ref.substring(0, dot) + "'; known are " + byName.keySet());
        }
        return p;
    }

    private static OutPort outPort(String ref, Map<String, Process> byName, String at) {
        Process p = lookup(ref, byName, at);
        String port = ref.substring(ref.lastIndexOf('.') + 1);
        if (!p.outPorts().containsKey(port)) {
            throw new ModelException(at + ": process '" + p.localName() + "' (" + p.type() + ") has no output port '"
                    + port + "'; its output ports are " + p.outPorts().keySet());
        }
        return p.outPort(port);
    }

    private static InPort inPort(String ref, Map<String, Process> byName, String at) {
        Process p = lookup(ref, byName, at);
        String port = ref.substring(ref.lastIndexOf('.') + 1);
        if (!p.inPorts().containsKey(port)) {
            throw new ModelException(at + ": process '" + p.localName() + "' (" + p.type() + ") has no input port '"
                    + port + "'; its input ports are " + p.inPorts().keySet());
        }
        return p.inPort(port);
    }
}
