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
    long hopsEastWest;
    long hopsNorthSouth;
    long withinTile;
    long chipCrossings;
    double slowestCoreNs;
    int slowestCore;
    int maxLatencyNs;
    /** east spans per row: index y*(tilesX+1)+x; west likewise; north and south spans per column: x*(tilesY+1)+y. */
    final long[] east;
    final long[] west;
    final long[] north;
    final long[] south;
    final long[] latencyCount;
    final int[] latencies;
    int latencyValues;

    StepPartial(int tilesX, int tilesY, int maxLatency) {
        east = new long[tilesY * (tilesX + 1)];
        west = new long[tilesY * (tilesX + 1)];
        north = new long[tilesX * (tilesY + 1)];
        south = new long[tilesX * (tilesY + 1)];
        latencyCount = new long[maxLatency + 1];
        latencies = new int[maxLatency + 1];
    }

    void reset() {
        synops = active = inactive = spikes = messages = messagesIn = 0;
        hopsEastWest = hopsNorthSouth = withinTile = chipCrossings = 0;
        slowestCoreNs = -1;
        slowestCore = -1;
        maxLatencyNs = 0;
        Arrays.fill(east, 0);
        Arrays.fill(west, 0);
        Arrays.fill(north, 0);
        Arrays.fill(south, 0);
        for (int k = 0; k < latencyValues; k++) {
            latencyCount[latencies[k]] = 0;
        }
        latencyValues = 0;
    }

    void addLatency(int ns, long count) {
        if (latencyCount[ns] == 0) {
            latencies[latencyValues++] = ns;
        }
        latencyCount[ns] += count;
        maxLatencyNs = Math.max(maxLatencyNs, ns);
    }
}
