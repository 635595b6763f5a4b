package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Messages by latency (ns) not yet recorded into a histogram: each step's contention-free latencies ({@link
 * StepPartial#latencyCount}) are added here, each delayed by the step's mean wait, and {@link #drainInto} moves them
 * into an HdrHistogram, whose counts per value are the same either way (at 64 000 neurons a step has about a hundred
 * distinct latencies, each a histogram record, 1.5 us per step). Latencies beyond {@value #PENDING} ns go to a
 * histogram of their own at once.
 *
 * <p>{@link Accounts} keeps one for the partials it closes from other partitions; each shard of a run in one process
 * keeps its own and adds its partials to it once their step is closed ({@link Shard#tallyClosedLatencies}), so the
 * closing thread never reads another shard's latency counts: with the two processors of this machine on different
 * dies (a round trip between two threads of 320-390 ns instead of 70), those reads and the owner's writes over them
 * afterwards took about 0.03 s of a 0.39 s run at 64 000 neurons on 2 threads.
 */
final class LatencyTally {
    /** Latencies (ns) up to which messages are counted by value in {@link #pending}. */
    static final int PENDING = 1 << 16;
    private long[] pending;
    /** the latencies beyond {@link #PENDING}, made when the first comes (16 KB otherwise held by every tally). */
    private Histogram beyond;

    /**
     * @param maxLatency the longest contention-free latency of a message, ns: the counts are sized for it with room for
     *                   waits, and grow for longer ones
     */
    LatencyTally(int maxLatency) {
        this.pending = new long[(int) Math.min(PENDING, 4L * maxLatency + 4096)];
    }

    /**
     * Adds a step's messages by contention-free latency, each delayed by the step's wait.
     *
     * @param count messages by latency, ns
     * @param wait the step's mean wait, ns
     */
    void add(long[] count, long wait) {
        for (int lat = 0; lat < count.length; lat++) {
            if (count[lat] == 0) {
                continue;
            }
            long v = lat + wait;
            if (v >= PENDING) {
                if (beyond == null) {
                    beyond = new Histogram(Accounts.HISTOGRAM_DIGITS);
                }
                beyond.recordValueWithCount(v, count[lat]);
                continue;
            }
            if (v >= pending.length) {
                pending = Arrays.copyOf(pending, (int) Math.min(PENDING, Math.max(2L * pending.length, v + 1)));
            }
            pending[(int) v] += count[lat];
        }
    }

    /** Records what was added into h and empties this tally. */
    void drainInto(Histogram h) {
        for (int v = 0; v < pending.length; v++) {
            if (pending[v] != 0) {
                h.recordValueWithCount(v, pending[v]);
                pending[v] = 0;
            }
        }
        if (beyond != null && beyond.getTotalCount() > 0) {
            h.add(beyond);
            beyond.reset();
        }
    }
}
