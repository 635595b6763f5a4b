package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.spikemesh.compiler.program.NeuronState;
import org.spikemesh.process.fixed.FixedPoint;

/**
 * The LIF state of all cores of one shard in flat arrays (cores one after the other), their input ring of delay
 * slots, and the neuron kernel (Lava's bit-accurate LIF, branch-free so C2 vectorises it) run over runs of
 * consecutive cores that share their parameters. The kernel writes one flag per neuron (all ones on a spike, another
 * non-zero value when the neuron is left at rest, else 0) and has no reduction in it (a reduction stops C2 from
 * vectorising the loop, 6.6 against 0.9 ns per neuron measured here); a search of the flags afterwards
 * ({@link Arrays#mismatch}, a SIMD intrinsic) tells which cores need to be scanned for spikes and resting neurons.
 */
final class NeuronArray {
    static final int CHUNK_BITS = 10;
    static final int CHUNK = 1 << CHUNK_BITS;
    /** offsets of {@link #outside}. */
    private static final int LOW = FixedPoint.MAX_UV - 1;
    private static final int HIGH = FixedPoint.MAX_UV;
    final int length;
    int[] u;
    int[] v;
    /**
     * this step's flags: the ring slot the step's input was read from, which the kernel overwrites (one array less to
     * stream through the cache each step: 0.48-0.50 against 0.55-0.56 ns per neuron timed alone). Only the flags
     * that are set need clearing, and {@link #scan} clears each one it reads; every core with a set flag is scanned in
     * its step, so the slot is empty again before anything is delivered into it (clearing the whole slot each step
     * took 256 KB of writes per step at 64 000 neurons, 0.02-0.03 s of a 1.1 s run).
     */
    int[] flag;
    final int slots;
    final int[][] ring;
    /**
     * per chunk of {@link #CHUNK} neurons: non-zero when {@link #findFlags} found a core's first flag in it, so that
     * every core with a flag overlaps a marked chunk ({@link #anyFlag}).
     */
    final int[] chunkAny;
    /** the LIF cores with a flagged neuron this step (program index), found by {@link #findFlags}, and how many. */
    private final int[] flaggedCore;
    private int flaggedCount;
    /** zeros to compare flags with ({@link Arrays#mismatch}), a stretch of this many at a time. */
    private static final int[] ZEROS = new int[1 << 13];
    /** the LIF cores with neurons (program index), in order, and where their neurons end in the arrays. */
    private final int[] lifCore;
    private final int[] lifEnd;
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
        this.slots = slots;
        this.ring = new int[slots][len];
        this.flag = ring[0];
        int chunks = (len + CHUNK - 1) / CHUNK;
        this.chunkAny = new int[chunks];
        int lifs = 0;
        for (int c = first; c < last; c++) {
            lifs += cores[c].isNeuron() && cores[c].n > 0 ? 1 : 0;
        }
        this.lifCore = new int[lifs];
        this.lifEnd = new int[lifs];
        for (int c = first, j = 0; c < last; c++) {
            if (cores[c].isNeuron() && cores[c].n > 0) {
                lifCore[j] = c;
                lifEnd[j++] = cores[c].base + cores[c].n;
            }
        }
        this.flaggedCore = new int[lifs];
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
            requireThresholdsBelowClip(k, p);
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

    /** The kernel leaves the clip of v at 2^23 to the spike there (see {@link #kernel}): no threshold may reach it. */
    private static void requireThresholdsBelowClip(CoreRuntime k, NeuronState p) {
        for (int i = 0; i < k.n; i++) {
            if (p.vth()[i] >= HIGH) {
                throw new IllegalStateException("core " + k.index + ": threshold " + p.vth()[i] + " of neuron " + i
                        + " is not below 2^23 (vth at most 131071, shifted by 6)");
            }
        }
    }

    private static boolean runUniformAt(boolean[] uni, int r) {
        return uni[r];
    }

    private static boolean sameParameters(NeuronState a, NeuronState b) {
        return a.factorU()[0] == b.factorU()[0] && a.factorV()[0] == b.factorV()[0] && a.bias()[0] == b.bias()[0]
                && a.vth()[0] == b.vth()[0];
    }

    /**
     * Moves the arrays (u, v and the ring's slots, flags included) to new memory, every value copied: for a shard whose
     * kernel runs slow where its arrays lie ({@link KernelWatch}). Called by the shard's thread between its kernel and
     * the rest of its step; everything else reads the arrays through this object's fields.
     */
    void moveArrays() {
        int flagSlot = 0;
        while (ring[flagSlot] != flag) {
            flagSlot++;
        }
        u = u.clone();
        v = v.clone();
        for (int k = 0; k < slots; k++) {
            ring[k] = ring[k].clone();
        }
        flag = ring[flagSlot];
    }

    /**
     * Updates every neuron of the shard for step t from ring slot t, writing the flags over the slot; {@link #scan}
     * clears the flags it reads, before anything is delivered into the slot.
     */
    void update(int t) {
        int[] a = ring[t % slots];
        flag = a;
        kernel(a);
        findFlags();
    }

