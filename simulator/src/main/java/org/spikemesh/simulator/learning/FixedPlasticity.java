package org.spikemesh.simulator.learning;

import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;

/**
 * Learning in Loihi's fixed point, as Lava's bit-approximate model computes it: 7-bit traces with stochastic rounding
 * of decay and impulse; per synapse a 16-bit accumulator starting at {@code value << 7}, to which each product adds
 * {@code ((dep * Π clip(factor) * mantissa) >> max(0, Σwidths - 15)) << (exponent + 7)}, saturated at
 * [-32769, 32767]; then the sign mode's bound, stochastic rounding to a whole unit and the variable's range
 * (weights 8 bits by sign mode, d 0..255, t -257..255). Products use int32 arithmetic that wraps as numpy's does.
 */
public final class FixedPlasticity extends Plasticity {
    /** largest trace value (7 bits). */
    public static final int TRACE_MAX = 127;
    private static final int ACC_MAX = (1 << 15) - 1;
    private static final int ACC_MIN = -(1 << 15) - 1;
    private static final int SHIFT = 7;

    private final SignMode signMode;
    private final FixedPreTraces pre;
    /** weights and tags, one per synapse; 16 bits hold their ranges and halve the cache footprint of the updates. */
    private final short[] w;
    private final short[] tag1;
    private final short[] tag2;
    private final TraceHistory[] hy = new TraceHistory[3];
    /** whole units and 1/256ths of the y1, y2, y3 impulses. */
    private final int[] impulseInt = new int[3];
    private final int[] impulseFrac = new int[3];
    private final CompiledRule compiled;
    private final DecayTable[] decayTables = new DecayTable[3];
    /** post traces with an impulse, a decay or a reader; the others (impulse 0, tau 0) stay 0 and need no history. */
    private final boolean[] usedPost = new boolean[3];
    private WeightSink sink;
    private double roundingNumber;
    /** false when no equation reads or writes d or t: their arrays are then never touched. */
    private final boolean readsTags;
    /** true when some product reads w, d or t: then a synapse cannot be skipped before reading them. */
    private final boolean readsSynapse;
    /** this synapse's products, when they do not depend on its own variables. */
    private final int[] products;
    private int u;

    /** Receives every weight that a learning phase changes. */
    public interface WeightSink {
        /**
         * @param synapse index in the block
         * @param weight new weight
         */
        void weight(int synapse, int weight);
    }

    /**
     * @param rule the rule
     * @param signMode the process's sign mode
     * @param pres inputs
     * @param posts outputs in this block
     * @param postOffset first output of the block
     * @param random rounding numbers
     * @param inputs the process's pre traces (shared by the blocks of one thread)
     * @param rowStart row start of each input
     * @param post output within the block of each synapse
     * @param weights initial weights (truncated), one per synapse
     */
    public FixedPlasticity(LearningRule rule, SignMode signMode, int pres, int posts, int postOffset,
                           LearningRandom random, FixedPreTraces inputs, int[] rowStart, int[] post, int[] weights) {
        super(rule, pres, posts, postOffset, random, inputs, rowStart, post);
        this.pre = inputs;
        this.signMode = signMode;
        this.w = new short[weights.length];
        for (int k = 0; k < weights.length; k++) {
            w[k] = (short) weights[k];
        }
        this.tag1 = new short[weights.length];
        this.tag2 = new short[weights.length];
        for (int k = 0; k < 3; k++) {
            hy[k] = new TraceHistory(posts, epoch, rule.thirdFactor(k));
            impulseInt[k] = whole(rule.impulse(2 + k));
            impulseFrac[k] = frac256(rule.impulse(2 + k));
        }
        this.compiled = new CompiledRule(rule);
        this.readsTags = rule.dd() != null || rule.dt() != null || readsTrace(rule, 8) || readsTrace(rule, 9);
        this.readsSynapse = readsTrace(rule, 7) || readsTrace(rule, 8) || readsTrace(rule, 9);
        this.products = new int[compiled.dependency.length];
        for (int k = 0; k < 3; k++) {
            decayTables[k] = inputs.postTables[k];
            usedPost[k] = used(rule, 2 + k);
        }
    }

    /** @return the whole units of an impulse (Lava: floor) */
    static int whole(double impulse) {
        return (int) Math.floor(impulse);
    }

