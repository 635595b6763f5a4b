package org.spikemesh.process.nir;

import java.util.Map;
import java.util.TreeMap;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * A synapse group (Dense, Sparse, DelayDense) as NIR weight matrices, one {@code [out][in]} matrix per delay: in
 * float_pt the weights as given; in fixed_pt the weights the chip holds (clipped and truncated by sign mode and
 * weight bits) times {@code 2^weight_exp}, in the threshold units of {@link NeuronExport} (the a &lt;&lt; 6 of the
 * fixed-point LIF cancels the division of u by 64). NIR has no sparse node, so a Sparse group is written whole, zeros
 * included, up to {@link #MAX_WEIGHTS} weights.
 */
final class SynapseExport {
    /** The largest [out][in] matrix written: 2^24 weights (128 MiB of doubles). */
    static final long MAX_WEIGHTS = 1L << 24;

    private SynapseExport() {
    }

    /**
     * @param s a synapse group
     * @param model the arithmetic the network runs in
     * @return delay in steps (beyond the one-step synaptic delay) -&gt; flat row-major [out][in] weights
     */
    static Map<Integer, double[]> matrices(Synapses s, NumericModel model) {
        SynapseTable t = s.table();
        long cells = (long) t.numOutputs() * t.numInputs();
        if (cells > MAX_WEIGHTS) {
            throw ModelException.of(s.name(), null, s.type() + " of " + t.numOutputs() + " x " + t.numInputs() + " = "
                    + cells + " weights is too large for a NIR Linear (NIR has no sparse node, and export writes at most "
                    + MAX_WEIGHTS + " weights per matrix)");
        }
        double[] w = t.weight().toArray();
        if (model == NumericModel.FIXED_PT) {
            int[] prepared = s.preparedWeights();
            double scale = Math.pow(2, s.weightExp());
            w = new double[prepared.length];
            for (int k = 0; k < w.length; k++) {
                w[k] = prepared[k] * scale;
            }
        }
        Map<Integer, double[]> byDelay = new TreeMap<>();
        int cols = t.numInputs();
        for (int i = 0; i < cols; i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                int d = t.delay() == null ? 0 : t.delay()[k];
                byDelay.computeIfAbsent(d, x -> new double[t.numOutputs() * cols])[t.post()[k] * cols + i] += w[k];
            }
        }
        if (byDelay.isEmpty()) {
            byDelay.put(0, new double[t.numOutputs() * cols]);
        }
        return byDelay;
    }
}
