package org.spikemesh.process.lib;

import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Port;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;

/**
 * A {@link Dense} whose synapses learn (Lava's {@code LearningDense}). Every entry of the {@code [out][in]} matrix is
 * a synapse, zeros included, since a rule can grow a weight from 0. Besides {@code s_in} and {@code a_out} it has
 * {@code s_in_bap}, the post-synaptic spikes (connect {@code lif.s_out -> plastic.s_in_bap}). Its learning state is
 * held in Vars that can be recorded and written: traces {@code x1, x2} (per input) and {@code y1, y2, y3} (per
 * output), tags {@code tag_1} (t) and {@code tag_2} (d) of shape {@code [out, in]}. The semantics (timing, traces,
 * fixed-point rule evaluation) are Lava's, see docs/learning.md.
 */
public final class LearningDense extends Synapses {
    /** Type name in network files. */
    public static final String TYPE = "LearningDense";

    private final Var weights;
    private final Var tag1;
    private final Var tag2;
    private final Var[] traces = new Var[5];
    private final InPort bap;
    private final LearningRule rule;

    private LearningDense(String name, double[][] w, int numWeightBits, int weightExp, SignMode signMode,
                          LearningRule rule) {
        super(name, Dense.cols(name, w), w.length, numWeightBits, weightExp, signMode);
        if (signMode == null) {
            throw ModelException.of(name, "sign_mode", "is required for a LearningDense (Lava does not infer it from"
                    + " the weights here); give mixed, excitatory or inhibitory");
        }
        if (rule == null) {
            throw ModelException.of(name, "learning_rule", "is required");
        }
        this.rule = rule;
        int out = w.length;
        int in = numInputs();
        double[] flat = new double[out * in];
        for (int i = 0; i < out; i++) {
            System.arraycopy(w[i], 0, flat, i * in, in);
        }
        this.weights = addVar("weights", new int[]{out, in}, false, flat);
        this.tag1 = addVar("tag_1", new int[]{out, in}, false, new double[out * in]);
        this.tag2 = addVar("tag_2", new int[]{out, in}, false, new double[out * in]);
        for (int k = 0; k < 5; k++) {
            int n = k < 2 ? in : out;
            traces[k] = addVar(LearningRule.TRACES.get(k).symbol(), new int[]{n}, false, new double[n]);
        }
        this.bap = addInPort("s_in_bap", new int[]{out}, Port.Kind.SPIKE);
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

    /** @return the learning rule */
    public LearningRule rule() {
        return rule;
    }

    /** @return post-synaptic spikes in */
    public InPort sInBap() {
        return bap;
    }

    /** @return weights [out, in] */
    public Var weights() {
        return weights;
    }

    /** @return the tag t, [out, in] */
    public Var tag1() {
        return tag1;
    }

    /** @return the delay tag d, [out, in] */
    public Var tag2() {
        return tag2;
    }

    /**
     * @param k 0..4 for x1, x2, y1, y2, y3
     * @return that trace Var
     */
    public Var trace(int k) {
        return traces[k];
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
        return new SynapseTable(in, out, rowStart, post, weight, null);
    }

    @Override
    public void validate(NumericModel model) {
        super.validate(model);
        if (model != NumericModel.FIXED_PT) {
            return;
        }
        SignMode mode = declaredSignMode();
        int lo = mode == SignMode.EXCITATORY ? 0 : mode == SignMode.INHIBITORY ? -255 : -256;
        int hi = mode == SignMode.INHIBITORY ? 0 : 255;
        double[] w = weights.get();
        for (int k = 0; k < w.length; k++) {
            if (w[k] < lo || w[k] > hi) {
                throw ModelException.of(name(), "weights", "entry [" + k / numInputs() + "][" + k % numInputs() + "] is "
                        + w[k] + "; a " + mode.name().toLowerCase(java.util.Locale.ROOT) + " LearningDense holds"
                        + " weights in " + lo + ".." + hi);
            }
        }
    }
}
