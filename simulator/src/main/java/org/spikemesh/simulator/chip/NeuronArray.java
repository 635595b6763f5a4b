package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.spikemesh.compiler.program.NeuronState;
import org.spikemesh.process.fixed.FixedPoint;

/**
 * The LIF state of all cores of one shard in flat arrays (cores one after the other), their input ring of delay
 * slots, and the neuron kernel (Lava's bit-accurate LIF, branch-free so C2 vectorises it) run over runs of
 * consecutive cores that share their parameters. The kernel works in chunks of {@value #CHUNK} neurons and counts
 * per chunk the spikes and the neurons left at rest, so that cores whose chunks have neither are not scanned again.
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
    final int[] chunkSpikes;
    final int[] chunkRest;
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
        this.chunkSpikes = new int[chunks];
        this.chunkRest = new int[chunks];
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
        Arrays.fill(chunkSpikes, 0);
        Arrays.fill(chunkRest, 0);
        int[] a = ring[t % slots];
        for (int r = 0; r < runFrom.length; r++) {
            NeuronState p = runParams[r];
            for (int lo = runFrom[r], hi = runTo[r]; lo < hi; ) {
                int end = Math.min(hi, ((lo >> CHUNK_BITS) + 1) << CHUNK_BITS);
                long counts = runUniform[r]
                        ? uniform(a, lo, end, p.factorU()[0], p.factorV()[0], p.bias()[0], p.vth()[0])
                        : perNeuron(a, lo, end, p, runBase[r]);
                chunkSpikes[lo >> CHUNK_BITS] += (int) (counts >>> 32);
                chunkRest[lo >> CHUNK_BITS] += (int) counts;
                lo = end;
            }
        }
        Arrays.fill(a, 0);
    }

    private long uniform(int[] a, int lo, int hi, int fu, int fv, int b, int th) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = flag;
        int rest = 0;
        int fired = 0;
        for (int i = lo; i < hi; i++) {
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], fu) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], fv) + nu + b);
            int spike = (th - nv) >> 31;
            fl[i] = spike;
            int r = nv & ~spike;
            vv[i] = r;
            int s = nu | r;
            rest += 1 - ((s | -s) >>> 31);
            fired -= spike;
        }
        return (long) fired << 32 | rest;
    }

    private long perNeuron(int[] a, int lo, int hi, NeuronState p, int base) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = flag;
        int[] fu = p.factorU();
        int[] fv = p.factorV();
        int[] bias = p.bias();
        int[] vth = p.vth();
        int rest = 0;
        int fired = 0;
        for (int i = lo; i < hi; i++) {
            int k = i - base;
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], fu[k]) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], fv[k]) + nu + bias[k]);
            int spike = (vth[k] - nv) >> 31;
            fl[i] = spike;
            int r = nv & ~spike;
            vv[i] = r;
            int s = nu | r;
            rest += 1 - ((s | -s) >>> 31);
            fired -= spike;
        }
        return (long) fired << 32 | rest;
    }

    /**
     * @param base first neuron of a core
     * @param n its neurons
     * @return true when a chunk overlapping the core saw a spike
     */
    boolean anySpike(int base, int n) {
        for (int k = base >> CHUNK_BITS, e = (base + n - 1) >> CHUNK_BITS; k <= e; k++) {
            if (chunkSpikes[k] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param base first neuron of a core
     * @param n its neurons
     * @return neurons of the core left at rest (u = v = 0)
     */
    int rest(int base, int n) {
        boolean any = false;
        for (int k = base >> CHUNK_BITS, e = (base + n - 1) >> CHUNK_BITS; k <= e && !any; k++) {
            any = chunkRest[k] != 0;
        }
        if (!any) {
            return 0;
        }
        int r = 0;
        for (int i = base; i < base + n; i++) {
            int s = u[i] | v[i];
            r += 1 - ((s | -s) >>> 31);
        }
        return r;
    }

    /**
     * Writes the local indices of the core's spikes into {@code out}.
     *
     * @return how many
     */
    int collect(int base, int n, int[] out) {
        int count = 0;
        int[] fl = flag;
        for (int i = 0; i < n; i++) {
            if (fl[base + i] != 0) {
                out[count++] = i;
            }
        }
        return count;
    }
}
