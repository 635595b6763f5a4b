package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How one shard waits for another shard's batch when every shard has a processor of its own: it spins, then yields,
 * then polls, checking the barrier's alert throughout and giving up after the stall limit; and what it measures of its
 * waits (their time, the long ones, the yields that found the awaited shard on its own processor). The rings' own wait
 * strategies spin and yield as this does and then sleep on a lock whose wake-up is elided when it looks uncontended,
 * and can be lost: the waiting shard then slept until the next batch came, or, at the end of a run, until the stall
 * limit. So this polls instead of sleeping, at intervals that double up to {@value #POLL_MAX_NANOS} ns (a long wait
 * means a busy machine, where frequent wake-ups take processor time from the shard being waited for); the ring's own
 * wait then returns at once. Used by the shard's thread only.
 */
final class BatchWait {
    /**
     * A wait for another shard's batch longer than this, ns, is a long wait. CUBA at 64 000 neurons takes 25-30 us a
     * step on 2 threads: a wait this long means the other shard was held up (on a shared host, most often its
     * processor taken away for a while), not merely slower this step. In networks whose steps take much longer (about
     * 275 us at 256 000 neurons) a shard a fifth slower than the other makes waits this long too.
     */
    static final long LONG_WAIT_NANOS = 50_000;
    /** A waiting shard spins until this many ns, yields until this many, then polls. */
    static final long SPIN_NANOS = 200_000;
    private static final long YIELD_NANOS = 2_200_000;
    private static final long POLL_MIN_NANOS = 50_000;
    private static final long POLL_MAX_NANOS = 1_000_000;
    /** a yield longer than this, ns, means another thread ran on this processor meanwhile. */
    static final long SHARED_YIELD_NANOS = 5_000;
    /** System property: {@code false} makes waits spin their {@value #SPIN_NANOS} ns always (default {@code true}). */
    static final String YIELD_WHEN_SHARING_PROPERTY = "spikemesh.engine.yield-when-sharing";

    private final boolean yieldWhenSharing =
            Boolean.parseBoolean(System.getProperty(YIELD_WHEN_SHARING_PROPERTY, "true"));
    /** how long a shard waits for a batch before it declares the sender stalled, ns. */
    private final long stallNanos = TimeUnit.MILLISECONDS.toNanos(ChipEngine.stallMillis());
    /**
     * Whether the last yield found the shard waited for running on this shard's own processor. The operating system
     * sometimes puts both threads of a 2-thread engine on one processor (after one of them slept, or was put aside for
     * a compiler thread) and takes up to tens of milliseconds to move one back: CUBA at 64 000 neurons, where a step
     * takes about 30 us, then took about 500 us a step, as each shard spun its {@value #SPIN_NANOS} ns on the
     * processor the other needed before it yielded (both threads' processor read from {@code /proc/thread-self/stat}
     * in such spells; 20-200 steps at a time, at the start of runs and after long waits; {@link ChipEngine#run} no
     * longer wakes an idle worker, which put it on the caller's processor, but the spells still come). So a yield that
     * lasted more than {@value #SHARED_YIELD_NANOS} ns, after which the awaited batch was there, makes the next waits
     * yield at once, until a yield returns sooner (nothing else wanted the processor) or without the batch.
     */
    private boolean sharing;
    /** the time waited, ns, long waits and short; the long waits and their time. */
    private long waitNanos;
    private long longWaits;
    private long longWaitNanos;
    /** yields timed, and those that found the processor shared with the awaited shard. */
    private long sharingChecks;
    private long sharedYields;

    /**
     * Waits until batch seq is published on the ring, or the stall limit passes.
     *
     * @param barrier the ring's barrier, whose alert ends the wait
     * @return true when the batch came, false when the sender stalled
     * @throws AlertException when the engine failed or is closing
     */
    boolean await(RingBuffer<Batch> ring, SequenceBarrier barrier, long seq) throws AlertException {
        long start = System.nanoTime();
        long poll = POLL_MIN_NANOS;
        // published, not only claimed: a ring with several producers moves its cursor when a slot is claimed
        while (!ring.isAvailable(seq)) {
            barrier.checkAlert();
            long waited = System.nanoTime() - start;
            if (waited > stallNanos) {
                return false;
            }
            if (waited < SPIN_NANOS && !sharing) {
                Thread.onSpinWait();
            } else if (waited < YIELD_NANOS) {
                sharing = yieldFor(ring, seq);
            } else {
                LockSupport.parkNanos(poll);
                poll = Math.min(2 * poll, POLL_MAX_NANOS);
            }
        }
        long took = System.nanoTime() - start;
        waitNanos += took;
        if (took > LONG_WAIT_NANOS) {
            longWaits++;
            longWaitNanos += took;
        }
        return true;
    }

    /**
     * Yields the processor once, while waiting for batch seq on ring.
     *
     * @return whether the batch came while another thread held this processor for more than
     *         {@value #SHARED_YIELD_NANOS} ns: most likely the shard that sent it, on this same processor (see
     *         {@link #sharing})
     */
    private boolean yieldFor(RingBuffer<Batch> ring, long seq) {
        if (!yieldWhenSharing) {
            Thread.yield();
            return false;
        }
        long before = System.nanoTime();
        Thread.yield();
        sharingChecks++;
        boolean shared = System.nanoTime() - before > SHARED_YIELD_NANOS && ring.isAvailable(seq);
        if (shared) {
            sharedYields++;
        }
        return shared;
    }

    /** @return the long waits, over the engine's life: {count, ns}; read between runs */
    long[] longWaits() {
        return new long[]{longWaits, longWaitNanos};
    }

    /** @return the time waited over the engine's life, ns; read between runs */
    long waitNanos() {
        return waitNanos;
    }

    /** @return the yields that found the processor shared with the awaited shard, and all timed yields */
    long[] sharedYields() {
        return new long[]{sharedYields, sharingChecks};
    }
}
