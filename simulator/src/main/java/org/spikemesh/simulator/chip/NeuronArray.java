package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.spikemesh.compiler.program.NeuronState;
import org.spikemesh.process.fixed.FixedPoint;

/**
 * The LIF state of all cores of one shard in flat arrays (cores one after the other), their input ring of delay
 * slots, and the neuron kernel (Lava's bit-accurate LIF, branch-free so C2 vectorises it) run over runs of
 * consecutive cores that share their parameters. The kernel writes one flag per neuron (all ones on a spike, 2 when
 * the neuron is left at rest, else 0) and has no reduction in it (a reduction stops C2 from vectorising the loop,
 * 6.6 against 0.9 ns per neuron measured here); a separate OR over each chunk of {@value #CHUNK} neurons tells
 * which cores need to be scanned for spikes and resting neurons.
 */
final class NeuronArray {
    static final int CHUNK_BITS = 8;
    static final int CHUNK = 1 << CHUNK_BITS;
    final int length;
    final int[] u;
    final int[] v;
    final int[] flag;
    final int slots;
    final int[][] ring;
    final int[] chunkAny;
    /** runs of cores: [runFrom[r], runTo[r]) in shard neuron index, with uniform parameters, or a single core. */
    private int[] runFrom;
    private int[] runTo;
    private NeuronState[] runParams;
    private int[] runBase;
    private boolean[] runUniform;
    private final CoreRuntime[] cores;
    private final int first;
    private final int last;

    NeuronArray(CoreRuntime[] cores, int first, int last, int slots) {
        int len = 0;
        for (int c = first; c < last; c++) {
            if (cores[c].isNeuron()) {
                cores[c].base = len;
                len += cores[c].n;
            }
        }
        this.length = len;
        this.u = new int[len];
        this.v = new int[len];
        this.flag = new int[len];
        this.slots = slots;
        this.ring = new int[slots][len];
        int chunks = (len + CHUNK - 1) / CHUNK;
        this.chunkAny = new int[chunks];
        this.cores = cores;
        this.first = first;
        this.last = last;
        for (int c = first; c < last; c++) {
            CoreRuntime k = cores[c];
            if (k.isNeuron()) {
                System.arraycopy(k.program.neurons().u(), 0, u, k.base, k.n);
                System.arraycopy(k.program.neurons().v(), 0, v, k.base, k.n);
            }
        }
        buildRuns();
    }

    /** Groups consecutive cores with equal uniform parameters into runs; again after parameters change. */
    void buildRuns() {
        int[] from = new int[last - first];
        int[] to = new int[last - first];
        NeuronState[] params = new NeuronState[last - first];
        int[] base = new int[last - first];
        boolean[] uni = new boolean[last - first];
        int runs = 0;
        for (int c = first; c < last; c++) {
            CoreRuntime k = cores[c];
            if (!k.isNeuron()) {
                continue;
            }
            NeuronState p = k.program.neurons();
            boolean uniform = k.uniform();
            if (runs > 0 && uniform && runUniformAt(uni, runs - 1) && to[runs - 1] == k.base
                    && sameParameters(params[runs - 1], p)) {
                to[runs - 1] = k.base + k.n;
            } else {
                from[runs] = k.base;
                to[runs] = k.base + k.n;
                params[runs] = p;
                base[runs] = k.base;
                uni[runs] = uniform;
                runs++;
            }
        }
        this.runFrom = Arrays.copyOf(from, runs);
        this.runTo = Arrays.copyOf(to, runs);
        this.runParams = Arrays.copyOf(params, runs);
        this.runBase = Arrays.copyOf(base, runs);
        this.runUniform = Arrays.copyOf(uni, runs);
    }

    private static boolean runUniformAt(boolean[] uni, int r) {
        return uni[r];
    }

    private static boolean sameParameters(NeuronState a, NeuronState b) {
        return a.factorU()[0] == b.factorU()[0] && a.factorV()[0] == b.factorV()[0] && a.bias()[0] == b.bias()[0]
                && a.vth()[0] == b.vth()[0];
    }

    /** Updates every neuron of the shard for step t from ring slot t, then clears that slot. */
    void update(int t) {
        Arrays.fill(chunkAny, 0);
        int[] a = ring[t % slots];
        for (int r = 0; r < runFrom.length; r++) {
            NeuronState p = runParams[r];
            for (int lo = runFrom[r], hi = runTo[r]; lo < hi; ) {
                int end = Math.min(hi, ((lo >> CHUNK_BITS) + 1) << CHUNK_BITS);
                if (runUniform[r]) {
                    uniform(a, lo, end, p.factorU()[0], p.factorV()[0], p.bias()[0], p.vth()[0]);
                } else {
                    perNeuron(a, lo, end, p, runBase[r]);
                }
                chunkAny[lo >> CHUNK_BITS] |= any(lo, end);
                lo = end;
            }
        }
        Arrays.fill(a, 0);
    }

    private void uniform(int[] a, int lo, int hi, int fu, int fv, int b, int th) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = flag;
        for (int i = lo; i < hi; i++) {
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], fu) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], fv) + nu + b);
            int spike = (th - nv) >> 31;
            int r = nv & ~spike;
            vv[i] = r;
            int s = nu | r;
            fl[i] = spike | (~((s | -s) >> 31) & 2);
        }
    }

    private void perNeuron(int[] a, int lo, int hi, NeuronState p, int base) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = flag;
        int[] fu = p.factorU();
        int[] fv = p.factorV();
        int[] bias = p.bias();
        int[] vth = p.vth();
        for (int i = lo; i < hi; i++) {
            int k = i - base;
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], fu[k]) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], fv[k]) + nu + bias[k]);
            int spike = (vth[k] - nv) >> 31;
            int r = nv & ~spike;
            vv[i] = r;
            int s = nu | r;
            fl[i] = spike | (~((s | -s) >> 31) & 2);
        }
    }

    private static final int[] ZEROS = new int[CHUNK];

    /** @return non-zero when a flag in [lo, hi) is set; {@link Arrays#mismatch} is a SIMD intrinsic */
    private int any(int lo, int hi) {
        return Arrays.mismatch(flag, lo, hi, ZEROS, 0, hi - lo) < 0 ? 0 : 1;
    }

    /**
     * @param base first neuron of a core
     * @param n its neurons
     * @return true when a chunk overlapping the core has a spike or a neuron at rest
     */
    boolean anyFlag(int base, int n) {
        for (int k = base >> CHUNK_BITS, e = (base + n - 1) >> CHUNK_BITS; k <= e; k++) {
            if (chunkAny[k] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the local indices of the core's spikes into {@code out} and counts its neurons at rest.
     *
     * @return spikes in the low 32 bits, neurons at rest in the high 32 bits
     */
    long scan(int base, int n, int[] out) {
        int count = 0;
        int rest = 0;
        int[] fl = flag;
        int i = 0;
        while (i < n) {
            int len = Math.min(CHUNK, n - i);
            int m = Arrays.mismatch(fl, base + i, base + i + len, ZEROS, 0, len);
            if (m < 0) {
                i += len;
                continue;
            }
            i += m;
            int f = fl[base + i];
            if (f == -1) {
                out[count++] = i;
                rest += (u[base + i] | v[base + i]) == 0 ? 1 : 0;
            } else {
                rest++;
            }
            i++;
        }
        return (long) rest << 32 | count;
    }
}
