package org.spikemesh.process.lib;

import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;

/**
 * A {@link Dense} whose synapses learn (Lava's {@code LearningDense}). Every entry of the {@code [out][in]} matrix is
 * a synapse, zeros included, since a rule can grow a weight from 0. Connect the post-synaptic spikes to
 * {@code s_in_bap} ({@code lif.s_out -> plastic.s_in_bap}). The semantics (timing, traces, fixed-point rule
 * evaluation) are Lava's, see docs/learning.md.
 */
public final class LearningDense extends LearningSynapses {
    /** Type name in network files. */
    public static final String TYPE = "LearningDense";

    private final Var weights;

    private LearningDense(String name, double[][] w, int numWeightBits, int weightExp, SignMode signMode,
                          LearningRule rule) {
        super(name, Dense.cols(name, w), w.length, numWeightBits, weightExp, signMode, rule);
        this.weights = addVar("weights", new int[]{w.length, numInputs()}, false, Dense.flatten(w));
        addLearningVars(new int[]{w.length, numInputs()});
    }

    /**
     * @param name process name
     * @param weights matrix [out][in]
     * @param numWeightBits 1..8
     * @param weightExp -8..7
     * @param signMode required
     * @param rule the learning rule
     * @return the process
     */
    public static LearningDense of(String name, double[][] weights, int numWeightBits, int weightExp,
                                   SignMode signMode, LearningRule rule) {
        return new LearningDense(name, weights, numWeightBits, weightExp, signMode, rule);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return weights [out, in] */
    @Override
    public Var weights() {
        return weights;
    }

    /** All entries are synapses, in rows by input and by output within a row. */
    @Override
    public SynapseTable table() {
        int out = numOutputs();
        int in = numInputs();
        double[] w = weights.get();
        int[] rowStart = new int[in + 1];
        int[] post = new int[out * in];
        double[] weight = new double[out * in];
        for (int i = 0; i < in; i++) {
            rowStart[i + 1] = (i + 1) * out;
            for (int o = 0; o < out; o++) {
                post[i * out + o] = o;
                weight[i * out + o] = w[o * in + i];
            }
        }
        return new SynapseTable(in, out, rowStart, post, org.spikemesh.process.Values.of(weight), null);
    }

    @Override
    public int varIndex(int synapse, int pre) {
        return (synapse % numOutputs()) * numInputs() + pre;
    }
}
