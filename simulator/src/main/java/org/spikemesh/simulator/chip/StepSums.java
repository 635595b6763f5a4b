package org.spikemesh.simulator.chip;

/**
 * The integer counts of a step summed over every shard's {@link StepPartial}, the slowest core among the shards'
 * slowest, and the longest contention-free path of a message (the run's counts are a plain {@link OpCounts}). One is
 * reused for every step closed: closing a step allocates nothing.
 */
final class StepSums extends OpCounts {
    /** the slowest core's time, ns, and the core (program index; -1 when no shard has one). */
    double slowestNs;
    int slowestCore = -1;
    /** the longest contention-free latency of a message in the step, ns (0 without messages). */
    int maxPath;
    /** per program core, its global core number. */
    private final int[] placeOf;

    /** @param placeOf per program core, its global core number: of equally slow cores, the lowest is the slowest */
    StepSums(int[] placeOf) {
        this.placeOf = placeOf;
    }

    /**
     * Sets these to the sums of one step's partials, the slowest of the shards' slowest cores, the lowest
     * global core of equally slow ones (as each shard chose its own): the cores' numbering does not matter.
     *
     * @param ps one partial per shard
     */
    void of(StepPartial[] ps) {
        clearCounts();
        slowestNs = 0;
        slowestCore = -1;
        maxPath = 0;
        for (StepPartial p : ps) {
            addCounts(p);
            if (p.slowestCore >= 0 && (slowestCore < 0 || CoreTimes.slower(p.slowestCoreNs, placeOf[p.slowestCore],
                    slowestNs, placeOf[slowestCore]))) {
                slowestNs = p.slowestCoreNs;
                slowestCore = p.slowestCore;
            }
            maxPath = Math.max(maxPath, p.tallied ? p.maxLatency : StepPartial.longestLatency(p.latencyCount));
        }
    }
}
