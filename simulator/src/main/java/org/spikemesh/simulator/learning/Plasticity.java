package org.spikemesh.simulator.learning;

import org.spikemesh.process.learning.Dependency;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.Product;
import org.spikemesh.process.learning.ProductSeries;

/**
 * The learning state of a block of plastic synapses: the synapses of a learning process onto some of its
 * post-synaptic outputs ({@code posts} consecutive outputs from {@code postOffset}), in rows by input: synapse s of
 * row i ({@code rowStart[i] <= s < rowStart[i+1]}) goes to output {@code postOffset + post[s]}. The reference backend
 * holds one block with all outputs; the chip engine one block per core, with the outputs that core holds.
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
    /** the process's pre traces, shared by the blocks a thread runs. */
    protected final PreTraces inputs;
    /** last spike of each pre input in this epoch (the shared {@link PreTraces#tx}). */
    protected final int[] tx;
    /** last spike of each post output in this epoch (0: none). */
    protected final int[] ty;
    private final boolean anyX0;
    private final boolean anyY0;
    private final boolean anyU;
    /** outputs that spiked in this epoch (first activePostCount). */
    private final int[] activePosts;
    private int activePostCount;
    private final int decimate;
    /** row start of each input, length pres + 1. */
    protected final int[] rowStart;
    /** output (within the block) of each synapse. */
    protected final int[] post;
    /** input of each synapse. */
    protected final int[] pre;
    private final int[] colStart;
    private final int[] colSynapse;
    private final int[] colPre;

    /**
     * @param rule the rule
     * @param pres inputs of the process
     * @param posts outputs in this block
     * @param postOffset first output of this block
     * @param random the process's rounding numbers
     * @param inputs the process's pre traces
     * @param rowStart row start of each input (length pres + 1)
     * @param post output within the block of each synapse
     */
    protected Plasticity(LearningRule rule, int pres, int posts, int postOffset, LearningRandom random,
                         PreTraces inputs, int[] rowStart, int[] post) {
        this.rule = rule;
        this.inputs = inputs;
        this.pres = pres;
        this.posts = posts;
        this.postOffset = postOffset;
        this.epoch = rule.epoch();
        this.random = random;
        this.tx = inputs.tx;
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
        this.decimate = rule.decimateExponent();
        this.rowStart = rowStart;
        this.post = post;
        int n = post.length;
        this.pre = new int[n];
        this.colStart = new int[posts + 1];
        for (int i = 0; i < pres; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                pre[k] = i;
                colStart[post[k] + 1]++;
            }
        }
        for (int q = 0; q < posts; q++) {
            colStart[q + 1] += colStart[q];
        }
        this.colSynapse = new int[n];
        int[] fill = java.util.Arrays.copyOf(colStart, posts);
        this.colPre = new int[n];
        for (int k = 0; k < n; k++) {
            int at = fill[post[k]]++;
            colSynapse[at] = k;
            colPre[at] = pre[k];
        }
    }


    /** @return outputs that spiked in this epoch (first {@link #activePostCount()}) */
    protected final int[] activePosts() {
        return activePosts;
    }

    /** @return number of outputs that spiked in this epoch */
    protected final int activePostCount() {
        return activePostCount;
    }

    /** @return the process's pre traces */
    public final PreTraces inputs() {
        return inputs;
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
     * Records a spike of output {@code postOffset + q} at step t.
     *
     * @param q output within the block
     * @param t step
     */
    public final void postSpike(int q, int t) {
        if (ty[q] > 0) {
            repeatedPost(q, t);
        } else {
            activePosts[activePostCount++] = q;
        }
        ty[q] = withinEpoch(t);
    }

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
     * The learning phase of step t for this block: post traces over the epoch, the rule at every synapse it reaches,
     * then the post spike times are cleared. The caller builds the shared pre traces' history before
     * ({@link PreTraces#buildHistory}) and ends their epoch after every block of the process has learned
     * ({@link PreTraces#endEpoch}); {@link #learnAlone} does all three for a process held in one block.
     *
     * @param t a step that ends an epoch
     * @return synaptic updates made (synapses where some product's dependency held)
     */
    public final long learn(int t) {
        buildHistory(t);
        int k = decimate;
        int u = k >= 0 && (t / epoch) % (1 << k) == 0 ? 1 : 0;
        beginUpdates(t, u);
        long updates;
        if (anyU && u == 1) {
            for (int s = 0; s < post.length; s++) {
                update(s, pre[s], post[s]);
            }
            updates = post.length;
        } else {
            updates = spikeDriven();
        }
        endEpoch();
        for (int a = 0; a < activePostCount; a++) {
            ty[activePosts[a]] = 0;
        }
        activePostCount = 0;
        return updates;
    }

    /**
     * The whole learning phase of a process held in this one block.
     *
     * @param t a step that ends an epoch
     * @return synaptic updates made
     */
    public final long learnAlone(int t) {
        inputs.buildHistory(t);
        long n = learn(t);
        inputs.endEpoch();
        return n;
    }

    /** Synapses whose input spiked (under an x0 product), then those whose output spiked and input did not. */
    private long spikeDriven() {
        long updates = 0;
        if (anyX0) {
            int[] active = inputs.active();
            for (int a = 0, n = inputs.activeCount(); a < n; a++) {
                int i = active[a];
                for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
                    update(s, i, post[s]);
                }
                updates += rowStart[i + 1] - rowStart[i];
            }
        }
        if (anyY0) {
            for (int a = 0; a < activePostCount; a++) {
                int q = activePosts[a];
                for (int k = colStart[q]; k < colStart[q + 1]; k++) {
                    int s = colSynapse[k];
                    int i = colPre[k];
                    if (!(anyX0 && tx[i] > 0)) {
                        update(s, i, q);
                        updates++;
                    }
                }
            }
        }
        return updates;
    }

    /** Builds the post traces' values at every step of the epoch ending at t. */
    protected abstract void buildHistory(int t);

    /** Called once per learning phase before the updates, with the value of u. */
    protected abstract void beginUpdates(int t, int u);

    /** Applies dw, dd and dt to synapse s from input i to output q, all from the values before this phase. */
    protected abstract void update(int s, int i, int q);

    /** Sets every post trace to its value at the end of the epoch. */
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
