package org.spikemesh.cli;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures whether two threads, busy at the same time, run at the same speed: both do the same fixed piece of integer
 * work (no memory traffic, nothing shared) starting together, and the slower one's time is divided by the faster
 * one's. On a dedicated machine that is 1.0x give or take a few percent. On the shared virtual machine of
 * docs/performance.md (twentieth round) each processor alone runs the work in the same time, but in spells of minutes
 * one of the two runs it up to 1.7x slower whenever both are busy; a 2-thread engine's shards then work unevenly and
 * its speed-up falls. {@code bench cuba} reports it before each repetition, next to the round trip between threads.
 *
 * <p>{@link #measureCaches} does the same with work that waits on the caches instead: each thread follows a chain of
 * {@value #CHAIN_INTS} ints (4 MB: more than a processor's own cache, less than the 9 MB of tables of one shard of
 * CUBA at 64 000 neurons, which the engine reads at scattered places) in random order. The engine spends most of a
 * step in such reads, and the host of docs/performance.md (twenty-second round) gives its two processors caches that
 * serve such chains up to 2.3x slower on one than on the other for minutes at a time, while their integer work stays
 * within 1.07x: one thread's engine loop ran 0.51 s pinned to one processor and
 * 0.77-0.82 s pinned to the other, and a quarter of an hour later the other way round.
 */
final class ProcessorBalance {
    /** xorshift rounds per piece of work: about 2 ms on the machine of docs/performance.md. */
    static final long WORK = 1_000_000;
    /** pieces of work timed, each on both threads at once; the median of their ratios is reported. */
    static final int ROUNDS = 5;
    /** ints in each thread's chain for {@link #measureCaches}: 4 MB. */
    static final int CHAIN_INTS = 1 << 20;
    /** loads along the chain per piece of cache work: about 20-40 ms on the machine of docs/performance.md. */
    static final int CHAIN_LOADS = 1 << 20;
    /** gives up (and reports NaN) when the other thread has not started or finished within this long. */
    private static final long LIMIT_NANOS = 2_000_000_000L;

    private static volatile long sink;

    private ProcessorBalance() {
    }

    /**
     * @return the median over {@link #ROUNDS} of the slower thread's time over the faster one's for the same work done
     *         at once, or NaN when the other thread did not take part within the limit
     */
    static double measure() {
        return measure(WORK, ROUNDS);
    }

    /**
     * @param work xorshift rounds per piece of work
     * @param rounds pieces of work timed
     * @return the median of the rounds' ratios (see {@link #measure()}), or NaN
     */
    static double measure(long work, int rounds) {
        sink += xorshift(work / 4);
        return medianRatio(rounds, thread -> xorshift(work));
    }

    /**
     * @return the median over {@link #ROUNDS} of the slower thread's time over the faster one's for the same reads
     *         along a chain of {@link #CHAIN_INTS} ints, one chain per thread, done at once; or NaN (see the class
     *         comment)
     */
    static double measureCaches() {
        return measureCaches(CHAIN_INTS, CHAIN_LOADS, ROUNDS);
    }

    /**
     * @param ints ints in each thread's chain
     * @param loads loads along the chain per piece of work
     * @param rounds pieces of work timed
     * @return the median of the rounds' ratios (see {@link #measureCaches()}), or NaN
     */
    static double measureCaches(int ints, int loads, int rounds) {
        // one chain per thread, made here and let go after: a bench's heap figures are not to hold them
        int[][] chains = {chain(ints, 1), chain(ints, 2)};
        sink += follow(chains[0], loads / 4) + follow(chains[1], loads / 4);
        return medianRatio(rounds, thread -> follow(chains[thread], loads));
    }

    /** Work of one thread (0: the measuring one, 1: the other), giving a value that keeps it from being left out. */
    private interface Work {
        long run(int thread);
    }

    /** @return the median over the rounds of the slower thread's time over the faster one's, or NaN */
    private static double medianRatio(int rounds, Work work) {
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long[] nanos = timeBoth(work);
            if (nanos == null) {
                return Double.NaN;
            }
            ratios[r] = slowerOverFaster(nanos[0], nanos[1]);
        }
        Arrays.sort(ratios);
        return ratios[rounds / 2];
    }

    /**
     * @param n ints
     * @param seed the order's seed
     * @return a chain through n ints in random order, one cycle through all of them (Sattolo's shuffle): each int
     *         holds the place of the next
     */
    static int[] chain(int n, long seed) {
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        return next;
    }

    /** @return where n loads along the chain from its start end: each load waits for the one before */
    static long follow(int[] chain, int n) {
        int at = 0;
        for (int k = 0; k < n; k++) {
            at = chain[at];
        }
        return at;
    }

    /** @return the larger of two times over the smaller (1 when both are 0) */
    static double slowerOverFaster(long a, long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        return lo == 0 ? (hi == 0 ? 1 : Double.POSITIVE_INFINITY) : hi / (double) lo;
    }

    /** @return this thread's and a new thread's time for the same work, started together; null past the limit */
    private static long[] timeBoth(Work work) {
        AtomicInteger ready = new AtomicInteger();
        long[] nanos = new long[2];
        Thread other = new Thread(() -> {
            ready.incrementAndGet();
            long deadline = System.nanoTime() + LIMIT_NANOS;
            while (ready.get() < 2) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            sink += work.run(1);
            nanos[1] = System.nanoTime() - start;
        }, "spikemesh-processor-balance");
        other.setDaemon(true);
        other.start();
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (ready.get() < 1) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.onSpinWait();
        }
        ready.incrementAndGet();
        long start = System.nanoTime();
        sink += work.run(0);
        nanos[0] = System.nanoTime() - start;
        try {
            other.join(LIMIT_NANOS / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        // join's happens-before makes the other thread's time visible; 0 means it never finished
        return other.isAlive() || nanos[1] == 0 ? null : nanos;
    }

    /** Integer work that stays in registers: n rounds of a 64-bit xorshift, summed so that none is left out. */
    static long xorshift(long n) {
        long x = 88_172_645_463_325_252L;
        long s = 0;
        for (long i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            s += x & 1023;
        }
        return s;
    }
}
