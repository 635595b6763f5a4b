package org.spikemesh.simulator.learning;

import org.spikemesh.process.learning.LearningRule;

/**
 * The pre-synaptic side of a learning process: per input its traces x1, x2, the step of its last spike in the
 * current epoch, and the traces' history over the epoch. One instance serves every block of the process that a
 * thread runs (a chip engine shard keeps one per process, shared by its cores), so an input's traces are computed
 * once per step, not once per core. Inputs that spiked in the epoch are also kept in a list, so that the learning
 * phase visits only them.
 */
public abstract class PreTraces {
    protected final LearningRule rule;
    protected final int pres;
    protected final int epoch;
    /** last spike of each input in this epoch, as the within-epoch step 1..epoch (0: none). */
    protected final int[] tx;
    private final int[] active;
    private int activeCount;

    /**
     * @param rule the rule
     * @param pres inputs of the process
     */
    protected PreTraces(LearningRule rule, int pres) {
        this.rule = rule;
        this.pres = pres;
        this.epoch = rule.epoch();
        this.tx = new int[pres];
        this.active = new int[pres];
    }

    /**
     * Records a spike of input i at step t (each input at most once per step). A second spike in one epoch adds its
     * impulse to the stored trace at once (Lava).
     *
     * @param i input
     * @param t step
     */
    public final void spike(int i, int t) {
        if (tx[i] > 0) {
            repeated(i);
        } else {
            active[activeCount++] = i;
        }
        int k = t % epoch;
        tx[i] = k == 0 ? epoch : k;
    }

    /** @param i an input that spikes a second time in the epoch */
    protected abstract void repeated(int i);

    /**
     * Builds the traces' history over the epoch ending at t; called once per learning phase before the blocks learn.
     *
     * @param t a step that ends an epoch
     */
    public abstract void buildHistory(int t);

    /** After the blocks learned: the traces take their end-of-epoch values and the epoch's spikes are cleared. */
    public final void endEpoch() {
        setToEnd();
        for (int k = 0; k < activeCount; k++) {
            tx[active[k]] = 0;
        }
        activeCount = 0;
    }

    /** Sets every trace to its value at the end of the epoch. */
    protected abstract void setToEnd();

    /** @return inputs that spiked in this epoch (first {@link #activeCount()} entries) */
    final int[] active() {
        return active;
    }

    /** @return number of inputs that spiked in this epoch */
    final int activeCount() {
        return activeCount;
    }
}
