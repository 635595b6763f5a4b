package org.spikemesh.simulator.learning;

import org.spikemesh.process.learning.Dependency;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.Product;
import org.spikemesh.process.learning.ProductSeries;

/**
 * The learning state of a block of plastic synapses: every pre-synaptic input of a learning process to some of its
 * post-synaptic outputs ({@code posts} consecutive outputs from {@code postOffset}). The reference backend holds one
 * block with all outputs; the chip engine one block per core, with the outputs that core holds. Synapse (i, q) is at
 * index {@code i * posts + q}.
 *
 * <p>Within step t: {@link #preSpike} and {@link #postSpike} record the spikes of step t (post spikes are those the
 * post-synaptic neurons sent at step t, as Lava's s_in_bap), then, when t is a multiple of the epoch, {@link #learn}
 * builds the traces' history over the epoch and applies the rule to every synapse it reaches. Which synapses a rule
 * reaches, and in what order the products are added, depends only on the synapse, so any split of the posts over
 * blocks gives the same values.
 */
public abstract class Plasticity {
    protected final LearningRule rule;
    protected final int pres;
    protected final int posts;
    protected final int postOffset;
    protected final int epoch;
    protected final LearningRandom random;
    /** last spike of each pre input in this epoch, as the within-epoch step 1..epoch (0: none). */
    protected final int[] tx;
    /** last spike of each post output in this epoch (0: none). */
    protected final int[] ty;
    private final boolean anyX0;
    private final boolean anyY0;
    private final boolean anyU;
    private final int[] activePosts;

    /**
     * @param rule the rule
     * @param pres inputs of the process
     * @param posts outputs in this block
     * @param postOffset first output of this block
     * @param random the process's rounding numbers
     */
    protected Plasticity(LearningRule rule, int pres, int posts, int postOffset, LearningRandom random) {
        this.rule = rule;
        this.pres = pres;
        this.posts = posts;
        this.postOffset = postOffset;
        this.epoch = rule.epoch();
        this.random = random;
        this.tx = new int[pres];
        this.ty = new int[posts];
        boolean x = false;
        boolean y = false;
        boolean u = false;
        for (ProductSeries s : rule.series()) {
            for (Product p : s.products()) {
                x |= p.dependency() == Dependency.X0;
                y |= p.dependency() == Dependency.Y0;
                u |= p.dependency() == Dependency.U;
            }
        }
        this.anyX0 = x;
        this.anyY0 = y;
        this.anyU = u;
        this.activePosts = new int[posts];
    }

    /** @return inputs */
    public final int pres() {
        return pres;
    }

    /** @return outputs in this block */
    public final int posts() {
        return posts;
    }

    /** @return first output of this block */
    public final int postOffset() {
        return postOffset;
    }

    /**
     * @param t step
     * @return the step within its epoch, 1..epoch
     */
    protected final int withinEpoch(int t) {
        int k = t % epoch;
        return k == 0 ? epoch : k;
    }

    /**
     * Records a spike of input i at step t (each input at most once per step).
     *
     * @param i input
     * @param t step
     */
    public final void preSpike(int i, int t) {
        if (tx[i] > 0) {
            repeatedPre(i);
        }
        tx[i] = withinEpoch(t);
    }

    /**
     * Records a spike of output {@code postOffset + q} at step t.
     *
     * @param q output within the block
     * @param t step
     */
    public final void postSpike(int q, int t) {
        if (ty[q] > 0) {
            repeatedPost(q, t);
        }
        ty[q] = withinEpoch(t);
    }

    /** A second spike of input i in one epoch: its impulse joins the stored trace at once (Lava). */
    protected abstract void repeatedPre(int i);

    /** A second spike of output q in one epoch, at step t. */
    protected abstract void repeatedPost(int q, int t);

    /**
     * @param t step
     * @return true when step t ends a learning epoch
     */
    public final boolean learnsAt(int t) {
        return t % epoch == 0;
    }

    /**
     * The learning phase of step t: traces over the epoch, the rule at every synapse it reaches, then the epoch's
     * spike times are cleared.
     *
     * @param t a step that ends an epoch
     * @return synaptic updates made (synapses where some product's dependency held)
     */
    public final long learn(int t) {
        buildHistory(t);
        int k = rule.decimateExponent();
        int u = k >= 0 && (t / epoch) % (1 << k) == 0 ? 1 : 0;
        beginUpdates(t, u);
        long updates;
        if (anyU && u == 1) {
            for (int i = 0; i < pres; i++) {
                for (int q = 0; q < posts; q++) {
                    update(i, q);
                }
            }
            updates = (long) pres * posts;
        } else {
            updates = spikeDriven();
        }
        endEpoch();
        java.util.Arrays.fill(tx, 0);
        java.util.Arrays.fill(ty, 0);
        return updates;
    }

    private long spikeDriven() {
        int nActive = 0;
        if (anyY0) {
            for (int q = 0; q < posts; q++) {
                if (ty[q] > 0) {
                    activePosts[nActive++] = q;
                }
            }
        }
        long updates = 0;
        for (int i = 0; i < pres; i++) {
            if (anyX0 && tx[i] > 0) {
                for (int q = 0; q < posts; q++) {
                    update(i, q);
                }
                updates += posts;
            } else {
                for (int a = 0; a < nActive; a++) {
                    update(i, activePosts[a]);
                }
                updates += nActive;
            }
        }
        return updates;
    }

    /** Builds the traces' values at every step of the epoch ending at t. */
    protected abstract void buildHistory(int t);

    /** Called once per learning phase before the updates, with the value of u. */
    protected abstract void beginUpdates(int t, int u);

    /** Applies dw, dd and dt to synapse (i, q), all from the values before this phase. */
    protected abstract void update(int i, int q);

    /** Sets every trace to its value at the end of the epoch. */
    protected abstract void endEpoch();

    /**
     * @param dep a dependency
     * @param i input
     * @param q output in block
     * @param u value of u this phase
     * @return 1 when the dependency holds for synapse (i, q)
     */
    protected final int dependency(Dependency dep, int i, int q, int u) {
        switch (dep) {
            case X0:
                return tx[i] > 0 ? 1 : 0;
            case Y0:
                return ty[q] > 0 ? 1 : 0;
            default:
                return u;
        }
    }

    /**
     * @param dep a product's dependency
     * @param i input
     * @param q output in block
     * @return the epoch step at which that product reads the traces
     */
    protected final int readStep(Dependency dep, int i, int q) {
        switch (dep) {
            case X0:
                return tx[i];
            case Y0:
                return ty[q];
            default:
                return epoch;
        }
    }
}
