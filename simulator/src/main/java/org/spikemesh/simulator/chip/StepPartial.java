package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * What one shard counted in one step: integer operation and hop counts, the slowest of its cores, link-load
 * difference arrays for the XY spans of its messages, and its messages' contention-free latencies by value.
 * Kept in a ring of four per shard so the finaliser can read step t-1 while shards work on step t.
 */
final class StepPartial {
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
     * Link-span differences: east spans per row at y*(tilesX+1)+x, then west spans at the same place shifted by
     * tilesY*(tilesX+1).
     */
    final long[] horizontal;
    /** North spans per column at x*(tilesY+1)+y, then south spans shifted by tilesX*(tilesY+1). */
    final long[] vertical;
    final int westOffset;
    final int southOffset;
    /** multicast packets per link this step, by link code (direction * tiles + y * tilesX + x). */
    final long[] linkDirect;
    /** messages by contention-free latency in ns. */
    final long[] latencyCount;

    StepPartial(int tilesX, int tilesY, int maxLatency, boolean multicast, SpikeLog log) {
        this.log = log;
        westOffset = tilesY * (tilesX + 1);
        southOffset = tilesX * (tilesY + 1);
        horizontal = new long[2 * westOffset];
        vertical = new long[2 * southOffset];
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

    void reset() {
        synops = active = inactive = spikes = messages = messagesIn = learningUpdates = 0;
        hopsEastWest = hopsNorthSouth = withinTile = chipCrossings = 0;
        lifSpikes = destinations = restingSpikes = 0;
        Arrays.fill(synopsByFormat, 0);
        if (log != null) {
            log.clear();
        }
        slowestCoreNs = -1;
        slowestCore = -1;
        Arrays.fill(horizontal, 0);
        Arrays.fill(vertical, 0);
        Arrays.fill(latencyCount, 0);
        Arrays.fill(linkDirect, 0);
    }
}
