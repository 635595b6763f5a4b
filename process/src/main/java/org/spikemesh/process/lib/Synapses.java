package org.spikemesh.process.lib;

import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.fixed.SignMode;

/**
 * Common part of synapse groups (Dense, Sparse, DelayDense): a spike input {@code s_in}, an activation output
 * {@code a_out}, Loihi weight parameters ({@code num_weight_bits}, {@code weight_exp}, {@code sign_mode}) and a
 * {@link SynapseTable}. A synapse group is a delay element: at step t it sends what it accumulated at step t-1.
 */
public abstract class Synapses extends Process {
    private final InPort sIn;
    private final OutPort aOut;
    private final int numWeightBits;
    private final int weightExp;
    private final SignMode declaredSignMode;

    /**
     * @param name process name
     * @param numInputs pre-synaptic size
     * @param numOutputs post-synaptic size
     * @param numWeightBits 1..8
     * @param weightExp -8..7
     * @param signMode declared sign mode or null to infer it from the weights
     */
    protected Synapses(String name, int numInputs, int numOutputs, int numWeightBits, int weightExp, SignMode signMode) {
        super(name);
        this.sIn = addInPort("s_in", new int[]{numInputs}, Port.Kind.SPIKE);
        this.aOut = addOutPort("a_out", new int[]{numOutputs}, Port.Kind.ACTIVATION);
        this.numWeightBits = numWeightBits;
        this.weightExp = weightExp;
        this.declaredSignMode = signMode;
    }

    /** @return spike input */
    public final InPort sIn() {
        return sIn;
    }

    /** @return activation output */
    public final OutPort aOut() {
        return aOut;
    }

    /** @return number of pre-synaptic inputs */
    public final int numInputs() {
        return sIn.size();
    }

    /** @return number of post-synaptic outputs */
    public final int numOutputs() {
        return aOut.size();
    }

    /** @return weight bits, 1..8 */
    public final int numWeightBits() {
        return numWeightBits;
    }

    /** @return weight exponent, -8..7 */
    public final int weightExp() {
        return weightExp;
    }

    /** @return the sign mode written by the user, or null */
    public final SignMode declaredSignMode() {
        return declaredSignMode;
    }

    /** @return the declared sign mode, or the one Lava infers from the current weights */
    public final SignMode signMode() {
        return declaredSignMode != null ? declaredSignMode : SignMode.of(table().weight());
    }

    /** @return the connectivity with the current weights */
    public abstract SynapseTable table();

    /**
     * The weights the chip holds, in table order: clipped and truncated by sign mode and weight bits.
     *
     * @return prepared weights
     */
    public final int[] preparedWeights() {
        SynapseTable t = table();
        SignMode mode = signMode();
        int[] w = new int[t.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = FixedPoint.prepareWeight((long) t.weight().get(i), mode, numWeightBits);
        }
        return w;
    }

    /**
     * The weights Var as Lava's bit-accurate models hold it once they have run (its {@code get()} reads them then):
     * every entry clipped and truncated by the sign mode and weight bits, as {@link #preparedWeights} prepares the
     * synapses (Lava's golden trace: given [[41, 25, -13], [-20, 35, 17]], read back [[40, 24, -14], [-20, 34, 16]]).
     *
     * @param weights the weights Var of this process
     * @return its values prepared, in the Var's layout
     */
    public final double[] preparedWeightValues(Var weights) {
        double[] v = weights.get();
        SignMode mode = signMode();
        for (int i = 0; i < v.length; i++) {
            v[i] = FixedPoint.prepareWeight((long) v[i], mode, numWeightBits);
        }
        return v;
    }

    @Override
    public final boolean isDelayElement() {
        return true;
    }

    @Override
    public void validate(NumericModel model) {
        if (numWeightBits < 1 || numWeightBits > 8) {
            throw ModelException.of(name(), "num_weight_bits", numWeightBits + " is out of range; valid is 1..8");
        }
        if (weightExp < -8 || weightExp > 7) {
            throw ModelException.of(name(), "weight_exp", weightExp + " is out of range; valid is -8..7");
        }
        if (model == NumericModel.FIXED_PT) {
            org.spikemesh.process.Values w = table().weight();
            for (int i = 0, n = w.size(); i < n; i++) {
                if (w.get(i) != Math.rint(w.get(i))) {
                    throw ModelException.of(name(), "weights", "must be integers in fixed_pt, got " + w.get(i));
                }
            }
        }
    }

    /**
     * Counts weights outside the 9-bit range [-256, 255] that Lava clips.
     *
     * @return number of clipped weights
     */
    public final int countClippedWeights() {
        int n = 0;
        org.spikemesh.process.Values ws = table().weight();
        for (int i = 0, size = ws.size(); i < size; i++) {
            double w = ws.get(i);
            if (w < -256 || w > 255) {
                n++;
            }
        }
        return n;
    }
}
