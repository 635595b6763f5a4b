package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * What one shard counted in one step: integer operation and hop counts, the slowest of its cores, link-load
 * difference arrays for the XY spans of its messages, and its messages' contention-free latencies by value.
 * Kept in a ring of four per shard so the finaliser can read step t-1 while shards work on step t.
 */
final class StepPartial extends OpCounts {
    /** synaptic ops by the receiving core's synapse format (EventCharges.DENSE .. NONE). */
    final long[] synopsByFormat = new long[4];
    /** spikes of LIF neurons (spike sources excluded). */
    long lifSpikes;
    /** spikes that left their neuron at rest (counted as state-changing updates by core.events). */
    long restingSpikes;
    /** (spike, destination core) pairs; equal to messages with unicast routers. */
    long destinations;
    /** the step's spikes in core order, for the detailed time model (null without it). */
    final SpikeLog log;
    double slowestCoreNs;
    int slowestCore;
    /**
     * Differences of the east and west link spans, per tile slot y * (tilesX + 1) + x, two counts in one long: east in
     * the low 32 bits (+1 where a span starts, -1 where it ends), west in the high 32 bits (+1 at the tile where a span
     * ends, -1 at the tile it starts from), the west ones one tile short of where their prefix sums take them (see
     * {@link Accounts}). Each half reads back as {@link #low} and {@link #high}; sums of these longs are the sums of
     * their halves, as long as each half stays inside an int (it counts the step's messages).
     */
    final long[] eastWest;
    /**
     * Differences of the north and south link spans, per tile slot y * (tilesX + 1) + x as {@link #eastWest}: north
     * in the low half (+1 at the row where a span starts, -1 where it ends), south in the high half (+1 at the row a
     * span ends at, -1 at the row it starts from), the south ones one row short of where their prefix sums take them.
     */
    final long[] northSouth;
    /** multicast packets per link this step, by link code (direction * tiles + y * tilesX + x). */
    final long[] linkDirect;
    /** messages by contention-free latency in ns. */
    final long[] latencyCount;
    /**
     * whether the shard that fills this partial adds its latencies to its own {@link LatencyTally} once the step is
     * closed, and sets {@link #maxLatency}: {@link Accounts} then reads neither from {@link #latencyCount}.
     */
    boolean tallied;
    /** the longest latency counted in {@link #latencyCount} (0 when none), set by a shard that tallies its own. */
    int maxLatency;
    /** the step this partial holds (0 before the first). */
    int step;
    /** whether the latencies of {@link #step} are in its shard's tally yet. */
    boolean latenciesTallied;

    StepPartial(int tilesX, int tilesY, int maxLatency, boolean multicast, SpikeLog log) {
        this.log = log;
        eastWest = new long[tilesY * (tilesX + 1)];
        northSouth = new long[tilesY * (tilesX + 1)];
        latencyCount = new long[maxLatency + 1];
        linkDirect = new long[multicast ? 4 * tilesX * tilesY : 0];
    }

    /** Sets what the shard's cores counted in the step: their operations, messages in and the slowest of them. */
    void cores(long synops, long active, long inactive, long spikes, long messagesIn, long learningUpdates,
               double slowestCoreNs, int slowestCore) {
        this.synops = synops;
        this.active = active;
        this.inactive = inactive;
        this.spikes = spikes;
        this.messagesIn = messagesIn;
        this.learningUpdates = learningUpdates;
        this.slowestCoreNs = slowestCoreNs;
        this.slowestCore = slowestCore;
    }

    /** @return the longest latency with a message in count, or 0 */
    static int longestLatency(long[] count) {
        for (int lat = count.length - 1; lat > 0; lat--) {
            if (count[lat] != 0) {
                return lat;
            }
        }
        return 0;
    }

    /** @return the low half of a count pair of {@link #eastWest} or {@link #northSouth} */
    static int low(long pair) {
        return (int) pair;
    }

    /** @return the high half of a count pair of {@link #eastWest} or {@link #northSouth} */
    static long high(long pair) {
        return (pair - (int) pair) >> 32;
    }

    /** @return the pair of counts low and high, for {@link #eastWest} or {@link #northSouth} */
    static long pair(long low, long high) {
        return low + (high << 32);
    }

    /** Empties the partial for step t. */
    void reset(int t) {
        step = t;
        latenciesTallied = false;
        clearCounts();
        lifSpikes = destinations = restingSpikes = 0;
        Arrays.fill(synopsByFormat, 0);
        if (log != null) {
            log.clear();
        }
        slowestCoreNs = -1;
        slowestCore = -1;
        Arrays.fill(eastWest, 0);
        Arrays.fill(northSouth, 0);
        Arrays.fill(latencyCount, 0);
        Arrays.fill(linkDirect, 0);
    }
}
