package org.spikemesh.compiler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Connection;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * Stage 2: brings a network to the chip's fixed point. Fixed-point networks pass through unchanged.
 *
 * <p>A float_pt network (Lava's float LIF: {@code u = u(1-du) + a}, {@code v = v(1-dv) + u + bias}, spike when
 * {@code v > vth}) is converted population by population. Each LIF population Q gets a scale S (fixed-point v units
 * per float unit): the largest S with {@code S * vth <= 2^21} (a quarter of the 24-bit range, leaving headroom for
 * currents above threshold) and with every weight into Q representable as an 8-bit mantissa times {@code 2^7}
 * activation units ({@code 64 * 255 * 2^7 >= S * |w|}). Then {@code vth = round(S vth / 64)}, bias as a 12-bit
 * mantissa and exponent, {@code dv = round(4096 dv)}, {@code du = round(4096 du) - 1} (Lava's fixed u decays by
 * du + 1, so a float du below 1/4096 cannot be represented: the error is reported), initial u and v scaled by S.
 * Each synapse group into Q gets the exponent that puts its largest weight {@code S |w| / 64} in 8 bits, the sign
 * mode of its weights (mixed mode loses the lowest bit, as on Loihi), and is stored as Sparse. Per group the report
 * gives the exponent, the largest and the RMS relative weight error and the mantissa bits used.
 */
public final class Quantiser {
    private static final double V_TARGET = 1 << 21;
    private static final double W_MAX = 64.0 * 255 * (1 << 7);
    /** Largest bias: a 12-bit mantissa with exponent 7. */
    private static final double B_MAX = 4095.0 * (1 << 7);

    private Quantiser() {
    }

    /**
     * @param graph the fixed-point network (the input itself when it was fixed point already)
     * @param errors per synapse group (empty when nothing was converted)
     * @param notes what the fixed-point chip cannot represent exactly, by population, and by how much
     */
    public record Result(ProcessGraph graph, List<GroupError> errors, List<String> notes) {
    }

    /**
     * @param group synapse group
     * @param weightExp chosen exponent
     * @param scale fixed-point units per float unit of the target population
     * @param maxRelativeError largest relative error of a non-zero weight
     * @param rmsRelativeError root mean square relative error over non-zero weights
     * @param mantissaBitsUsed bits of the mantissa the largest weight uses (of 8)
     */
    public record GroupError(String group, int weightExp, double scale, double maxRelativeError,
                             double rmsRelativeError, int mantissaBitsUsed) {
    }

    /**
     * @param graph the network
     * @return the fixed-point network and its quantisation errors
     */
    public static Result quantise(ProcessGraph graph) {
        boolean isFloat = false;
        for (Process p : graph.processes()) {
            isFloat |= p instanceof LIF && ((LIF) p).model() == NumericModel.FLOAT_PT || p instanceof CubaNeuron;
        }
        if (!isFloat) {
            return new Result(graph, List.of(), List.of());
        }
        for (Process p : graph.processes()) {
            if (p instanceof org.spikemesh.process.lib.VarMonitor || p instanceof org.spikemesh.process.lib.VarWriter) {
                throw new MappingException(p.name() + ": a RefPort reads or writes the Vars of the float_pt network,"
                        + " but the chip runs its fixed-point quantisation, whose Vars differ; run it on the reference"
                        + " backend, or give the network in fixed_pt");
            }
            if (p instanceof org.spikemesh.process.lib.LearningSynapses) {
                throw new MappingException(p.name() + ": learning on a chip runs Loihi's fixed-point rules, but this"
                        + " network is float_pt; give its neurons in fixed_pt (float_pt learning runs on the reference"
                        + " backend)");
            }
        }
        graph.validate(NumericModel.FLOAT_PT);
        return new Quantiser().convert(graph);
    }

    private final Map<Process, Process> copies = new IdentityHashMap<>();
    private final Map<Process, Double> scale = new IdentityHashMap<>();
    private final List<GroupError> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<Process, Double> gain = new IdentityHashMap<>();

    private Result convert(ProcessGraph graph) {
        for (Process p : graph.processes()) {
            if (p instanceof LIF || p instanceof CubaNeuron) {
                gain.put(p, p instanceof CubaNeuron ? maxAbs(((CubaNeuron) p).uGain().get())
                        * maxAbs(((CubaNeuron) p).vGain().get()) : 1.0);
                scale.put(p, scaleOf(p, graph));
            }
        }
        List<Process> out = new ArrayList<>();
        for (Process p : graph.processes()) {
            Process q = copy(p, graph);
            copies.put(p, q);
            out.add(q);
        }
        for (Connection c : graph.connections()) {
            Process from = copies.get(c.from().owner());
            Process to = copies.get(c.to().owner());
            from.outPort(c.from().name()).connect(to.inPort(c.to().name()));
        }
        return new Result(ProcessGraph.of(out, graph.source() + " (quantised)"), List.copyOf(errors),
                List.copyOf(notes));
    }

