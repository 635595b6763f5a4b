package org.spikemesh.process.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikemesh.process.Connection;
import org.spikemesh.process.Process;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.lib.DelayDense;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SpikeInput;

/** Seeded random fixed-point networks using every process type of the library. */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    /**
     * @param seed seed
     * @return a network: inputs -> synapse groups -> LIF populations, with recurrence through synapses
     */
    public static Network fixedPoint(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Process> procs = new ArrayList<>();
        List<Connection> conns = new ArrayList<>();
        int nIn = 2 + r.nextInt(6);
        Map<Integer, int[]> spikes = new HashMap<>();
        for (int i = 0; i < nIn; i++) {
            if (r.nextInt(4) > 0) {
                int k = 1 + r.nextInt(5);
                java.util.TreeSet<Integer> steps = new java.util.TreeSet<>();
                while (steps.size() < k) {
                    steps.add(1 + r.nextInt(30));
                }
                spikes.put(i, steps.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        SpikeInput in = SpikeInput.of("in", new int[]{nIn}, spikes);
        procs.add(in);
        PoissonSource noise = PoissonSource.of("noise", new int[]{nIn}, new double[]{0.05 + r.nextDouble() * 0.2},
                r.nextBoolean() ? null : (long) r.nextInt(1000));
        procs.add(noise);
        int pops = 1 + r.nextInt(3);
        List<LIF> lifs = new ArrayList<>();
        for (int p = 0; p < pops; p++) {
            int n = 1 + r.nextInt(8);
            double[] bias = new double[n];
            double[] bexp = new double[n];
            for (int i = 0; i < n; i++) {
                bias[i] = r.nextInt(-50, 200);
                bexp[i] = r.nextInt(0, 4);
            }
            LIF lif = LIF.builder("lif" + p).shape(n).du(r.nextInt(0, 4096)).dv(r.nextInt(0, 4096))
                    .vth(r.nextInt(0, 400)).biasMant(bias).biasExp(bexp).build();
            lifs.add(lif);
            procs.add(lif);
        }
        int syn = 0;
        for (LIF post : lifs) {
            Process[] sources = {in, noise, lifs.get(r.nextInt(lifs.size()))};
            for (Process pre : sources) {
                if (pre != in && r.nextInt(3) == 0) {
                    continue;
                }
                int nPre = pre.outPort("s_out").size();
                Process s = synapses("syn" + syn++, r, nPre, post.size());
                procs.add(s);
                Connection a = new Connection(pre.outPort("s_out"), s.inPort("s_in"));
                Connection b = new Connection(s.outPort("a_out"), post.aIn());
                a.from().connect(a.to());
                b.from().connect(b.to());
                conns.add(a);
                conns.add(b);
            }
        }
        return new Network(procs, conns, "random-" + seed);
    }

    private static Process synapses(String name, SplittableRandom r, int in, int out) {
        int bits = 1 + r.nextInt(8);
        int exp = r.nextInt(-8, 8);
        SignMode mode = r.nextInt(3) == 0 ? SignMode.values()[r.nextInt(3)] : null;
        double[][] w = new double[out][in];
        double[][] d = new double[out][in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o][i] = r.nextInt(4) == 0 ? 0 : r.nextInt(-300, 300);
                d[o][i] = r.nextInt(0, 4);
            }
        }
        switch (r.nextInt(3)) {
            case 0:
                return Dense.of(name, w, bits, exp, mode);
            case 1:
                return DelayDense.of(name, w, d, bits, exp, mode);
            default:
                List<int[]> pairs = new ArrayList<>();
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        if (w[o][i] != 0) {
                            pairs.add(new int[]{o, i});
                        }
                    }
                }
                int n = pairs.size();
                int[] post = new int[n];
                int[] pre = new int[n];
                double[] ws = new double[n];
                int[] ds = new int[n];
                for (int k = 0; k < n; k++) {
                    post[k] = pairs.get(k)[0];
                    pre[k] = pairs.get(k)[1];
                    ws[k] = w[post[k]][pre[k]];
                    ds[k] = (int) d[post[k]][pre[k]];
                }
                return Sparse.of(name, out, in, post, pre, ws, r.nextBoolean() ? ds : null, bits, exp, mode);
        }
    }
}
