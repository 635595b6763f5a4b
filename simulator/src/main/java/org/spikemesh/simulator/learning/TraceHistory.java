package org.spikemesh.simulator.learning;

/**
 * One fixed-point trace of n neurons with its values at every step of an epoch: row 0 is the trace as the epoch
 * began (the trace array itself, not a copy), row s its value after step s. With an epoch of one step, row 1 is the
 * trace array too and the history is computed in place; a held trace (a third factor) is the same array at every
 * step. Only a longer epoch keeps rows of its own and copies the last one back at the end.
 */
final class TraceHistory {
    final int[] trace;
    final int[][] rows;
    private final int epoch;
    private final boolean held;

    TraceHistory(int n, int epoch, boolean held) {
        this.trace = new int[n];
        this.epoch = epoch;
        this.held = held;
        this.rows = new int[epoch + 1][];
        rows[0] = trace;
        for (int s = 1; s <= epoch; s++) {
            rows[s] = held || epoch == 1 ? trace : new int[n];
        }
    }

    /**
     * Builds rows 1..epoch: per step the decay (by table) and the impulse where the neuron's last spike was.
     *
     * @param spikeAt last spike step within the epoch per neuron (0: none)
     * @param decayed decayed value of each trace value v at v + 128, for this phase
     */
    void build(int[] spikeAt, int[] decayed, int whole, int frac, int rImp) {
        if (held) {
            return;
        }
        int n = trace.length;
        for (int s = 1; s <= epoch; s++) {
            int[] prev = rows[s - 1];
            int[] cur = rows[s];
            for (int j = 0; j < n; j++) {
                int v = decayed[prev[j] + 128];
                cur[j] = spikeAt[j] == s ? FixedPlasticity.addImpulse(v, rImp, whole, frac) : v;
            }
        }
    }

    /** The trace takes its end-of-epoch value. */
    void finish() {
        if (!held && epoch > 1) {
            System.arraycopy(rows[epoch], 0, trace, 0, trace.length);
        }
    }
}
