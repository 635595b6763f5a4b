package org.spikemesh.process.lib;

import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Port;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;

/**
 * Common part of plastic synapse groups ({@link LearningDense}, {@link LearningSparse}): the learning rule, the
 * post-synaptic spike input {@code s_in_bap}, and the learning state as Vars that can be recorded and written:
 * {@code weights}, tags {@code tag_1} (t) and {@code tag_2} (d) in the weights' layout, traces {@code x1, x2} (per
 * input) and {@code y1, y2, y3} (per output). The sign mode must be given (Lava's learning models do not infer it).
 */
public abstract class LearningSynapses extends Synapses {
    private final LearningRule rule;
    private final InPort bap;
    private Var tag1;
    private Var tag2;
    private final Var[] traces = new Var[5];

    /**
     * @param name process name
     * @param numInputs inputs
     * @param numOutputs outputs
     * @param numWeightBits 1..8
     * @param weightExp -8..7
     * @param signMode required
     * @param rule required
     */
    protected LearningSynapses(String name, int numInputs, int numOutputs, int numWeightBits, int weightExp,
                               SignMode signMode, LearningRule rule) {
        super(name, numInputs, numOutputs, numWeightBits, weightExp, signMode);
        if (signMode == null) {
            throw ModelException.of(name, "sign_mode", "is required for a " + getClass().getSimpleName() + " (Lava"
                    + " does not infer it from the weights here); give mixed, excitatory or inhibitory");
        }
        if (rule == null) {
            throw ModelException.of(name, "learning_rule", "is required");
        }
        this.rule = rule;
        this.bap = addInPort("s_in_bap", new int[]{numOutputs}, Port.Kind.SPIKE);
    }

    /** Adds the tag and trace Vars; called by subclasses after their weights Var. */
    protected final void addLearningVars(int[] weightShape) {
        int n = 1;
        for (int d : weightShape) {
            n *= d;
        }
        this.tag1 = addVar("tag_1", weightShape, false, new double[n]);
        this.tag2 = addVar("tag_2", weightShape, false, new double[n]);
        for (int k = 0; k < 5; k++) {
            int size = k < 2 ? numInputs() : numOutputs();
            traces[k] = addVar(LearningRule.TRACES.get(k).symbol(), new int[]{size}, false, new double[size]);
        }
    }

    /** @return the learning rule */
    public final LearningRule rule() {
        return rule;
    }

    /** @return post-synaptic spikes in */
    public final InPort sInBap() {
        return bap;
    }

    /** @return the weights Var */
    public abstract Var weights();

    /** @return the tag t (Lava's tag_1), in the weights' layout */
    public final Var tag1() {
        return tag1;
    }

    /** @return the delay tag d (Lava's tag_2), in the weights' layout */
    public final Var tag2() {
        return tag2;
    }

    /**
     * @param k 0..4 for x1, x2, y1, y2, y3
     * @return that trace Var
     */
    public final Var trace(int k) {
        return traces[k];
    }

    /**
     * @param synapse index in {@link #table()} order
     * @param pre its input
     * @return where that synapse's value sits in the weights Var
     */
    public abstract int varIndex(int synapse, int pre);

    @Override
    public void validate(NumericModel model) {
        super.validate(model);
        if (model != NumericModel.FIXED_PT) {
            return;
        }
        SignMode mode = declaredSignMode();
        int lo = mode == SignMode.EXCITATORY ? 0 : mode == SignMode.INHIBITORY ? -255 : -256;
        int hi = mode == SignMode.INHIBITORY ? 0 : 255;
        double[] w = weights().get();
        for (int k = 0; k < w.length; k++) {
            if (w[k] < lo || w[k] > hi) {
                throw ModelException.of(name(), "weights", "entry " + k + " is " + w[k] + "; a "
                        + mode.name().toLowerCase(java.util.Locale.ROOT) + " " + type() + " holds weights in " + lo
                        + ".." + hi);
            }
        }
    }
}
