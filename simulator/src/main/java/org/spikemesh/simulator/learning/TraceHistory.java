package org.spikemesh.simulator.learning;

/**
 * One fixed-point trace of n neurons with its values at every step of an epoch: row 0 is the trace as the epoch
 * began (the trace array itself, not a copy), row s its value after step s. With an epoch of one step, row 1 is the
 * trace array too and the history is computed in place, visiting only the neurons whose trace is non-zero or that
 * spiked (a zero trace decays to zero); a held trace (a third factor) is the same array at every step. Only a longer
 * epoch keeps rows of its own and copies the last one back at the end.
 */
final class TraceHistory {
    final int[] trace;
    final int[][] rows;
    private final int epoch;
    private final boolean held;
    /** epoch 1: neurons whose trace may be non-zero (a superset), and membership. */
    private final int[] live;
    private final boolean[] inLive;
    private int liveCount;
    private boolean dirty;

    TraceHistory(int n, int epoch, boolean held) {
        this.trace = new int[n];
        this.epoch = epoch;
        this.held = held;
        this.rows = new int[epoch + 1][];
        rows[0] = trace;
        for (int s = 1; s <= epoch; s++) {
            rows[s] = held || epoch == 1 ? trace : new int[n];
        }
        boolean sparse = epoch == 1 && !held;
        this.live = sparse ? new int[n] : null;
        this.inLive = sparse ? new boolean[n] : null;
    }

    /** The trace array may have been written from outside: rescan it before the next phase. */
    int[] touched() {
        dirty = true;
        return trace;
    }

    /**
     * Builds rows 1..epoch: per step the decay (by table) and the impulse where the neuron's last spike was.
     *
     * @param spikeAt last spike step within the epoch per neuron (0: none)
     * @param spikers the neurons that spiked in the epoch (first {@code count})
     * @param decayed decayed value of each trace value v at v + 128, for this phase
     */
    void build(int[] spikeAt, int[] spikers, int count, int[] decayed, int whole, int frac, int rImp) {
        if (held) {
            return;
        }
        if (live != null) {
            buildInPlace(spikeAt, spikers, count, decayed, whole, frac, rImp);
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

    private void buildInPlace(int[] spikeAt, int[] spikers, int count, int[] decayed, int whole, int frac, int rImp) {
        if (dirty) {
            rescan();
        }
        for (int k = 0; k < count; k++) {
            int j = spikers[k];
            if (!inLive[j]) {
                inLive[j] = true;
                live[liveCount++] = j;
            }
        }
        int kept = 0;
        for (int k = 0; k < liveCount; k++) {
            int j = live[k];
            int v = decayed[trace[j] + 128];
            if (spikeAt[j] == 1) {
                v = FixedPlasticity.addImpulse(v, rImp, whole, frac);
            }
            trace[j] = v;
            if (v != 0) {
                live[kept++] = j;
            } else {
                inLive[j] = false;
            }
        }
        liveCount = kept;
    }

    private void rescan() {
        liveCount = 0;
        for (int j = 0; j < trace.length; j++) {
            inLive[j] = trace[j] != 0;
            if (inLive[j]) {
                live[liveCount++] = j;
            }
        }
        dirty = false;
    }

    /** The trace takes its end-of-epoch value. */
    void finish() {
        if (!held && epoch > 1) {
            System.arraycopy(rows[epoch], 0, trace, 0, trace.length);
        }
    }
}
