package org.spikemesh.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, before a timed run of a benchmark, until the JIT compilers have been idle for a while. Each repetition builds a
 * fresh engine, and the compilers go on compiling the build's methods in the background after it: on this 2-processor
 * machine a compiler thread then takes a processor from one of two shards during the timed loop, and every shard waits
 * for that one (64 000 neurons, 2 threads: 433 waits over 50 us, 0.21 s of a 0.55 s loop, in the first repetition
 * after the warm-up, with C2 compiling the inbound tables' builder meanwhile). A 1-thread loop leaves the other processor
 * to the compilers, so these compilations bias a speed-up over 1 thread down.
 *
 * <p>The JIT's accumulated compilation time only grows when a compilation ends, so "idle" means that it did not grow
 * for {@value #QUIET_MILLIS} ms: longer than any compilation of the engine's methods took here (the longest in the JIT's
 * log, {@code -XX:+LogCompilation}, C2 on {@code Shard.step}: 0.12 s), so a compilation still running when the wait
 * ends is unlikely, not impossible. The wait gives up after {@value #MOST_MILLIS} ms.
 */
final class JitQuiet {
    /** how long the compilation time must stay still, ms. */
    static final long QUIET_MILLIS = 250;
    /** the longest wait, ms. */
    static final long MOST_MILLIS = 5_000;
    private static final long POLL_MILLIS = 10;

    private JitQuiet() {
    }

    /**
     * Waits until the JIT has compiled nothing for {@value #QUIET_MILLIS} ms, or {@value #MOST_MILLIS} ms have passed.
     *
     * @return the time waited, ns (0 when the JVM does not report its compilation time)
     */
    static long await() {
        return await(ManagementFactory.getCompilationMXBean(), QUIET_MILLIS, MOST_MILLIS);
    }

    /**
     * @param jit the JIT's bean, or null
     * @param quietMillis how long its compilation time must stay still
     * @param mostMillis the longest wait
     * @return the time waited, ns (0 without a bean that reports compilation time)
     */
    static long await(CompilationMXBean jit, long quietMillis, long mostMillis) {
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long quietNs = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        long mostNs = TimeUnit.MILLISECONDS.toNanos(mostMillis);
        long seen = jit.getTotalCompilationTime();
        long stillSince = start;
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            long now = System.nanoTime();
            long total = jit.getTotalCompilationTime();
            if (total != seen) {
                seen = total;
                stillSince = now;
            } else if (now - stillSince >= quietNs) {
                return now - start;
            }
            if (now - start >= mostNs) {
                return now - start;
            }
        }
    }
}
