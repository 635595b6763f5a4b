package org.spikemesh.process.nets;

import java.util.List;
import java.util.SplittableRandom;
import org.spikemesh.process.Connection;
import org.spikemesh.process.Process;
import org.spikemesh.process.Values;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.process.lib.LearningSparse;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SynapseTable;

/**
 * The CUBA benchmark (Brette et al. 2007, benchmark 2; Brian2's examples/CUBA.py) in Loihi fixed point:
 * N LIF neurons, 80% excitatory, 20% inhibitory, each receiving 64 excitatory and 16 inhibitory random inputs
 * (p = 0.02 at N = 4000, kept at 80 inputs for every N, as Brian2's scaling rule), dt = 0.1 ms.
 * <p>
 * Mapping of Brian2's parameters (dt = 0.1 ms; v measured from Vr = -60 mV in units of 1/640000 mV... scaled so
 * that vth fits 17 bits): taum = 20 ms gives dv = round(4096 * 0.1 / 20) = 20; one synaptic current with
 * taue = 5 ms gives du = round(4096 * 0.1 / 5) = 82 (Loihi has one current per compartment, so inhibition uses taue
 * too, with its weight scaled so the total charge matches taui = 10 ms); Vt - Vr = 10 mV is vth = 100000
 * (vth &lt;&lt; 6 = 6.4e6 units, i.e. 640000 units per mV); El - Vr = 11 mV sets the bias: v settles at
 * bias * 4096 / dv = 7.04e6, so bias = 34375 ~ 2148 &lt;&lt; 4. A spike's total charge into v is w * 64 * 4096 / du:
 * we = 1.62 mV * taue/taum = 0.405 mV gives w_exc = 81; wi = -9 mV * taui/taum = -4.5 mV gives
 * -900 = -225 &lt;&lt; 2 (weight_exp 2). No refractory period (Lava's LIF has none), initial v uniform in
 * [0, vth &lt;&lt; 6).
 */
public final class Cuba {
    /** Excitatory inputs per neuron. */
    public static final int EXC_INPUTS = 64;
    /** Inhibitory inputs per neuron. */
    public static final int INH_INPUTS = 16;

    private Cuba() {
    }

    /**
     * @param n number of neurons (&gt;= 100)
     * @param seed connectivity and initial state seed
     * @return the network: {@code cuba} (LIF), {@code exc} and {@code inh} (Sparse, recurrent)
     */
    public static Network build(int n, long seed) {
        return build(n, seed, EXC_INPUTS, INH_INPUTS);
    }

    /**
     * CUBA with another fan-in (for scale benchmarks, e.g. 80 + 20 = 100 synapses per neuron).
     *
     * @param n number of neurons (&gt;= 100)
     * @param seed connectivity and initial state seed
     * @param excInputs excitatory inputs per neuron
     * @param inhInputs inhibitory inputs per neuron
     * @return the network
     */
    public static Network build(int n, long seed, int excInputs, int inhInputs) {
        return build(n, seed, excInputs, inhInputs, 0);
    }

    private static Network build(int n, long seed, int excInputs, int inhInputs, int plasticEpoch) {
        if (n < 100) {
            throw new IllegalArgumentException("CUBA needs at least 100 neurons, got " + n);
        }
        SplittableRandom r = new SplittableRandom(seed);
        int nExc = n * 4 / 5;
        int nInh = n - nExc;
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) {
            v0[i] = r.nextInt(6_400_000);
        }
        LIF lif = LIF.builder("cuba").shape(n).du(82).dv(20).vth(100000).biasMant(2148).biasExp(4).v(v0).build();
        Sparse static0 = synapses("exc", n, 0, nExc, excInputs, 81, 0, SignMode.EXCITATORY, r);
        Sparse inh = synapses("inh", n, nExc, nInh, inhInputs, -225, 2, SignMode.INHIBITORY, r);
        org.spikemesh.process.lib.Synapses exc = plasticEpoch > 0 ? plastic(static0, plasticEpoch, seed) : static0;
        List<Connection> cs = new java.util.ArrayList<>(List.of(new Connection(lif.sOut(), exc.sIn()),
                new Connection(lif.sOut(), inh.sIn()), new Connection(exc.aOut(), lif.aIn()),
                new Connection(inh.aOut(), lif.aIn())));
        if (exc instanceof LearningSparse) {
            cs.add(new Connection(lif.sOut(), ((LearningSparse) exc).sInBap()));
        }
        for (Connection c : cs) {
            c.from().connect(c.to());
        }
        List<Process> procs = List.of(lif, exc, inh);
        return new Network(procs, List.copyOf(cs), (plasticEpoch > 0 ? "cuba-stdp-" : "cuba-") + n);
    }

    private static LearningSparse plastic(Sparse exc, int epoch, long seed) {
        SynapseTable t = exc.table();
        int[] pre = new int[t.size()];
        for (int i = 0; i < t.numInputs(); i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                pre[k] = i;
            }
        }
        return LearningSparse.of("exc", t.numOutputs(), t.numInputs(), t.post(), pre, t.weight().toArray(), 8, 0,
                SignMode.EXCITATORY, LearningRules.stdp(1.0, 0.0625, -0.0625, 200, 200, 16, epoch, seed));
    }

    /**
     * CUBA with STDP on every excitatory synapse: {@code exc} becomes a LearningSparse with Lava's pair STDP
     * (A_plus 2^-4, A_minus -2^-4, tau_plus and tau_minus 200 steps = 20 ms, impulse 16), so a causal pairing moves a
     * weight by up to one unit. For the learning benchmark.
     *
     * @param n number of neurons
     * @param seed connectivity and initial state seed
     * @param epoch learning epoch in steps
     * @return the network
     */
    public static Network buildPlastic(int n, long seed, int epoch) {
        return build(n, seed, EXC_INPUTS, INH_INPUTS, epoch);
    }

    private static Sparse synapses(String name, int n, int preFrom, int preCount, int perNeuron, int w, int exp,
                                   SignMode mode, SplittableRandom r) {
        int k = Math.min(perNeuron, preCount);
        int total = n * k;
        // the inputs drawn post by post (post o's are at o * k ..), then sorted into rows by pre: 8 bytes per synapse
        // at the most, where lists of post, pre and double weights for Sparse.of would take 16 before its own copies.
        // The array the network keeps comes first, the one let go after it: a collector that places large arrays in
        // one piece and does not move them (G1) then finds the freed one's room next to the free heap above, not
        // as a hole below the kept one (256 000 x 100 on 1 thread ran with 360 MB of heap before, see
        // docs/performance.md)
        int[] post = new int[total];
        int[] pre = new int[total];
        int[] pick = new int[k];
        int at = 0;
        for (int o = 0; o < n; o++) {
            // k distinct pre-synaptic neurons by rejection (k << preCount)
            for (int j = 0; j < k; j++) {
                int c;
                boolean dup;
                do {
                    c = preFrom + r.nextInt(preCount);
                    dup = false;
                    for (int q = 0; q < j; q++) {
                        if (pick[q] == c) {
                            dup = true;
                            break;
                        }
                    }
                } while (dup);
                pick[j] = c;
                pre[at++] = c;
            }
        }
        int[] rowStart = Sparse.rowStarts(pre, n);
        int[] fill = java.util.Arrays.copyOf(rowStart, n);
        for (int s = 0; s < total; s++) {
            // s / k is the post; going through s in order leaves each row's posts increasing, as Sparse keeps them
            post[fill[pre[s]]++] = s / k;
        }
        return Sparse.ofRows(name, n, n, rowStart, post, Values.uniform(total, w), null, 8, exp, mode);
    }
}
