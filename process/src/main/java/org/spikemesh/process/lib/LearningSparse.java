package org.spikemesh.process.lib;

import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;

/**
 * A {@link Sparse} whose synapses learn (Lava's {@code LearningSparse}): only the listed synapses exist and learn.
 * {@code weights}, {@code tag_1} and {@code tag_2} hold one value per synapse in row (pre) order, as Sparse's weights.
 * No per-synapse delays. Connect the post-synaptic spikes to {@code s_in_bap}.
 */
public final class LearningSparse extends LearningSynapses {
    /** Type name in network files. */
    public static final String TYPE = "LearningSparse";

    private final int[] rowStart;
    private final int[] post;
    private final Var weights;

    private LearningSparse(String name, int numOutputs, int numInputs, int[] post, int[] pre, double[] w,
                           int numWeightBits, int weightExp, SignMode signMode, LearningRule rule) {
        super(name, numInputs, numOutputs, numWeightBits, weightExp, signMode, rule);
        // the same checks and row order as Sparse
        SynapseTable t = Sparse.of(name, numOutputs, numInputs, post, pre, w, null, numWeightBits, weightExp, signMode)
                .table();
        this.rowStart = t.rowStart();
        this.post = t.post();
        this.weights = addVar("weights", new int[]{t.size()}, false, t.weight());
        addLearningVars(new int[]{t.size()});
    }

    /**
     * @param name process name
     * @param numOutputs post-synaptic size
     * @param numInputs pre-synaptic size
     * @param post post index of each synapse
     * @param pre pre index of each synapse
     * @param weights weight of each synapse
     * @param numWeightBits 1..8
     * @param weightExp -8..7
     * @param signMode required
     * @param rule the learning rule
     * @return the process
     */
    public static LearningSparse of(String name, int numOutputs, int numInputs, int[] post, int[] pre,
                                    double[] weights, int numWeightBits, int weightExp, SignMode signMode,
                                    LearningRule rule) {
        return new LearningSparse(name, numOutputs, numInputs, post, pre, weights, numWeightBits, weightExp, signMode,
                rule);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return weights, one per synapse in row (pre) order */
    @Override
    public Var weights() {
        return weights;
    }

    @Override
    public SynapseTable table() {
        return new SynapseTable(numInputs(), numOutputs(), rowStart, post, weights.values(), null);
    }

    @Override
    public int varIndex(int synapse, int pre) {
        return synapse;
    }
}