    /** @return the fraction of an impulse in 1/256ths (Lava: round half to even) */
    static int frac256(double impulse) {
        return (int) Math.rint((impulse - Math.floor(impulse)) * 256);
    }

    /**
     * @param trace 0..4 for x1, x2, y1, y2, y3
     * @return false for a trace with no impulse, no decay and no reader: it stays 0 and needs no history
     */
    static boolean used(LearningRule rule, int trace) {
        return rule.impulse(trace) != 0 || rule.tau(trace) != 0 || readsTrace(rule, 2 + trace);
    }

    /** @return true when some equation reads the trace with this Term ordinal */
    static boolean readsTrace(LearningRule rule, int termOrdinal) {
        for (org.spikemesh.process.learning.ProductSeries ps : rule.series()) {
            if (ps.uses(org.spikemesh.process.learning.Term.values()[termOrdinal])) {
                return true;
            }
        }
        return false;
    }

    /** @param sink receives changed weights (the chip engine's synapse memory) */
    public void sink(WeightSink sink) {
        this.sink = sink;
    }

    /** Lava's trace decay: {@code floor(e) + (r < frac(e))} with {@code e = exp(-1/tau) * v} in float64. */
    static int decayTrace(int v, double factor, double r) {
        double e = factor * v;
        double f = Math.floor(e);
        return (int) f + (r < e - f ? 1 : 0);
    }

    /** Lava's impulse: {@code clip(v + int + (r < frac), 0, 127)}, frac in 1/256, r in 0..127. */
    static int addImpulse(int v, int r, int whole, int frac) {
        int s = v + whole + (r < frac ? 1 : 0);
        return s < 0 ? 0 : Math.min(s, TRACE_MAX);
    }

    @Override
    protected void repeatedPost(int q, int t) {
        int r = random.impulse(true, t);
        for (int k = 0; k < 3; k++) {
            if (!rule.thirdFactor(k)) {
                int[] y = hy[k].trace;
                y[q] = addImpulse(y[q], r, impulseInt[k], impulseFrac[k]);
            }
        }
    }

    @Override
    protected void buildHistory(int t) {
        double rDecay = random.decay(true, t);
        int rImp = random.impulse(true, t);
        for (int k = 0; k < 3; k++) {
            if (usedPost[k] && !rule.thirdFactor(k)) {
                hy[k].build(ty, activePosts(), activePostCount(), decayTables[k].forPhase(rDecay), impulseInt[k],
                        impulseFrac[k], rImp);
            }
        }
    }

    @Override
    protected void beginUpdates(int t, int u) {
        this.roundingNumber = random.synaptic(t);
        this.u = u;
    }

    @Override
    protected void update(int s, int i, int q) {
        if (!readsSynapse && allProductsZero(i, q)) {
            // every product adds 0: each accumulator stays value << 7, which rounds back to the value unchanged
            return;
        }
        int w0 = w[s];
        int d0 = readsTags ? tag2[s] : 0;
        int t0 = readsTags ? tag1[s] : 0;
        double r = roundingNumber;
        CompiledRule c = compiled;
        for (int e = 0; e < c.target.length; e++) {
            switch (c.target[e]) {
                case 0: {
                    int a = accumulate(c, e, w0 << SHIFT, i, q, w0, d0, t0);
                    if (signMode == SignMode.EXCITATORY) {
                        a = Math.max(0, a);
                    } else if (signMode == SignMode.INHIBITORY) {
                        a = Math.min(0, a);
                    }
                    int nw = clipWeight(round(a, r));
                    if (nw != w0) {
                        w[s] = (short) nw;
                        if (sink != null) {
                            sink.weight(s, nw);
                        }
                    }
                    break;
                }
                case 1:
                    tag2[s] = (short) Math.max(0, Math.min(255, round(Math.max(0, accumulate(c, e, d0 << SHIFT, i, q, w0, d0,
                            t0)), r)));
                    break;
                default:
                    tag1[s] = (short) Math.max(-257, Math.min(255, round(accumulate(c, e, t0 << SHIFT, i, q, w0, d0, t0), r)));
                    break;
            }
        }
    }

    private int clipWeight(int v) {
        switch (signMode) {
            case EXCITATORY:
                return Math.max(0, Math.min(255, v));
            case INHIBITORY:
                return Math.max(-255, Math.min(0, v));
            default:
                return Math.max(-256, Math.min(255, v));
        }
    }

