package org.spikemesh.simulator.learning;

import org.spikemesh.process.learning.LearningRule;

/** Pre traces in Loihi's fixed point (see {@link FixedPlasticity} for the arithmetic). */
public final class FixedPreTraces extends PreTraces {
    private final LearningRandom random;
    final TraceHistory[] hx = new TraceHistory[2];
    private final int[] impulseInt = new int[2];
    private final int[] impulseFrac = new int[2];
    private final DecayTable[] decayTables = new DecayTable[2];
    /** decay tables of y1, y2, y3, shared by the process's blocks. */
    final DecayTable[] postTables = new DecayTable[3];
    private final boolean[] used = new boolean[2];

    /**
     * @param rule the rule
     * @param pres inputs
     * @param random the process's rounding numbers
     */
    public FixedPreTraces(LearningRule rule, int pres, LearningRandom random) {
        super(rule, pres);
        this.random = random;
        for (int k = 0; k < 2; k++) {
            hx[k] = new TraceHistory(pres, epoch, false);
            impulseInt[k] = FixedPlasticity.whole(rule.impulse(k));
            impulseFrac[k] = FixedPlasticity.frac256(rule.impulse(k));
            decayTables[k] = new DecayTable(rule.tau(k));
            used[k] = FixedPlasticity.used(rule, k);
        }
        for (int k = 0; k < 3; k++) {
            postTables[k] = new DecayTable(rule.tau(2 + k));
        }
    }

    @Override
    protected void repeated(int i) {
        for (int k = 0; k < 2; k++) {
            int[] x = hx[k].trace;
            x[i] = FixedPlasticity.addImpulse(x[i], 0, impulseInt[k], impulseFrac[k]);
        }
    }

    @Override
    public void buildHistory(int t) {
        double rDecay = random.decay(false, t);
        int rImp = random.impulse(false, t);
        for (int k = 0; k < 2; k++) {
            if (used[k]) {
                hx[k].build(tx, active(), activeCount(), decayTables[k].forPhase(rDecay), impulseInt[k],
                        impulseFrac[k], rImp);
            }
        }
    }

    @Override
    protected void setToEnd() {
        for (int k = 0; k < 2; k++) {
            if (used[k]) {
                hx[k].finish();
            }
        }
    }

    /**
     * @param k 0 for x1, 1 for x2
     * @return that trace per input (live)
     */
    public int[] trace(int k) {
        return hx[k].touched();
    }
}
