package org.spikemesh.process.lib;

import java.util.Arrays;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;

/**
 * Synapses given as a list (Lava's {@code Sparse}, for large networks): each synapse a post index, a pre index, a
 * weight and optionally a delay. Kept in compressed rows by pre-synaptic input; {@code weights} is a Var in that
 * order.
 */
public final class Sparse extends Synapses {
    /** Type name in network files. */
    public static final String TYPE = "Sparse";

    private final int[] rowStart;
    private final int[] post;
    private final int[] delay;
    private final Var weights;

    private Sparse(String name, int numOutputs, int numInputs, int[] post, int[] pre, double[] w, int[] delays,
                   int numWeightBits, int weightExp, SignMode signMode) {
        super(name, numInputs, numOutputs, numWeightBits, weightExp, signMode);
        int n = post.length;
        if (pre.length != n || w.length != n || (delays != null && delays.length != n)) {
            throw ModelException.of(name, "synapses", "post, pre, weights" + (delays != null ? ", delays" : "")
                    + " must have the same length");
        }
        for (int k = 0; k < n; k++) {
            if (post[k] < 0 || post[k] >= numOutputs) {
                throw ModelException.of(name, "post", "index " + post[k] + " out of range; valid is 0.." + (numOutputs - 1));
            }
            if (pre[k] < 0 || pre[k] >= numInputs) {
                throw ModelException.of(name, "pre", "index " + pre[k] + " out of range; valid is 0.." + (numInputs - 1));
            }
            if (delays != null && delays[k] < 0) {
                throw ModelException.of(name, "delays", "negative delay " + delays[k] + "; valid is 0..63");
            }
        }
        // counting sort by pre, stable: within a row the given order is kept, then sorted by post
        int[] start = new int[numInputs + 1];
        for (int p : pre) {
            start[p + 1]++;
        }
        for (int i = 0; i < numInputs; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, numInputs);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[fill[pre[k]]++] = k;
        }
        for (int i = 0; i < numInputs; i++) {
            sortRowByPost(order, start[i], start[i + 1], post);
            for (int k = start[i] + 1; k < start[i + 1]; k++) {
                if (post[order[k]] == post[order[k - 1]]) {
                    throw ModelException.of(name, "synapses", "two synapses from input " + i + " to output "
                            + post[order[k]] + "; give each pair once");
                }
            }
        }
        this.rowStart = start;
        this.post = new int[n];
        double[] ws = new double[n];
        this.delay = delays == null ? null : new int[n];
        for (int k = 0; k < n; k++) {
            this.post[k] = post[order[k]];
            ws[k] = w[order[k]];
            if (delay != null) {
                delay[k] = delays[order[k]];
            }
        }
        this.weights = addVar("weights", new int[]{n}, false, n == 0 ? new double[0] : ws);
    }

    private static void sortRowByPost(int[] order, int from, int to, int[] post) {
        // insertion sort: rows are short (fan-out of one input)
        for (int i = from + 1; i < to; i++) {
            int k = order[i];
            int j = i - 1;
            while (j >= from && post[order[j]] > post[k]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = k;
        }
    }

    /**
     * @param name process name
     * @param numOutputs post-synaptic size
     * @param numInputs pre-synaptic size
     * @param post post index of each synapse
     * @param pre pre index of each synapse
     * @param weights weight of each synapse
     * @param delays delay of each synapse in steps, or null
     * @param numWeightBits 1..8
     * @param weightExp -8..7
     * @param signMode null to infer
     * @return the process
     */
    public static Sparse of(String name, int numOutputs, int numInputs, int[] post, int[] pre, double[] weights,
                            int[] delays, int numWeightBits, int weightExp, SignMode signMode) {
        return new Sparse(name, numOutputs, numInputs, post, pre, weights, delays, numWeightBits, weightExp, signMode);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return the weights Var, one value per synapse in row (pre) order */
    public Var weights() {
        return weights;
    }

    /** @return true when per-synapse delays were given */
    public boolean hasDelays() {
        return delay != null;
    }

    @Override
    public SynapseTable table() {
        return new SynapseTable(numInputs(), numOutputs(), rowStart, post, weights.get(), delay);
    }

    @Override
    public void validate(org.spikemesh.process.NumericModel model) {
        super.validate(model);
        if (delay != null && model == org.spikemesh.process.NumericModel.FIXED_PT) {
            for (int d : delay) {
                if (d > 63) {
                    throw ModelException.of(name(), "delays", "delay " + d + " is out of range; valid is 0..63 (6 bits)");
                }
            }
        }
    }
}
