package org.spikemesh.simulator.chip;

/**
 * The coordinator's view of a shard that runs in another partition: its step partials as they arrive, the last step
 * it completed, and its cores' run totals and window rows when asked for them.
 */
final class RemoteShard {
    final int id;
    final int first;
    final int last;
    final int partition;
    final StepPartial[] partials = new StepPartial[4];
    /** last step whose partial arrived; written by the bridge thread. */
    volatile int completed;
    /** per core: synops, active, inactive, spikes, messages in, messages out, resting spikes. */
    long[][] totals;
    double[] timeNs;
    long[] windowRows = new long[0];
    /** window rows of the last totals answer (they arrive in ROWS messages after its TOTALS message). */
    int windowRowCount;
    int rowsReceived;
    /** the last totals request fully answered; written by the bridge thread after the data. */
    volatile int answered;

    RemoteShard(int id, int first, int last, int partition) {
        this.id = id;
        this.first = first;
        this.last = last;
        this.partition = partition;
        this.totals = new long[last - first][CoreCounts.TOTALS];
        this.timeNs = new double[last - first];
    }
}