    /** Stochastic rounding of an accumulator to whole units of 2^7: {@code floor(a/128) + (r < frac(a/128))}. */
    static int round(int a, double r) {
        // r < frac(a / 128) with frac = (a & 127) / 128 exactly; scaling both sides by 128 is exact
        return (a >> SHIFT) + (r * (1 << SHIFT) < (a & ((1 << SHIFT) - 1)) ? 1 : 0);
    }

    /**
     * For rules that read no synaptic variable: true when every product of every equation is 0 for synapse (i, q),
     * found from the traces alone, so the synapse's own memory need not be touched.
     */
    private boolean allProductsZero(int i, int q) {
        CompiledRule c = compiled;
        int any = 0;
        for (int p = 0; p < c.dependency.length; p++) {
            int v = product(c, p, i, q, 0, 0, 0);
            products[p] = v;
            any |= v;
        }
        return any == 0;
    }

    /** The products of equation e added to the accumulator, in order, in Lava's fixed point (see the class). */
    private int accumulate(CompiledRule c, int e, int init, int i, int q, int w0, int d0, int t0) {
        int acc = init;
        for (int p = c.seriesStart[e]; p < c.seriesStart[e + 1]; p++) {
            // a rule that reads no synaptic variable had its products computed once, before the synapse was read
            int v = readsSynapse ? product(c, p, i, q, w0, d0, t0) : products[p];
            acc = Math.max(ACC_MIN, Math.min(ACC_MAX, acc + v));
        }
        return acc;
    }

    /** Product p for synapse (i, q): dep * Π clip(factor) * mantissa, shifted right then left, saturated. */
    private int product(CompiledRule c, int p, int i, int q, int w0, int d0, int t0) {
        int depCode = c.dependency[p];
        int dep = depCode == 0 ? (tx[i] > 0 ? 1 : 0) : depCode == 1 ? (ty[q] > 0 ? 1 : 0) : u;
        if (dep == 0) {
            return 0;
        }
        int at = depCode == 0 ? tx[i] : depCode == 1 ? ty[q] : epoch;
        int v = dep;
        for (int f = c.factorStart[p]; f < c.factorStart[p + 1]; f++) {
            long fv = (long) value(c.term[f], at, i, q, w0, d0, t0) + c.constant[f];
            if (c.sgn[f]) {
                fv = Long.signum(fv);
            }
            fv = fv < c.lo[f] ? c.lo[f] : fv > c.hi[f] ? c.hi[f] : fv;
            v *= (int) fv;
        }
        v *= c.mantissa[p];
        v >>= c.rightShift[p];
        v <<= c.leftShift[p];
        return Math.max(ACC_MIN, Math.min(ACC_MAX, v));
    }

    /** Value of a term (code in Term order) read at epoch step {@code at} for synapse (i, q). */
    private int value(int term, int at, int i, int q, int w0, int d0, int t0) {
        switch (term) {
            case 0:
                return tx[i] > 0 ? 1 : 0;
            case 1:
                return ty[q] > 0 ? 1 : 0;
            case 2:
                return pre.hx[0].rows[at][i];
            case 3:
                return pre.hx[1].rows[at][i];
            case 4:
                return hy[0].rows[at][q];
            case 5:
                return hy[1].rows[at][q];
            case 6:
                return hy[2].rows[at][q];
            case 7:
                return w0;
            case 8:
                return d0;
            case 9:
                return t0;
            default:
                return 0;
        }
    }

    @Override
    protected void endEpoch() {
        for (int k = 0; k < 3; k++) {
            if (usedPost[k]) {
                hy[k].finish();
            }
        }
    }

    /** @return weights, one per synapse of the block (live) */
    public short[] weights() {
        return w;
    }

    /** @return tag t (Lava's tag_1), live */
    public short[] tag1() {
        return tag1;
    }

    /** @return delay tag d (Lava's tag_2), live */
    public short[] tag2() {
        return tag2;
    }

    /**
     * @param k 0 for x1, 1 for x2
     * @return that pre trace (live, shared with the other blocks of the process)
     */
    public int[] preTrace(int k) {
        return pre.hx[k].touched();
    }

    /**
     * @param k 0 for y1, 1 for y2, 2 for y3
     * @return that post trace (live); a third factor is written here
     */
    public int[] postTrace(int k) {
        return hy[k].touched();
    }
}
