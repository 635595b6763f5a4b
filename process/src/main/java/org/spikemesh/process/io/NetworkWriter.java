package org.spikemesh.process.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.spikemesh.process.Connection;
import org.spikemesh.process.InPort;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Process;
import org.spikemesh.process.Var;
import org.spikemesh.process.lib.Composite;
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
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * Writes a network as {@code spikemesh-network/1} YAML in a canonical form: one flow mapping per process, values as
 * the Vars hold them now (so learned or {@code set} weights are saved), uniform Vars as scalars. Loading the text
 * gives back an equal network, and saving that again gives the same text.
 */
public final class NetworkWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-/.]*");

    private NetworkWriter() {
    }

    /**
     * @param net the network
     * @return YAML text
     */
    public static String toYaml(Network net) {
        StringBuilder sb = new StringBuilder();
        sb.append("format: ").append(NetworkFile.FORMAT).append('\n');
        sb.append("processes:\n");
        for (Process p : net.processes()) {
            sb.append("  - ");
            process(sb, p, "    ");
            sb.append('\n');
        }
        connections(sb, net.connections(), "", "");
        return sb.toString();
    }

    /**
     * Writes the network atomically (a temporary file renamed into place).
     *
     * @param net the network
     * @param file destination
     * @throws IOException when writing fails
     */
    public static void save(Network net, Path file) throws IOException {
        AtomicFile.writeString(file, toYaml(net));
    }


    private static void connections(StringBuilder sb, List<Connection> conns, String indent, String prefixToStrip) {
        if (conns.isEmpty()) {
            sb.append(indent).append("connections: []\n");
            return;
        }
        sb.append(indent).append("connections:\n");
        for (Connection c : conns) {
            sb.append(indent).append("  - [").append(ref(c.from().owner(), c.from().name())).append(", ")
                    .append(ref(c.to().owner(), c.to().name())).append("]\n");
        }
    }

    private static String ref(Process p, String port) {
        return scalar(p.localName() + "." + port);
    }

    private static void process(StringBuilder sb, Process p, String indent) {
        sb.append("{name: ").append(scalar(p.localName())).append(", type: ").append(p.type());
        if (p instanceof LIF l) {
            lif(sb, l);
        } else if (p instanceof Dense d) {
            sb.append(", weights: ").append(matrix(d.weights()));
            synapseParams(sb, d);
        } else if (p instanceof LearningDense l) {
            sb.append(", weights: ").append(matrix(l.weights()));
            synapseParams(sb, l);
            rule(sb, l);
        } else if (p instanceof LearningSparse l) {
            sparseSynapses(sb, l.table());
            synapseParams(sb, l);
            rule(sb, l);
        } else if (p instanceof DelayDense d) {
            sb.append(", weights: ").append(matrix(d.weights())).append(", delays: ").append(matrix(d.delays()));
            synapseParams(sb, d);
        } else if (p instanceof Sparse s) {
            sparseSynapses(sb, s.table());
            synapseParams(sb, s);
        } else if (p instanceof SpikeInput s) {
            spikeInput(sb, s);
        } else if (p instanceof PoissonSource s) {
            sb.append(", shape: ").append(ints(s.sOut().shape())).append(", rate: ").append(var(s.rate()));
            if (s.seed() != null) {
                sb.append(", seed: ").append(s.seed());
            }
        } else if (p instanceof VarMonitor m) {
            sb.append(", shape: ").append(ints(m.ref().target() == null ? new int[]{m.data().shape()[1]}
                    : m.ref().target().var().shape())).append(", target: ").append(target(m.ref()))
                    .append(", num_steps: ").append(m.numSteps());
        } else if (p instanceof VarWriter w) {
            varWriter(sb, w);
        } else if (p instanceof Composite c) {
            composite(sb, c, indent);
            return;
        } else {
            throw new IllegalArgumentException("process '" + p.name() + "': type " + p.type()
                    + " cannot be written to a network file");
        }
        sb.append("}");
    }

    /** A LIF's shape, model and parameters; its state u and v only when not all zero (their default). */
    private static void lif(StringBuilder sb, LIF l) {
        sb.append(", shape: ").append(ints(l.u().shape()));
        if (l.model() != null) {
            sb.append(", model: ").append(l.model().tag());
        }
        for (Var v : List.of(l.du(), l.dv(), l.vth(), l.biasMant(), l.biasExp(), l.u(), l.v())) {
            if (!(v == l.u() || v == l.v()) || !isZero(v)) {
                sb.append(", ").append(v.name()).append(": ").append(var(v));
            }
        }
    }

    /** A spike input's shape and its spikes, neuron by neuron. */
    private static void spikeInput(StringBuilder sb, SpikeInput s) {
        sb.append(", shape: ").append(ints(s.sOut().shape())).append(", spikes: {");
        boolean first = true;
        for (Map.Entry<Integer, int[]> e : s.spikes().entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(": ").append(ints(e.getValue()));
            first = false;
        }
        sb.append("}");
    }

    /** A Var writer's shape, target and writes, step by step. */
    private static void varWriter(StringBuilder sb, VarWriter w) {
        sb.append(", shape: ").append(ints(w.ref().target().var().shape())).append(", target: ")
                .append(target(w.ref())).append(", writes: {");
        boolean first = true;
        for (Map.Entry<Integer, double[]> e : w.writes().entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(": [");
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(num(v[i]));
            }
            sb.append("]");
            first = false;
        }
        sb.append("}");
    }

    private static void composite(StringBuilder sb, Composite c, String indent) {
        sb.append(",\n").append(indent).append("processes: [\n");
        for (int i = 0; i < c.children().size(); i++) {
            sb.append(indent).append("  ");
            process(sb, c.children().get(i), indent + "  ");
            sb.append(i + 1 < c.children().size() ? ",\n" : "\n");
        }
        sb.append(indent).append("],\n").append(indent).append("connections: [");
        boolean first = true;
        for (Process child : c.children()) {
            for (OutPort o : child.outPorts().values()) {
                for (InPort in : o.targets()) {
                    if (in.owner().parent() == c) {
                        sb.append(first ? "" : ", ").append("[").append(ref(child, o.name())).append(", ")
                                .append(ref(in.owner(), in.name())).append("]");
                        first = false;
                    }
                }
            }
        }
        sb.append("],\n").append(indent).append("ports: {");
        first = true;
        for (InPort in : c.inPorts().values()) {
            sb.append(first ? "" : ", ").append(scalar(in.name())).append(": [");
            for (int i = 0; i < in.forwards().size(); i++) {
                InPort f = in.forwards().get(i);
                sb.append(i == 0 ? "" : ", ").append(ref(f.owner(), f.name()));
            }
            sb.append("]");
            first = false;
        }
        for (OutPort o : c.outPorts().values()) {
            OutPort src = o.innerSource();
            sb.append(first ? "" : ", ").append(scalar(o.name())).append(": ").append(ref(src.owner(), src.name()));
            first = false;
        }
        sb.append("}}");
    }

    private static void sparseSynapses(StringBuilder sb, SynapseTable t) {
        sb.append(", shape: [").append(t.numOutputs()).append(", ").append(t.numInputs()).append("]");
        StringBuilder post = new StringBuilder("[");
        StringBuilder pre = new StringBuilder("[");
        StringBuilder w = new StringBuilder("[");
        StringBuilder d = new StringBuilder("[");
        for (int i = 0; i < t.numInputs(); i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                String sep = k == 0 ? "" : ", ";
                post.append(sep).append(t.post()[k]);
                pre.append(sep).append(i);
                w.append(sep).append(num(t.weight().get(k)));
                if (t.delay() != null) {
                    d.append(sep).append(t.delay()[k]);
                }
            }
        }
        sb.append(", synapses: {post: ").append(post).append("], pre: ").append(pre).append("], weights: ")
                .append(w).append("]");
        if (t.delay() != null) {
            sb.append(", delays: ").append(d).append("]");
        }
        sb.append("}");
    }

    private static void rule(StringBuilder sb, org.spikemesh.process.lib.LearningSynapses l) {
        sb.append(", learning_rule: {");
        boolean first = true;
        for (Map.Entry<String, Object> e : l.rule().parameters().entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(": ").append(ruleValue(e.getValue()));
            first = false;
        }
        sb.append("}");
    }

    private static void synapseParams(StringBuilder sb, Synapses s) {
        sb.append(", num_weight_bits: ").append(s.numWeightBits()).append(", weight_exp: ").append(s.weightExp());
        if (s.declaredSignMode() != null) {
            sb.append(", sign_mode: ").append(s.declaredSignMode().tag());
        }
    }

    private static boolean isZero(Var v) {
        return v.isUniform() && v.get(0) == 0;
    }

    private static String var(Var v) {
        if (v.isUniform()) {
            return num(v.get(0));
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(num(v.get(i)));
        }
        return sb.append("]").toString();
    }

    private static String matrix(Var v) {
        int[] shape = v.shape();
        int cols = shape[1];
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < shape[0]; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ", ").append(num(v.get(r * cols + c)));
            }
            sb.append("]");
        }
        return sb.append("]").toString();
    }

    private static String target(org.spikemesh.process.RefPort r) {
        if (r.target() == null) {
            throw new org.spikemesh.process.ModelException("process '" + r.owner().name() + "': RefPort " + r.name()
                    + " is not connected; a network file names its target as PROCESS.VAR");
        }
        return r.target().var().qualifiedName();
    }

    private static String ints(int[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(a[i]);
        }
        return sb.append("]").toString();
    }

    /**
     * Formats a number so that YAML reads it back as the same double: integers without a fraction, others with
     * Java's shortest round-trip form and a signed exponent.
     *
     * @param d value
     * @return text
     */
    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e > 0 && s.charAt(e + 1) != '-') {
            s = s.substring(0, e + 1) + "+" + s.substring(e + 1);
        }
        return s;
    }

    private static String ruleValue(Object v) {
        if (v instanceof Number) {
            return num(((Number) v).doubleValue());
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : (List<?>) v) {
                sb.append(sb.length() > 1 ? ", " : "").append(ruleValue(o));
            }
            return sb.append("]").toString();
        }
        return v == null ? "null" : "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String scalar(String s) {
        if (PLAIN.matcher(s).matches()) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
