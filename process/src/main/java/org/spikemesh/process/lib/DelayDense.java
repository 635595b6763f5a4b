package org.spikemesh.process.lib;

import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;

/**
 * Dense synapses with a delay per synapse (Lava's {@code DelayDense}): a spike at step t through a synapse of delay
 * d reaches the target at step t + 1 + d. The weight exponent is applied to each delay's sum separately, as Lava.
 */
public final class DelayDense extends Synapses {
    /** Type name in network files. */
    public static final String TYPE = "DelayDense";

    private final Var weights;
    private final Var delays;

    private DelayDense(String name, double[][] w, double[][] d, int numWeightBits, int weightExp, SignMode signMode) {
        super(name, Dense.cols(name, w), w.length, numWeightBits, weightExp, signMode);
        int out = w.length;
        int in = numInputs();
        if (d.length != out) {
            throw ModelException.of(name, "delays", "has " + d.length + " rows, weights have " + out);
        }
        double[] fw = new double[out * in];
        double[] fd = new double[out * in];
        for (int i = 0; i < out; i++) {
            if (d[i].length != in) {
                throw ModelException.of(name, "delays", "row " + i + " has " + d[i].length + " values, weights have " + in);
            }
            System.arraycopy(w[i], 0, fw, i * in, in);
            System.arraycopy(d[i], 0, fd, i * in, in);
        }
        this.weights = addVar("weights", new int[]{out, in}, false, fw);
        this.delays = addVar("delays", new int[]{out, in}, true, fd);
        delays.requireRange(0, Integer.MAX_VALUE);
    }

    /**
     * @param name process name
     * @param weights [out][in]
     * @param delays [out][in], steps &gt;= 0
     * @param numWeightBits 1..8
     * @param weightExp -8..7
     * @param signMode null to infer
     * @return the process
     */
    public static DelayDense of(String name, double[][] weights, double[][] delays, int numWeightBits, int weightExp,
                                SignMode signMode) {
        return new DelayDense(name, weights, delays, numWeightBits, weightExp, signMode);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return weights, shape [out, in] */
    public Var weights() {
        return weights;
    }

    /** @return delays, shape [out, in] */
    public Var delays() {
        return delays;
    }

    @Override
    public SynapseTable table() {
        return DenseTables.fromMatrix(weights.get(), numOutputs(), numInputs(), delays.get());
    }

    @Override
    public void validate(NumericModel model) {
        super.validate(model);
        if (model == NumericModel.FIXED_PT) {
            delays.requireRange(0, 63);
        }
    }
}
