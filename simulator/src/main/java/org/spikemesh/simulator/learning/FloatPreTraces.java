package org.spikemesh.simulator.learning;

import org.spikemesh.process.learning.LearningRule;

/** Pre traces in floating point (see {@link FloatPlasticity}). */
public final class FloatPreTraces extends PreTraces {
    final double[][] x = new double[2][];
    final double[][] hx = new double[2][];
    private final double[] decay = new double[2];

    /**
     * @param rule the rule
     * @param pres inputs
     */
    public FloatPreTraces(LearningRule rule, int pres) {
        super(rule, pres);
        for (int k = 0; k < 2; k++) {
            x[k] = new double[pres];
            hx[k] = new double[(epoch + 1) * pres];
            decay[k] = rule.tau(k) == 0 ? Double.NaN : Math.exp(-1.0 / rule.tau(k));
        }
    }

    @Override
    protected void repeated(int i) {
        for (int k = 0; k < 2; k++) {
            x[k][i] += rule.impulse(k);
        }
    }

    @Override
    public void buildHistory(int t) {
        for (int k = 0; k < 2; k++) {
            FloatPlasticity.history(x[k], hx[k], tx, pres, epoch, decay[k], rule.impulse(k), false);
        }
    }

    @Override
    protected void setToEnd() {
        for (int k = 0; k < 2; k++) {
            System.arraycopy(hx[k], epoch * pres, x[k], 0, pres);
        }
    }

    /**
     * @param k 0 for x1, 1 for x2
     * @return that trace per input (live)
     */
    public double[] trace(int k) {
        return x[k];
    }
}
