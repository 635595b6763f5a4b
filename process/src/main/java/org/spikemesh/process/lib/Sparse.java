package org.spikemesh.process.lib;

import java.util.Arrays;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Values;
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

    private Sparse(String name, int numOutputs, int numInputs, int[] rowStart, int[] post, Values weights,
                   int[] delay, int numWeightBits, int weightExp, SignMode signMode) {
        super(name, numInputs, numOutputs, numWeightBits, weightExp, signMode);
        this.rowStart = rowStart;
        this.post = post;
        this.delay = delay;
        this.weights = addVar("weights", new int[]{post.length}, false, weights);
    }

    private static Sparse sorted(String name, int numOutputs, int numInputs, int[] post, int[] pre, double[] w,
                                 int[] delays, int numWeightBits, int weightExp, SignMode signMode) {
        int n = post.length;
        if (pre.length != n || w.length != n || (delays != null && delays.length != n)) {
            throw ModelException.of(name, "synapses", "post, pre, weights" + (delays != null ? ", delays" : "")
                    + " must have the same length");
        }
        for (int k = 0; k < n; k++) {
            if (pre[k] < 0 || pre[k] >= numInputs) {
                throw ModelException.of(name, "pre", "index " + pre[k] + " out of range; valid is 0.." + (numInputs - 1));
            }
            if (delays != null) {
                checkDelay(name, delays[k]);
            }
        }
        // counting sort by pre, stable: within a row the given order is kept, then sorted by post
        int[] start = rowStarts(pre, numInputs);
        int[] fill = Arrays.copyOf(start, numInputs);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[fill[pre[k]]++] = k;
        }
        for (int i = 0; i < numInputs; i++) {
            sortRowByPost(order, start[i], start[i + 1], post);
        }
        if (hasRepeatedPair(start, order, post)) {
            return summed(name, numOutputs, numInputs, start, order, post, w, delays, numWeightBits, weightExp,
                    signMode);
        }
        int[] rows = new int[n];
        int[] delay = delays == null ? null : new int[n];
        for (int k = 0; k < n; k++) {
            rows[k] = post[order[k]];
            if (delay != null) {
                delay[k] = delays[order[k]];
            }
        }
        checkRows(name, start, rows, numOutputs);
        // packed straight from the caller's weights in row order: no array of doubles in between
        Values ws = Values.of(n, k -> w[order[k]]);
        return new Sparse(name, numOutputs, numInputs, start, rows, ws, delay, numWeightBits, weightExp, signMode);
    }

    /** @return whether some (pre, post) pair is listed more than once (rows sorted by post: it sits next to itself) */
    private static boolean hasRepeatedPair(int[] start, int[] order, int[] post) {
        for (int i = 0; i + 1 < start.length; i++) {
            for (int k = start[i] + 1; k < start[i + 1]; k++) {
                if (post[order[k]] == post[order[k - 1]]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A list in which some (pre, post) pair is given more than once: one synapse of the summed weight, as in Lava,
     * whose Sparse takes a scipy sparse matrix, and scipy's {@code csr_matrix((data, (row, col)))} adds up the entries
     * of a repeated position. With delays a repeated pair is refused: scipy would add up their delays too.
     */
    private static Sparse summed(String name, int numOutputs, int numInputs, int[] start, int[] order, int[] post,
                                 double[] w, int[] delays, int numWeightBits, int weightExp, SignMode signMode) {
        int n = order.length;
        int[] newStart = new int[numInputs + 1];
        int[] rows = new int[n];
        double[] sums = new double[n];
        int m = 0;
        for (int i = 0; i < numInputs; i++) {
            newStart[i] = m;
            for (int k = start[i]; k < start[i + 1]; k++) {
                int o = order[k];
                if (k > start[i] && post[o] == post[order[k - 1]]) {
                    if (delays != null) {
                        throw ModelException.of(name, "synapses", "two synapses from input " + i + " to output "
                                + post[o] + " with delays; give each pair once (Lava's scipy matrix would add up"
                                + " their delays as well as their weights)");
                    }
                    sums[m - 1] += w[o];
                } else {
                    rows[m] = post[o];
                    sums[m++] = w[o];
                }
            }
        }
        newStart[numInputs] = m;
        int[] r = Arrays.copyOf(rows, m);
        checkRows(name, newStart, r, numOutputs);
        return new Sparse(name, numOutputs, numInputs, newStart, r, Values.of(Arrays.copyOf(sums, m)), null,
                numWeightBits, weightExp, signMode);
    }

    /**
     * @param pre the pre-synaptic input of each synapse, each in 0 .. numInputs - 1
     * @param numInputs pre-synaptic size
     * @return where each input's row starts when the synapses are put in rows by pre (numInputs + 1 offsets, from 0
     *         to the synapse count), as {@link #ofRows} takes them
     */
    public static int[] rowStarts(int[] pre, int numInputs) {
        int[] start = new int[numInputs + 1];
        for (int p : pre) {
            start[p + 1]++;
        }
        for (int i = 0; i < numInputs; i++) {
            start[i + 1] += start[i];
        }
        return start;
    }

    private static void checkDelay(String name, int delay) {
        if (delay < 0) {
            throw ModelException.of(name, "delays", "negative delay " + delay + "; valid is 0..63");
        }
    }

    /**
     * One pass over the rows (offsets already checked): every post in range, and each row's posts strictly increasing,
     * so that each pair is given once (a repeated pair sits next to itself).
     */
    private static void checkRows(String name, int[] start, int[] post, int numOutputs) {
        for (int i = 0; i + 1 < start.length; i++) {
            for (int k = start[i]; k < start[i + 1]; k++) {
                if (post[k] < 0 || post[k] >= numOutputs) {
                    throw ModelException.of(name, "post", "index " + post[k] + " out of range; valid is 0.."
                            + (numOutputs - 1));
                }
                if (k > start[i] && post[k] <= post[k - 1]) {
                    throw post[k] == post[k - 1]
                            ? ModelException.of(name, "synapses", "two synapses from input " + i + " to output "
                            + post[k] + "; give each pair once")
                            : ModelException.of(name, "post", "input " + i + " lists output " + post[k] + " after "
                            + post[k - 1] + "; give each row's posts in increasing order");
                }
            }
        }
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
        return sorted(name, numOutputs, numInputs, post, pre, weights, delays, numWeightBits, weightExp, signMode);
    }

    /**
     * Synapses given already in compressed rows by pre-synaptic input, for networks too large to list as pairs
     * first: the synapses of input {@code i} are {@code rowStart[i] .. rowStart[i+1]-1}, their posts in increasing
     * order. The arrays are taken over, not copied (a million-neuron network cannot afford a second copy): do not
     * change them afterwards.
     *
     * @param name process name
     * @param numOutputs post-synaptic size
     * @param numInputs pre-synaptic size
     * @param rowStart offsets into post, numInputs + 1 of them, from 0, never decreasing
     * @param post post index of each synapse, increasing within each row
     * @param weights weight of each synapse, in the same order
     * @param delays delay of each synapse in steps, or null
     * @param numWeightBits 1..8
     * @param weightExp -8..7
     * @param signMode null to infer
     * @return the process
     */
    public static Sparse ofRows(String name, int numOutputs, int numInputs, int[] rowStart, int[] post,
                                Values weights, int[] delays, int numWeightBits, int weightExp, SignMode signMode) {
        int n = post.length;
        if (rowStart.length != numInputs + 1 || rowStart[0] != 0 || rowStart[numInputs] != n) {
            throw ModelException.of(name, "row_start", "must hold " + (numInputs + 1) + " offsets from 0 to the "
                    + n + " synapses, got " + rowStart.length + " from " + (rowStart.length > 0 ? rowStart[0] : "-")
                    + " to " + (rowStart.length > 0 ? rowStart[rowStart.length - 1] : "-"));
        }
        if (weights.size() != n || (delays != null && delays.length != n)) {
            throw ModelException.of(name, "synapses", "post, weights" + (delays != null ? ", delays" : "")
                    + " must have the same length");
        }
        for (int i = 0; i < numInputs; i++) {
            // with the ends at 0 and n, offsets that never decrease all lie in 0..n
            if (rowStart[i + 1] < rowStart[i]) {
                throw ModelException.of(name, "row_start", "offset " + rowStart[i + 1] + " of input " + (i + 1)
                        + " is below the " + rowStart[i] + " of input " + i + "; offsets never decrease");
            }
        }
        if (delays != null) {
            for (int d : delays) {
                checkDelay(name, d);
            }
        }
        checkRows(name, rowStart, post, numOutputs);
        return new Sparse(name, numOutputs, numInputs, rowStart, post, weights, delays, numWeightBits, weightExp,
                signMode);
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
        return new SynapseTable(numInputs(), numOutputs(), rowStart, post, weights.values(), delay);
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