    /** @return the smallest exponent 0..7 that puts a bias into a 12-bit mantissa (7 when none does) */
    private static int biasExponent(double bias) {
        int e = 0;
        while (Math.abs(bias) / (1 << e) > 4095 && e < 7) {
            e++;
        }
        return e;
    }

    /** @return per neuron the constant added to v each step, in float units */
    private static double[] biasV(Process p) {
        if (p instanceof LIF) {
            return ((LIF) p).biasMant().get();
        }
        CubaNeuron f = (CubaNeuron) p;
        double[] b = new double[f.size()];
        for (int i = 0; i < b.length; i++) {
            double dui = f.du().get(i);
            b[i] = f.uGain().get(i) * f.vGain().get(i) * f.bias().get(i) / Math.max(dui, 1e-12)
                    + f.dv().get(i) * f.vLeak().get(i);
        }
        return b;
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private double scaleOf(Process p, ProcessGraph graph) {
        double vth = maxAbs(p instanceof LIF ? ((LIF) p).vth().get() : ((CubaNeuron) p).vth().get());
        double s = vth > 0 ? V_TARGET / vth : V_TARGET;
        double g = gain.get(p);
        double bias = maxAbs(biasV(p));
        if (bias > 0) {
            s = Math.min(s, B_MAX / bias);
        }
        for (Synapses syn : groupsInto(p, graph)) {
            double wMax = syn.table().weight().maxAbs() * g;
            if (wMax > 0) {
                s = Math.min(s, W_MAX / wMax);
            }
        }
        return s;
    }

    private static List<Synapses> groupsInto(Process p, ProcessGraph graph) {
        List<Synapses> r = new ArrayList<>();
        for (Connection c : graph.connections()) {
            if (c.to().owner() == p && c.from().owner() instanceof Synapses) {
                r.add((Synapses) c.from().owner());
            }
        }
        return r;
    }

    private Process copy(Process p, ProcessGraph graph) {
        if (p instanceof LIF) {
            return lif((LIF) p);
        }
        if (p instanceof CubaNeuron) {
            return cuba((CubaNeuron) p);
        }
        if (p instanceof Synapses) {
            return synapses((Synapses) p, graph);
        }
        if (p instanceof SpikeInput) {
            SpikeInput s = (SpikeInput) p;
            return SpikeInput.of(s.name(), s.sOut().shape(), s.spikes());
        }
        if (p instanceof PoissonSource) {
            PoissonSource s = (PoissonSource) p;
            return PoissonSource.of(s.name(), s.sOut().shape(), s.rate().get(), s.seed());
        }
        throw ModelException.of(p.name(), null, "process type " + p.type() + " cannot be quantised; the quantiser"
                + " converts LIF, Dense, Sparse, DelayDense, SpikeInput and PoissonSource");
    }

    private LIF lif(LIF f) {
        double s = scale.get(f);
        int n = f.size();
        double[] du = new double[n];
        double[] dv = new double[n];
        double[] vth = new double[n];
        double[] bm = new double[n];
        double[] be = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            du[i] = Math.max(0, Math.min(4095, Math.round(4096 * f.du().get(i)) - 1));
            dv[i] = Math.max(0, Math.min(4096, Math.round(4096 * f.dv().get(i))));
            vth[i] = Math.min((1 << 17) - 1, Math.max(0, Math.round(s * f.vth().get(i) / 64)));
            double b = s * f.biasMant().get(i);
            be[i] = biasExponent(b);
            bm[i] = Math.round(b / (1 << (int) be[i]));
            u[i] = Math.round(s * f.u().get(i));
            v[i] = Math.round(s * f.v().get(i));
        }
        return LIF.builder(f.name()).shape(f.aIn().shape()).model(NumericModel.FIXED_PT).du(du).dv(dv).vth(vth)
                .biasMant(bm).biasExp(be).u(u).v(v).build();
    }