    /**
     * Finds the LIF cores with a flagged neuron, in one pass over the flags after the kernel: a flag, its core, a jump
     * to the core's end, and so on; marks the chunks of the flags found in {@link #chunkAny}.
     */
    private void findFlags() {
        Arrays.fill(chunkAny, 0);
        flaggedCount = 0;
        int[] fl = flag;
        int j = 0;
        int lo = 0;
        while (lo < length) {
            int hi = Math.min(length, lo + ZEROS.length);
            int m = Arrays.mismatch(fl, lo, hi, ZEROS, 0, hi - lo);
            if (m < 0) {
                lo = hi;
                continue;
            }
            int p = lo + m;
            while (lifEnd[j] <= p) {
                j++;
            }
            flaggedCore[flaggedCount++] = lifCore[j];
            chunkAny[p >> CHUNK_BITS] = 1;
            lo = lifEnd[j];
            j++;
        }
    }

    /**
     * The LIF cores with a neuron the kernel flagged this step (a spike, at rest, or u or v to finish), in order.
     * Found after the whole kernel in one pass over the flags. The kernel ran chunk by chunk, each chunk's flags
     * searched right after it while in the first-level cache; but each call of the kernel's vectorised loop starts and
     * ends with scalar iterations (alignment and remainder), and over chunks of 1 024 neurons these took a quarter of
     * the kernel's time (64 000 neurons, 1 thread, timed inside the shard: kernel with the chunks' searches 0.235 s,
     * visits 0.053; one call per run of cores and one search after it, 0.207-0.211 and 0.050).
     *
     * @param out receives the cores' program indices
     * @return how many
     */
    int flaggedCores(int[] out) {
        System.arraycopy(flaggedCore, 0, out, 0, flaggedCount);
        return flaggedCount;
    }

    /**
     * The kernel: for every run of cores of the shard, one of three loops over its neurons.
     *
     * <p>The loop for a run whose neurons share their parameters is the fast half of Lava's bit-accurate LIF step, for neurons whose new u and v need neither the 24-bit wrap of u
     * nor the clip of v (see {@link #outside}): this leaves both out and writes the unwrapped u and unclipped v (not
     * reset: {@link #scan} resets the v of every spiking neuron), and a flag that is -1 on a spike, and non-zero for a
     * neuron left at rest (u = v = 0) or whose u or v left that range. Of the range of v only its offset by
     * {@code LOW} is tested, which lets through one value that needs the clip, 2^23: every threshold is below it (Lava
     * takes vth up to 131071, shifted by 6: 8 388 544), so such a neuron spikes and is finished by its scan (two
     * operations fewer per neuron than the full test of {@link #outside}). The test for rest shares the shift of the
     * range test: (s - 1) &amp; ~s, s = u | v, has every bit set when s is 0, and bit 24 or above otherwise only when
     * s is a multiple of 2^25, that is when u or v is out of range anyway (three operations fewer than a test of its
     * own: 0.44-0.52 against 0.51-0.57 ns per neuron, timed alone). {@link #finish} then finishes the neurons
     * that left it, from the values written, when their core is scanned: the wrapped u is the wrap of the unwrapped
     * one, and the v before the clip differs from the one written by the wrap's correction. About 40 integer
     * operations per neuron instead of 65 with the wrap and clip in it: 0.53 against 0.73-0.95 ns per neuron, timed
     * alone on 4 000 neurons here. C2 vectorises it only as written: {@code Math.abs} in the decay (5.3 ns), or the
     * decay as a floor with a rounding offset (4.3 ns), stop it.
     *
     * <p>When those decays of u and v are up to {@value FixedPoint#SMALL_DECAY} (slow decays, as in most networks: CUBA's
     * are 82 and 20), the same loop with {@link FixedPoint#decaySmall}, which gives the same values with one
     * multiplication each instead of two. The states it decays are those the kernel left inside the ranges {@link #outside} checks, or
     * finished by {@link #finish}: within 2^23, as decaySmall needs. The loop is repeated with the other decay (a decay
     * passed in as a function, or a branch per neuron, would keep C2 from vectorising either).
     *
     * <p>A run whose neurons have parameters of their own takes the same loop with the parameters read per neuron.
     *
     * <p>The three loops stay in one method of more bytecode than C2 inlines into a hot caller (325 bytes), so that it
     * is always compiled on its own, where C2 vectorises the loops. As three small methods, C2 sometimes inlined them
     * into the shard's step and then did not vectorise them: about a third of the processes ran 3.4 times slower
     * (docs/performance.md, twelfth round).
     */
    private void kernel(int[] a) {
        int[] uu = u;
        int[] vv = v;
        for (int r = 0; r < runFrom.length; r++) {
            NeuronState p = runParams[r];
            int lo = runFrom[r];
            int hi = runTo[r];
            int fu = p.factorU()[0];
            int fv = p.factorV()[0];
            int du = FixedPoint.DECAY_UNITY - fu;
            int dv = FixedPoint.DECAY_UNITY - fv;
            int b = p.bias()[0];
            int th = p.vth()[0];
            if (runUniform[r] && du <= FixedPoint.SMALL_DECAY && dv <= FixedPoint.SMALL_DECAY) {
                for (int i = lo; i < hi; i++) {
                    int y = FixedPoint.decaySmall(uu[i], du) + (a[i] << FixedPoint.ACT_SHIFT);
                    uu[i] = y;
                    int z = FixedPoint.decaySmall(vv[i], dv) + y + b;
                    vv[i] = z;
                    int s = y | z;
                    a[i] = ((th - z) >> 31) | (((y + LOW) | (z + LOW) | ((s - 1) & ~s)) >>> 24);
                }
            } else if (runUniform[r]) {
                for (int i = lo; i < hi; i++) {
                    int y = FixedPoint.decay(uu[i], fu) + (a[i] << FixedPoint.ACT_SHIFT);
                    uu[i] = y;
                    int z = FixedPoint.decay(vv[i], fv) + y + b;
                    vv[i] = z;
                    int s = y | z;
                    a[i] = ((th - z) >> 31) | (((y + LOW) | (z + LOW) | ((s - 1) & ~s)) >>> 24);
                }
            } else {
                int base = runBase[r];
                int[] fus = p.factorU();
                int[] fvs = p.factorV();
                int[] bias = p.bias();
                int[] vth = p.vth();
                for (int i = lo; i < hi; i++) {
                    int k = i - base;
                    int y = FixedPoint.decay(uu[i], fus[k]) + (a[i] << FixedPoint.ACT_SHIFT);
                    uu[i] = y;
                    int z = FixedPoint.decay(vv[i], fvs[k]) + y + bias[k];
                    vv[i] = z;
                    int s = y | z;
                    a[i] = ((vth[k] - z) >> 31) | (((y + LOW) | (z + LOW) | ((s - 1) & ~s)) >>> 24);
                }
            }
        }
    }

