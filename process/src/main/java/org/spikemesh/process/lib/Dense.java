package org.spikemesh.process.lib;

import org.spikemesh.process.ModelException;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;

/**
 * All-to-all synapses with a weight matrix {@code [out][in]} (Lava's {@code Dense}). Zero weights hold no synapse.
 */
public final class Dense extends Synapses {
    /** Type name in network files. */
    public static final String TYPE = "Dense";

    private final Var weights;
    private SynapseTable cached;
    private double[] cachedFrom;

    private Dense(String name, double[][] w, int numWeightBits, int weightExp, SignMode signMode) {
        super(name, cols(name, w), w.length, numWeightBits, weightExp, signMode);
        this.weights = addVar("weights", new int[]{w.length, numInputs()}, false, flatten(w));
    }

    /** @return an [out][in] matrix (rows of equal length) flattened row by row */
    static double[] flatten(double[][] w) {
        int in = w[0].length;
        double[] flat = new double[w.length * in];
        for (int i = 0; i < w.length; i++) {
            System.arraycopy(w[i], 0, flat, i * in, in);
        }
        return flat;
    }

    static int cols(String name, double[][] w) {
        if (w.length == 0 || w[0].length == 0) {
            throw ModelException.of(name, "weights", "must be a non-empty [out][in] matrix");
        }
        for (double[] row : w) {
            if (row.length != w[0].length) {
                throw ModelException.of(name, "weights", "rows have different lengths (" + row.length + " vs "
                        + w[0].length + "); give an [out][in] matrix");
            }
        }
        return w[0].length;
    }

    /**
     * @param name process name
     * @param weights matrix [out][in]
     * @param numWeightBits 1..8 (Lava's default 8)
     * @param weightExp -8..7 (default 0)
     * @param signMode null to infer from the weights
     * @return the process
     */
    public static Dense of(String name, double[][] weights, int numWeightBits, int weightExp, SignMode signMode) {
        return new Dense(name, weights, numWeightBits, weightExp, signMode);
    }

    /**
     * @param name process name
     * @param weights matrix [out][in]
     * @return a Dense with 8 weight bits, weight_exp 0, inferred sign mode
     */
    public static Dense of(String name, double[][] weights) {
        return of(name, weights, 8, 0, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return the weight matrix Var, shape [out, in] */
    public Var weights() {
        return weights;
    }

    @Override
    public synchronized SynapseTable table() {
        double[] w = weights.get();
        if (cached != null && java.util.Arrays.equals(w, cachedFrom)) {
            return cached;
        }
        cached = DenseTables.fromMatrix(w, numOutputs(), numInputs(), null);
        cachedFrom = w;
        return cached;
    }
}
