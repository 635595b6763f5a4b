package org.spikemesh.cli;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long a value takes to go from one thread to another and back, as the engine's shards exchange their
 * batches each step. On a shared virtual machine this tells where its processors sit: here 60-100 ns when the two share
 * a cache, 320-400 ns when they do not, and two threads then run CUBA at 64 000 neurons about 12 % slower (see
 * docs/performance.md). {@code bench cuba} reports it next to each timed run so that a speed-up can be read with it.
 */
final class ThreadRoundTrip {
    private static final int WARM_UP = 20_000;
    /** gives up (and reports NaN) when the other thread has not answered within this long: a busy machine. */
    private static final long LIMIT_NANOS = 2_000_000_000L;

    private ThreadRoundTrip() {
    }

    /**
     * @param trips round trips timed, after a warm-up
     * @return the mean round trip in ns, or NaN when the other thread stopped answering within the limit
     */
    static double measureNs(int trips) {
        AtomicLong ping = new AtomicLong();
        AtomicLong pong = new AtomicLong();
        long total = WARM_UP + (long) trips;
        Thread echo = new Thread(() -> {
            long deadline = System.nanoTime() + LIMIT_NANOS;
            for (long i = 1; i <= total; i++) {
                while (ping.get() != i) {
                    if (System.nanoTime() > deadline) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                pong.set(i);
            }
        }, "spikemesh-round-trip");
        echo.setDaemon(true);
        echo.start();
        long start = 0;
        long deadline = System.nanoTime() + LIMIT_NANOS;
        for (long i = 1; i <= total; i++) {
            if (i == WARM_UP + 1) {
                start = System.nanoTime();
            }
            ping.set(i);
            while (pong.get() != i) {
                if (System.nanoTime() > deadline) {
                    return Double.NaN;
                }
                Thread.onSpinWait();
            }
        }
        double ns = (System.nanoTime() - start) / (double) trips;
        try {
            echo.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ns;
    }
}