    /**
     * CubaNeuron ({@code u = u(1-du) + ug (a + bias)}, {@code v = v(1-dv) + dv vl + vg u}) as a Loihi LIF with
     * {@code U = S vg u}: weights scaled by {@code S vg ug}, bias {@code S (vg ug bias / du + dv vl)} (exact when
     * du = 1, else exact in the steady state of the current), threshold {@code S vth}. What cannot be represented
     * (reset by subtraction, a non-zero reset value, per-neuron gains, no spikes) is noted with its size.
     */
    private LIF cuba(CubaNeuron f) {
        double s = scale.get(f);
        int n = f.size();
        double g = gain.get(f);
        double[] du = new double[n];
        double[] dv = new double[n];
        double[] vth = new double[n];
        double[] bm = new double[n];
        double[] be = new double[n];
        double[] v = new double[n];
        double[] u = new double[n];
        boolean steadyOnly = false;
        double gainSpread = 0;
        for (int i = 0; i < n; i++) {
            double dui = f.du().get(i);
            double gi = f.uGain().get(i) * f.vGain().get(i);
            gainSpread = Math.max(gainSpread, g == 0 ? 0 : Math.abs(gi - g) / Math.abs(g));
            du[i] = Math.max(0, Math.min(4095, Math.round(4096 * dui) - 1));
            dv[i] = Math.max(0, Math.min(4096, Math.round(4096 * f.dv().get(i))));
            vth[i] = f.spiking() ? Math.min((1 << 17) - 1, Math.max(0, Math.round(s * f.vth().get(i) / 64)))
                    : (1 << 17) - 1;
            double biasV = biasV(f)[i];
            steadyOnly |= dui < 1 && f.bias().get(i) != 0;
            double b = s * biasV;
            be[i] = biasExponent(b);
            bm[i] = Math.round(b / (1 << (int) be[i]));
            v[i] = Math.round(s * f.v().get(i));
            u[i] = Math.round(s * f.vGain().get(i) * f.u().get(i));
        }
        if (f.reset() == CubaNeuron.Reset.SUBTRACT) {
            notes.add(f.name() + ": reset by subtraction becomes reset to zero on the chip (v loses up to one"
                    + " threshold's excess per spike)");
        }
        if (maxAbs(f.vReset().get()) != 0) {
            notes.add(f.name() + ": reset value " + maxAbs(f.vReset().get()) + " becomes 0 on the chip");
        }
        if (steadyOnly) {
            notes.add(f.name() + ": a constant current with du < 1 is applied as a voltage bias: exact in the steady"
                    + " state, the first 1/du steps differ");
        }
        if (gainSpread > 0) {
            notes.add(f.name() + ": per-neuron gains differ by up to " + String.format("%.3g", gainSpread * 100)
                    + " %; the chip uses one weight scale per population");
        }
        if (!f.spiking()) {
            notes.add(f.name() + ": non-spiking readout mapped with the highest threshold (it never fires)");
        }
        return LIF.builder(f.name()).shape(f.aIn().shape()).model(NumericModel.FIXED_PT).du(du).dv(dv).vth(vth)
                .biasMant(bm).biasExp(be).u(u).v(v).build();
    }

    private Process synapses(Synapses g, ProcessGraph graph) {
        SynapseTable t = g.table();
        Process target = null;
        for (Connection c : graph.connections()) {
            if (c.from() == g.aOut() && (c.to().owner() instanceof LIF || c.to().owner() instanceof CubaNeuron)) {
                target = c.to().owner();
            }
        }
        double s = target == null ? 1.0 : scale.get(target) * gain.get(target);
        double[] x = new double[t.size()];
        double xMax = 0;
        boolean pos = false;
        boolean neg = false;
        for (int k = 0; k < x.length; k++) {
            x[k] = s * t.weight().get(k) / 64;
            xMax = Math.max(xMax, Math.abs(x[k]));
            pos |= x[k] > 0;
            neg |= x[k] < 0;
        }
        SignMode mode = pos && neg ? SignMode.MIXED : neg ? SignMode.INHIBITORY : SignMode.EXCITATORY;
        int exp = xMax == 0 ? 0 : (int) Math.max(-8, Math.min(7, Math.ceil(Math.log(xMax / 255) / Math.log(2))));
        double[] w = new double[x.length];
        int[] post = new int[x.length];
        int[] pre = new int[x.length];
        double maxErr = 0;
        double sumSq = 0;
        int nonZero = 0;
        int maxMant = 0;
        for (int i = 0; i < t.numInputs(); i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                pre[k] = i;
                post[k] = t.post()[k];
                w[k] = Math.max(-256, Math.min(255, Math.round(x[k] / Math.pow(2, exp))));
                int prepared = FixedPoint.prepareWeight((long) w[k], mode, 8);
                maxMant = Math.max(maxMant, Math.abs(prepared));
                if (x[k] != 0) {
                    double err = Math.abs(prepared * Math.pow(2, exp) - x[k]) / Math.abs(x[k]);
                    maxErr = Math.max(maxErr, err);
                    sumSq += err * err;
                    nonZero++;
                }
            }
        }
        int bits = maxMant == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(maxMant);
        errors.add(new GroupError(g.name(), exp, s, maxErr, nonZero == 0 ? 0 : Math.sqrt(sumSq / nonZero), bits));
        int[] delays = t.maxDelay() > 0 ? t.delay() : null;
        return Sparse.of(g.name(), t.numOutputs(), t.numInputs(), post, pre, w, delays, 8, exp, mode);
    }
}
