package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JitQuietTest {
    /** A JIT whose compilation time grows at each of its first {@code busyReads} reads, then stays still. */
    private static final class FakeJit implements CompilationMXBean {
        private final int busyReads;
        private final boolean monitored;
        int reads;
        long stillFrom = -1;

        FakeJit(int busyReads, boolean monitored) {
            this.busyReads = busyReads;
            this.monitored = monitored;
        }

        @Override
        public String getName() {
            return "fake";
        }

        @Override
        public boolean isCompilationTimeMonitoringSupported() {
            return monitored;
        }

        @Override
        public long getTotalCompilationTime() {
            reads++;
            if (reads == busyReads + 1) {
                stillFrom = System.nanoTime();
            }
            return Math.min(reads, busyReads + 1);
        }

        @Override
        public ObjectName getObjectName() {
            return null;
        }
    }

    @Test
    void waitsUntilTheCompilationTimeStayedStillForTheQuietTime() {
        FakeJit jit = new FakeJit(5, true);
        long start = System.nanoTime();
        long waited = JitQuiet.await(jit, 60, 60_000);
        long end = System.nanoTime();
        // the time last grew at the sixth read (the first is the wait's starting value): it returns 60 ms after that at
        // the earliest, and only then
        assertTrue(jit.reads >= 7, "reads " + jit.reads);
        assertTrue(end - jit.stillFrom >= 60_000_000L, "returned " + (end - jit.stillFrom) + " ns after the last growth");
        assertTrue(waited >= 60_000_000L && waited <= end - start, "waited " + waited + " ns");
    }

    @Test
    void givesUpAfterTheLongestWaitWhenTheJitNeverRests() {
        FakeJit jit = new FakeJit(Integer.MAX_VALUE - 1, true);
        long waited = JitQuiet.await(jit, 1_000, 100);
        assertTrue(waited >= 100_000_000L, "gave up after " + waited + " ns");
    }

    @Test
    void doesNotWaitWithoutCompilationTime() {
        assertEquals(0, JitQuiet.await(null, 60, 1_000));
        FakeJit jit = new FakeJit(5, false);
        assertEquals(0, JitQuiet.await(jit, 60, 1_000));
        assertEquals(0, jit.reads);
    }

    @Test
    void theRunningJvmReportsItsCompilationTime() {
        // what the benchmark relies on: HotSpot reports the JIT's time, so the wait is real here
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        assertTrue(jit != null && jit.isCompilationTimeMonitoringSupported());
    }
}