    /**
     * Offsets map the u left alone by the 24-bit wrap, (-2^23, 2^23], and the v left alone by the clip,
     * [-(2^23 - 1), 2^23 - 1], into [0, 2^24), so that nothing is left above bit 23 exactly when neither the wrap nor
     * the clip would change anything (int overflow lands above bit 23 too).
     *
     * The kernels write this expression out, less its {@code v + HIGH} (see {@link #kernel}): with a call to this in
     * the loop C2 no longer vectorises them (64 000 neurons, 1 thread: 4.4 against 0.9 s).
     *
     * @param u the unwrapped u
     * @param v the unclipped v
     * @return 0 when neither needs the wrap or the clip, else non-zero
     */
    private static int outside(int u, int v) {
        return ((u + LOW) | (v + LOW) | (v + HIGH)) >>> 24;
    }

    /**
     * Finishes neuron i if its unwrapped u or unclipped v from the kernel needs the wrap or the clip: wraps u, corrects
     * and clips v, and sets its flag as Lava's full step would.
     *
     * @param p its core's parameters, whose thresholds (vth shifted) are read only when the neuron needs finishing:
     *          the common case then touches no per-core object, each a cache miss after the kernel's pass
     * @param local its index in the core
     * @return its flag
     */
    private int finish(int i, NeuronState p, int local) {
        int y = u[i];
        int z = v[i];
        if (outside(y, z) == 0) {
            return flag[i];
        }
        int th = p.vth()[local];
        int nu = FixedPoint.wrap24(y);
        int nv = FixedPoint.clipV(z - y + nu);
        u[i] = nu;
        v[i] = nv;
        int spike = (th - nv) >> 31;
        int s = nu | (nv & ~spike);
        int f = spike | (~((s | -s) >> 31) & 2);
        flag[i] = f;
        return f;
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
     * Finishes the core's flagged neurons that need the wrap or the clip ({@link #finish}), writes the local indices of
     * its spikes into {@code out}, resets their v (the kernel leaves it), counts its neurons at rest, and clears the
     * flags it read. Every core with a flagged neuron is scanned in the step, before anything reads its state.
     *
     * @return spikes in the low 32 bits, neurons at rest in the high 32 bits
     */
    long scan(int base, int n, int[] out, NeuronState p) {
        int count = 0;
        int rest = 0;
        int[] fl = flag;
        int i = 0;
        while (i < n) {
            int len = Math.min(ZEROS.length, n - i);
            int m = Arrays.mismatch(fl, base + i, base + i + len, ZEROS, 0, len);
            if (m < 0) {
                i += len;
                continue;
            }
            i += m;
            int f = finish(base + i, p, i);
            fl[base + i] = 0; // read: the slot takes inputs again
            if (f == -1) {
                out[count++] = i;
                v[base + i] = 0;
                rest += u[base + i] == 0 ? 1 : 0;
            } else if (f != 0) {
                rest++;
            }
            i++;
        }
        return (long) rest << 32 | count;
    }
}
