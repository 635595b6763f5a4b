package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessorBalanceTest {

    @Test
    void shouldDivideTheSlowerTimeByTheFasterWhicheverThreadWasSlower() {
        // 3 ms against 2 ms is 1.5x, whether the measuring thread or the other one took 3
        assertEquals(1.5, ProcessorBalance.slowerOverFaster(3_000_000, 2_000_000), 0.0);
        assertEquals(1.5, ProcessorBalance.slowerOverFaster(2_000_000, 3_000_000), 0.0);
        // equal times: balanced
        assertEquals(1.0, ProcessorBalance.slowerOverFaster(1_234, 1_234), 0.0);
        // a clock that did not move for either (no work timed) is balanced, for one only it is not
        assertEquals(1.0, ProcessorBalance.slowerOverFaster(0, 0), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, ProcessorBalance.slowerOverFaster(0, 5), 0.0);
    }

    @Test
    void shouldTimeTheWorkOnTwoThreadsAndGiveTheMedianRatio() {
        // a small piece of work, three times: both threads take part (no NaN), and a ratio of times is at least 1
        double r = ProcessorBalance.measure(20_000, 3);
        assertFalse(Double.isNaN(r), "the other thread did not take part");
        assertTrue(r >= 1.0 && !Double.isInfinite(r), "ratio " + r);
    }

    @Test
    void shouldLeaveNoThreadBehind() throws InterruptedException {
        ProcessorBalance.measure(20_000, 3);
        // each round's thread is joined before the next starts: none of them is still alive afterwards
        boolean alive = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("spikemesh-processor-balance") && t.isAlive());
        assertFalse(alive, "a processor-balance thread is still running");
    }

    @Test
    void shouldChainEveryIntInOneCycle() {
        // Sattolo's shuffle: from 0, n loads visit each of the n places once and come back to 0
        for (int n : new int[] {2, 3, 17, 1000}) {
            int[] chain = ProcessorBalance.chain(n, 7);
            boolean[] seen = new boolean[n];
            int at = 0;
            for (int k = 0; k < n; k++) {
                assertFalse(seen[at], "place " + at + " visited twice in a chain of " + n);
                seen[at] = true;
                at = chain[at];
            }
            assertEquals(0, at, "a chain of " + n + " is not one cycle");
            assertEquals(at, ProcessorBalance.follow(chain, n));
        }
        // the order depends on the seed
        assertFalse(java.util.Arrays.equals(ProcessorBalance.chain(1000, 1), ProcessorBalance.chain(1000, 2)));
    }

    @Test
    void shouldTimeReadsFromTheCachesOnTwoThreads() {
        double r = ProcessorBalance.measureCaches(1 << 12, 1 << 14, 3);
        assertFalse(Double.isNaN(r), "the other thread did not take part");
        assertTrue(r >= 1.0 && !Double.isInfinite(r), "ratio " + r);
    }
}
