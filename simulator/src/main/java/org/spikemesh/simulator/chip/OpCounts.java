package org.spikemesh.simulator.chip;

/**
 * The integer counts a step's time and energy are made of: operations, spikes, messages and their hops. A shard
 * counts its part of a step into its {@link StepPartial}; {@link StepSums} adds the shards' parts, and
 * {@link Accounts} the steps' into one of these.
 */
class OpCounts {
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

    /** Sets every count to zero. */
    final void clearCounts() {
        synops = active = inactive = spikes = messages = messagesIn = learningUpdates = 0;
        hopsEastWest = hopsNorthSouth = withinTile = chipCrossings = 0;
    }

    /** Adds another's counts to these. */
    final void addCounts(OpCounts o) {
        synops += o.synops;
        active += o.active;
        inactive += o.inactive;
        spikes += o.spikes;
        messages += o.messages;
        messagesIn += o.messagesIn;
        learningUpdates += o.learningUpdates;
        hopsEastWest += o.hopsEastWest;
        hopsNorthSouth += o.hopsNorthSouth;
        withinTile += o.withinTile;
        chipCrossings += o.chipCrossings;
    }
}
