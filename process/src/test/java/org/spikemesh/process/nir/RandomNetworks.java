package org.spikemesh.process.nir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikemesh.process.InPort;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Composite;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.DelayDense;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.Synapses;

/**
 * Small random float networks for property tests, from a seed: one or two SpikeInputs, two to four CubaNeuron
 * populations of the three kinds NIR can express (LIF-like du = 1, CubaLIF-like, IF-like dv = 0) with decays and
 * gains of the form the NIR importer produces at {@link #DT} ({@code dt / tau}, {@code decay * r}), each fed by one or
 * two synapse groups (Dense, Sparse with delays, DelayDense) from inputs or spiking neurons (itself included), and
 * some populations with their synapses wrapped in a hierarchical process.
 */
public final class RandomNetworks {
    /** Steps the random inputs cover. */
    public static final int STEPS = 40;
    /** The time step the decays are made for (they are dt / tau, as the importer makes them). */
    public static final double DT = 1e-3;

    private final SplittableRandom rnd;
    private final List<Process> top = new ArrayList<>();
    private final Map<Process, Composite> group = new HashMap<>();
    private final Map<Process, OutPort> exposed = new HashMap<>();
    private int serial;

    private RandomNetworks(long seed) {
        rnd = new SplittableRandom(seed);
    }

    /**
     * @param seed the seed
     * @return the network, named {@code random-SEED}
     */
    public static ProcessGraph generate(long seed) {
        return new RandomNetworks(seed).build("random-" + seed);
    }

    private ProcessGraph build(String name) {
        List<Process> sources = new ArrayList<>();
        int inputs = 1 + rnd.nextInt(2);
        for (int i = 0; i < inputs; i++) {
            SpikeInput in = input("in" + i, 1 + rnd.nextInt(4));
            top.add(in);
            sources.add(in);
        }
        CubaNeuron.Reset reset = rnd.nextBoolean() ? CubaNeuron.Reset.ZERO : CubaNeuron.Reset.SUBTRACT;
        int count = 2 + rnd.nextInt(3);
        List<CubaNeuron> neurons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CubaNeuron n = neuron("n" + i, 1 + rnd.nextInt(4), reset);
            neurons.add(n);
            sources.add(n);
            Composite c = rnd.nextInt(3) == 0 ? new Composite("g" + i) : null;
            place(n, c);
        }
        for (CubaNeuron n : neurons) {
            int groups = 1 + rnd.nextInt(2);
            for (int k = 0; k < groups; k++) {
                Process src = sources.get(rnd.nextInt(sources.size()));
                Synapses s = synapses("w" + serial++, src instanceof SpikeInput ? ((SpikeInput) src).size()
                        : ((CubaNeuron) src).size(), n.size());
                place(s, group.get(n));
                s.aOut().connect(n.aIn());
                connect(src, s);
            }
        }
        return ProcessGraph.of(top, name);
    }

    private void place(Process p, Composite c) {
        if (c == null) {
            top.add(p);
            return;
        }
        if (!top.contains(c)) {
            top.add(c);
        }
        c.add(p);
        group.put(p, c);
    }

    private void connect(Process src, Synapses s) {
        OutPort o = src instanceof SpikeInput ? ((SpikeInput) src).sOut() : ((CubaNeuron) src).sOut();
        Composite from = group.get(src);
        Composite to = group.get(s);
        if (from != null && from != to) {
            o = exposed.computeIfAbsent(src, p -> from.exposeOut("s_out_" + p.localName(), ((CubaNeuron) p).sOut()));
        }
        InPort i = s.sIn();
        if (to != null && from != to) {
            i = to.exposeIn("in_" + s.localName(), s.sIn());
        }
        o.connect(i);
    }

    private SpikeInput input(String name, int size) {
        Map<Integer, int[]> spikes = new HashMap<>();
        for (int i = 0; i < size; i++) {
            List<Integer> steps = new ArrayList<>();
            for (int t = 1; t <= STEPS; t++) {
                if (rnd.nextInt(4) == 0) {
                    steps.add(t);
                }
            }
            spikes.put(i, steps.stream().mapToInt(Integer::intValue).toArray());
        }
        return SpikeInput.of(name, new int[]{size}, spikes);
    }

    private CubaNeuron neuron(String name, int n, CubaNeuron.Reset reset) {
        int kind = rnd.nextInt(3);
        CubaNeuron.Builder b = CubaNeuron.builder(name).shape(n).reset(reset).spiking(true);
        double[] du = kind == 1 ? decays(n) : fill(n, 1);
        double[] dv = kind == 2 ? fill(n, 0) : decays(n);
        b.du(du).uGain(kind == 1 ? times(du, values(n, 0.2, 3)) : fill(n, 1));
        b.dv(dv).vGain(kind == 2 ? values(n, 0.2, 3) : times(dv, values(n, 0.2, 30)));
        b.vLeak(kind == 2 ? fill(n, 0) : values(n, -0.2, 0.2)).vth(values(n, 0.5, 2)).vReset(values(n, -0.1, 0.1));
        b.bias(rnd.nextBoolean() ? values(n, -0.1, 0.3) : fill(n, 0));
        return b.build();
    }

    /** @return decays as the importer makes them: dt / tau for a time constant tau in [dt, 50 dt] */
    private double[] decays(int n) {
        double[] tau = values(n, DT, 50 * DT);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = DT / tau[i];
        }
        return d;
    }

    /** @return gains as the importer makes them: a decay times a NIR factor (r or w_in) */
    private static double[] times(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * b[i];
        }
        return r;
    }

    private Synapses synapses(String name, int in, int out) {
        int kind = rnd.nextInt(3);
        double[][] w = new double[out][in];
        double[][] d = new double[out][in];
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                w[i][j] = rnd.nextInt(5) == 0 ? 0 : value(-1, 2);
                d[i][j] = rnd.nextInt(3);
                if (w[i][j] != 0) {
                    pairs.add(new int[]{i, j});
                }
            }
        }
        if (kind == 0) {
            return Dense.of(name, w);
        }
        if (kind == 1) {
            return DelayDense.of(name, w, d, 8, 0, null);
        }
        int[] post = new int[pairs.size()];
        int[] pre = new int[pairs.size()];
        double[] ws = new double[pairs.size()];
        int[] ds = new int[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            post[k] = pairs.get(k)[0];
            pre[k] = pairs.get(k)[1];
            ws[k] = w[post[k]][pre[k]];
            ds[k] = (int) d[post[k]][pre[k]];
        }
        return Sparse.of(name, out, in, post, pre, ws, ds, 8, 0, null);
    }

    private double value(double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private double[] values(int n, double lo, double hi) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = value(lo, hi);
        }
        return r;
    }

    private static double[] fill(int n, double x) {
        double[] r = new double[n];
        java.util.Arrays.fill(r, x);
        return r;
    }
}
