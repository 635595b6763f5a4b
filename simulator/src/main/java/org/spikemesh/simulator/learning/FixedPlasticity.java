package org.spikemesh.simulator.learning;

import java.util.List;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.Factor;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.Product;
import org.spikemesh.process.learning.ProductSeries;
import org.spikemesh.process.learning.Term;

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
    private final int[][] x = new int[2][];
    private final int[][] y = new int[3][];
    private final int[] w;
    private final int[] tag1;
    private final int[] tag2;
    private final int[][] hx = new int[2][];
    private final int[][] hy = new int[3][];
    private final int[] impulseInt = new int[5];
    private final int[] impulseFrac = new int[5];
    private final double[] decay = new double[5];
    private final List<ProductSeries> series;
    private WeightSink sink;
    private double roundingNumber;
    private int u;

    /** Receives every weight that a learning phase changes. */
    public interface WeightSink {
        /**
         * @param synapse index {@code i * posts + q}
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
     * @param weights initial weights (truncated), index {@code i * posts + q}
     */
    public FixedPlasticity(LearningRule rule, SignMode signMode, int pres, int posts, int postOffset,
                           LearningRandom random, int[] weights) {
        super(rule, pres, posts, postOffset, random);
        this.signMode = signMode;
        this.w = weights.clone();
        this.tag1 = new int[weights.length];
        this.tag2 = new int[weights.length];
        for (int k = 0; k < 2; k++) {
            x[k] = new int[pres];
            hx[k] = new int[(epoch + 1) * pres];
        }
        for (int k = 0; k < 3; k++) {
            y[k] = new int[posts];
            hy[k] = new int[(epoch + 1) * posts];
        }
        for (int k = 0; k < 5; k++) {
            double imp = rule.impulse(k);
            impulseInt[k] = (int) Math.floor(imp);
            impulseFrac[k] = (int) Math.rint((imp - Math.floor(imp)) * 256);
            decay[k] = rule.tau(k) == 0 ? 0 : StrictMath.exp(-1.0 / rule.tau(k));
        }
        this.series = rule.series();
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
    protected void repeatedPre(int i) {
        for (int k = 0; k < 2; k++) {
            x[k][i] = addImpulse(x[k][i], 0, impulseInt[k], impulseFrac[k]);
        }
    }

    @Override
    protected void repeatedPost(int q, int t) {
        int r = random.impulse(true, t);
        for (int k = 0; k < 3; k++) {
            if (!rule.thirdFactor(k)) {
                y[k][q] = addImpulse(y[k][q], r, impulseInt[2 + k], impulseFrac[2 + k]);
            }
        }
    }

    @Override
    protected void buildHistory(int t) {
        history(x, hx, tx, pres, 0, random.decay(false, t), random.impulse(false, t), false);
        history(y, hy, ty, posts, 2, random.decay(true, t), random.impulse(true, t), true);
    }

    private void history(int[][] trace, int[][] h, int[] spikeAt, int n, int first, double rDecay, int rImp,
                         boolean post) {
        for (int k = 0; k < trace.length; k++) {
            int[] hk = h[k];
            System.arraycopy(trace[k], 0, hk, 0, n);
            if (post && rule.thirdFactor(k)) {
                for (int s = 1; s <= epoch; s++) {
                    System.arraycopy(trace[k], 0, hk, s * n, n);
                }
                continue;
            }
            double f = decay[first + k];
            boolean decays = rule.tau(first + k) != 0;
            for (int s = 1; s <= epoch; s++) {
                int at = s * n;
                int prev = at - n;
                for (int j = 0; j < n; j++) {
                    int v = decays ? decayTrace(hk[prev + j], f, rDecay) : 0;
                    hk[at + j] = spikeAt[j] == s ? addImpulse(v, rImp, impulseInt[first + k], impulseFrac[first + k]) : v;
                }
            }
        }
    }

    @Override
    protected void beginUpdates(int t, int u) {
        this.roundingNumber = random.synaptic(t);
        this.u = u;
    }

    @Override
    protected void update(int i, int q) {
        int s = i * posts + q;
        int w0 = w[s];
        int d0 = tag2[s];
        int t0 = tag1[s];
        double r = roundingNumber;
        for (ProductSeries ps : series) {
            switch (ps.target()) {
                case "dw": {
                    int a = accumulate(ps, w0 << SHIFT, i, q, w0, d0, t0);
                    if (signMode == SignMode.EXCITATORY) {
                        a = Math.max(0, a);
                    } else if (signMode == SignMode.INHIBITORY) {
                        a = Math.min(0, a);
                    }
                    int nw = clipWeight(round(a, r));
                    if (nw != w0) {
                        w[s] = nw;
                        if (sink != null) {
                            sink.weight(s, nw);
                        }
                    }
                    break;
                }
                case "dd":
                    tag2[s] = Math.max(0, Math.min(255, round(Math.max(0, accumulate(ps, d0 << SHIFT, i, q, w0, d0, t0)), r)));
                    break;
                default:
                    tag1[s] = Math.max(-257, Math.min(255, round(accumulate(ps, t0 << SHIFT, i, q, w0, d0, t0), r)));
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
        int whole = Math.floorDiv(a, 1 << SHIFT);
        double frac = (a - whole * (1 << SHIFT)) / (double) (1 << SHIFT);
        return whole + (r < frac ? 1 : 0);
    }

    private int accumulate(ProductSeries ps, int init, int i, int q, int w0, int d0, int t0) {
        int acc = init;
        for (Product p : ps.products()) {
            int dep = dependency(p.dependency(), i, q, u);
            if (dep == 0) {
                continue;
            }
            int at = readStep(p.dependency(), i, q);
            int v = dep;
            for (Factor f : p.factors()) {
                int width = f.term().width();
                long fv = (long) value(f, at, i, q, w0, d0, t0) + f.constant();
                if (f.sgn()) {
                    fv = Long.signum(fv);
                }
                fv = Math.max(-(1L << width), Math.min((1L << width) - 1, fv));
                v *= (int) fv;
            }
            v *= p.mantissa();
            v >>= Math.max(0, p.widthSum() - 15);
            v <<= p.storedExponent();
            v = Math.max(ACC_MIN, Math.min(ACC_MAX, v));
            acc = Math.max(ACC_MIN, Math.min(ACC_MAX, acc + v));
        }
        return acc;
    }

    private int value(Factor f, int at, int i, int q, int w0, int d0, int t0) {
        Term term = f.term();
        switch (term) {
            case X0:
                return tx[i] > 0 ? 1 : 0;
            case Y0:
                return ty[q] > 0 ? 1 : 0;
            case X1:
            case X2:
                return hx[term.traceIndex()][at * pres + i];
            case Y1:
            case Y2:
            case Y3:
                return hy[term.traceIndex()][at * posts + q];
            case W:
                return w0;
            case D:
                return d0;
            case T:
                return t0;
            default:
                return 0;
        }
    }

    @Override
    protected void endEpoch() {
        for (int k = 0; k < 2; k++) {
            System.arraycopy(hx[k], epoch * pres, x[k], 0, pres);
        }
        for (int k = 0; k < 3; k++) {
            System.arraycopy(hy[k], epoch * posts, y[k], 0, posts);
        }
    }

    /** @return weights, index {@code i * posts + q} (live) */
    public int[] weights() {
        return w;
    }

    /** @return tag t (Lava's tag_1), live */
    public int[] tag1() {
        return tag1;
    }

    /** @return delay tag d (Lava's tag_2), live */
    public int[] tag2() {
        return tag2;
    }

    /**
     * @param k 0 for x1, 1 for x2
     * @return that pre trace (live)
     */
    public int[] preTrace(int k) {
        return x[k];
    }

    /**
     * @param k 0 for y1, 1 for y2, 2 for y3
     * @return that post trace (live); a third factor is written here
     */
    public int[] postTrace(int k) {
        return y[k];
    }
}
