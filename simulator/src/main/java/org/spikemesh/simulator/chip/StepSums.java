package org.spikemesh.simulator.chip;

/**
 * The integer counts of a step summed over every shard's {@link StepPartial} (or, for the run, over its steps), the
 * slowest core among the shards' slowest, and the longest contention-free path of a message. One is reused for every
 * step closed: closing a step allocates nothing.
 */
final class StepSums {
    long synops;
    long active;
    long inactive;
    long spikes;
    long messages;
    long messagesIn;
    long learningUpdates;
    long hopsEastWest;
    long hopsNorthSouth;
    long withinTile;
    long chipCrossings;
    /** the slowest core's time, ns, and the core (program index; -1 when no shard has one). */
    double slowestNs;
    int slowestCore = -1;
    /** the longest contention-free latency of a message in the step, ns (0 without messages). */
    int maxPath;

    /**
     * Sets these to the sums of one step's partials, in shard order: the first shard's slowest core wins a tie.
     *
     * @param ps one partial per shard
     */
    void of(StepPartial[] ps) {
        synops = active = inactive = spikes = messages = messagesIn = learningUpdates = 0;
        hopsEastWest = hopsNorthSouth = withinTile = chipCrossings = 0;
        slowestNs = 0;
        slowestCore = -1;
        maxPath = 0;
        for (StepPartial p : ps) {
            synops += p.synops;
            active += p.active;
            inactive += p.inactive;
            spikes += p.spikes;
            messages += p.messages;
            messagesIn += p.messagesIn;
            learningUpdates += p.learningUpdates;
            hopsEastWest += p.hopsEastWest;
            hopsNorthSouth += p.hopsNorthSouth;
            withinTile += p.withinTile;
            chipCrossings += p.chipCrossings;
            if (p.slowestCoreNs > slowestNs || slowestCore < 0 && p.slowestCore >= 0) {
                slowestNs = p.slowestCoreNs;
                slowestCore = p.slowestCore;
            }
            maxPath = Math.max(maxPath, p.tallied ? p.maxLatency : StepPartial.longestLatency(p.latencyCount));
        }
    }

    /** Adds a step's counts to these (the run's totals); the slowest core and the path are the step's own. */
    void add(StepSums step) {
        synops += step.synops;
        active += step.active;
        inactive += step.inactive;
        spikes += step.spikes;
        messages += step.messages;
        messagesIn += step.messagesIn;
        learningUpdates += step.learningUpdates;
        hopsEastWest += step.hopsEastWest;
        hopsNorthSouth += step.hopsNorthSouth;
        withinTile += step.withinTile;
        chipCrossings += step.chipCrossings;
    }
}
