package org.spikemesh.simulator.learning;

import java.util.List;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.Factor;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.Product;
import org.spikemesh.process.learning.ProductSeries;
import org.spikemesh.process.learning.Term;

/**
 * Learning in floating point, as Lava's float model computes it: traces decay by {@code exp(-1/tau)} per step and
 * add their impulse on a spike, without rounding or saturation (a trace with tau 0 becomes NaN, as in Lava; the rule
 * is refused when it reads such a trace); {@code w += Σ mantissa * 2^exponent * dep * Π (factor + constant)}; then
 * only the sign mode's bound. No rounding, no clipping to weight bits.
 */
public final class FloatPlasticity extends Plasticity {
    private final SignMode signMode;
    private final double[][] x = new double[2][];
    private final double[][] y = new double[3][];
    private final double[] w;
    private final double[] tag1;
    private final double[] tag2;
    private final double[][] hx = new double[2][];
    private final double[][] hy = new double[3][];
    private final double[] decay = new double[5];
    private final List<ProductSeries> series;
    private int u;

    /**
     * @param rule the rule
     * @param signMode the process's sign mode
     * @param pres inputs
     * @param posts outputs in this block
     * @param postOffset first output
     * @param weights initial weights, index {@code i * posts + q}
     * @param process process name, for errors
     */
    public FloatPlasticity(LearningRule rule, SignMode signMode, int pres, int posts, int postOffset, double[] weights,
                           String process) {
        super(rule, pres, posts, postOffset, new LearningRandom(0, process));
        this.signMode = signMode;
        this.w = weights.clone();
        this.tag1 = new double[weights.length];
        this.tag2 = new double[weights.length];
        for (int k = 0; k < 2; k++) {
            x[k] = new double[pres];
            hx[k] = new double[(epoch + 1) * pres];
        }
        for (int k = 0; k < 3; k++) {
            y[k] = new double[posts];
            hy[k] = new double[(epoch + 1) * posts];
        }
        for (int k = 0; k < 5; k++) {
            Term trace = LearningRule.TRACES.get(k);
            boolean third = k >= 2 && rule.thirdFactor(k - 2);
            if (rule.tau(k) == 0 && !third) {
                for (ProductSeries s : rule.series()) {
                    if (s.uses(trace)) {
                        throw new IllegalArgumentException("process '" + process + "': the rule reads " + trace.symbol()
                                + " but " + trace.symbol() + "_tau is 0, which makes Lava's float_pt traces NaN; give"
                                + " a tau > 0 (use fixed_pt for a trace that holds only the current impulse)");
                    }
                }
            }
            decay[k] = rule.tau(k) == 0 ? Double.NaN : Math.exp(-1.0 / rule.tau(k));
        }
        this.series = rule.series();
    }

    @Override
    protected void repeatedPre(int i) {
        for (int k = 0; k < 2; k++) {
            x[k][i] += rule.impulse(k);
        }
    }

    @Override
    protected void repeatedPost(int q, int t) {
        for (int k = 0; k < 3; k++) {
            if (!rule.thirdFactor(k)) {
                y[k][q] += rule.impulse(2 + k);
            }
        }
    }

    @Override
    protected void buildHistory(int t) {
        history(x, hx, tx, pres, 0, false);
        history(y, hy, ty, posts, 2, true);
    }

    private void history(double[][] trace, double[][] h, int[] spikeAt, int n, int first, boolean post) {
        for (int k = 0; k < trace.length; k++) {
            double[] hk = h[k];
            System.arraycopy(trace[k], 0, hk, 0, n);
            boolean held = post && rule.thirdFactor(k);
            double f = decay[first + k];
            double imp = rule.impulse(first + k);
            for (int s = 1; s <= epoch; s++) {
                int at = s * n;
                for (int j = 0; j < n; j++) {
                    double v = held ? hk[at - n + j] : f * hk[at - n + j];
                    hk[at + j] = !held && spikeAt[j] == s ? v + imp : v;
                }
            }
        }
    }

    @Override
    protected void beginUpdates(int t, int u) {
        this.u = u;
    }

    @Override
    protected void update(int i, int q) {
        int s = i * posts + q;
        double w0 = w[s];
        double d0 = tag2[s];
        double t0 = tag1[s];
        for (ProductSeries ps : series) {
            double v = sum(ps, i, q, w0, d0, t0);
            switch (ps.target()) {
                case "dw":
                    double nw = w0 + v;
                    w[s] = signMode == SignMode.EXCITATORY ? Math.max(0, nw)
                            : signMode == SignMode.INHIBITORY ? Math.min(0, nw) : nw;
                    break;
                case "dd":
                    tag2[s] = Math.max(0, d0 + v);
                    break;
                default:
                    tag1[s] = t0 + v;
                    break;
            }
        }
    }

    private double sum(ProductSeries ps, int i, int q, double w0, double d0, double t0) {
        double total = 0;
        for (Product p : ps.products()) {
            int dep = dependency(p.dependency(), i, q, u);
            if (dep == 0) {
                continue;
            }
            int at = readStep(p.dependency(), i, q);
            double v = p.scale();
            for (Factor f : p.factors()) {
                double fv = value(f.term(), at, i, q, w0, d0, t0) + f.constant();
                v *= f.sgn() ? Math.signum(fv) : fv;
            }
            total += v;
        }
        return total;
    }

    private double value(Term term, int at, int i, int q, double w0, double d0, double t0) {
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
    public double[] weights() {
        return w;
    }

    /** @return tag t (tag_1), live */
    public double[] tag1() {
        return tag1;
    }

    /** @return delay tag d (tag_2), live */
    public double[] tag2() {
        return tag2;
    }

    /**
     * @param k 0 for x1, 1 for x2
     * @return that pre trace (live)
     */
    public double[] preTrace(int k) {
        return x[k];
    }

    /**
     * @param k 0 for y1, 1 for y2, 2 for y3
     * @return that post trace (live)
     */
    public double[] postTrace(int k) {
        return y[k];
    }
}
