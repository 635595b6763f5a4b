package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;

/**
 * Once warm, a run allocates nothing per spike, per message or per step, on any thread of the engine. Over 5 000 steps
 * of CUBA (about 10 000 spikes and 900 000 synaptic events) in 10 calls of {@code run}, the caller's thread and the
 * shards' threads allocate nothing at all in the median call (measured: 0 bytes in 7 to 10 of the 10 calls, a few
 * hundred in some others), and a few kilobytes in all: an output histogram growing to a longer step time than any
 * before (HdrHistogram resizes its counts), which happens a few times a run, not per step.
 * One object of 16 bytes per step would be 80 000 bytes, one per spike about 160 000. The per-step series is kept in
 * one row here ({@code seriesEvery}): its rows are the run's output and grow with the steps by design.
 */
class ChipEngineAllocationTest {

    /** the run calls measured, of {@value #STEPS_PER_CALL} steps each. */
    private static final int CALLS = 10;
    private static final int STEPS_PER_CALL = 500;
    /** what the median call may allocate: nothing, or a stray object of the JVM's. */
    private static final long MEDIAN_BYTES = 256;
    /** what the measured calls may allocate in all: a few resizes of the output histograms. */
    private static final long MOST_BYTES = 40_000;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldAllocateNothingPerSpikeOrStepOnceWarm(int threads) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "the JVM measures the bytes each thread allocates");
        ProcessGraph g = Cuba.build(4000, 1).graph();
        ChipProgram p = Compiler.compile(g, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults().seed(1), threads)) {
            e.accounts().seriesEvery(1 << 20);
            // this engine's threads: the caller's and the shard workers it started
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t == Thread.currentThread() || !before.contains(t) && t.getName()
                            .startsWith("spikemesh-shard-")).mapToLong(Thread::getId).toArray();
            assertEquals(threads, ids.length, "the engine's threads");
            e.run(6000);
            long spikes0 = e.accounts().spikes();
            long synops0 = e.accounts().synops();
            long[] perCall = new long[CALLS];
            for (int k = 0; k < CALLS; k++) {
                long start = allocated(mx, ids);
                e.run(STEPS_PER_CALL);
                perCall[k] = allocated(mx, ids) - start;
            }
            long spikes = e.accounts().spikes() - spikes0;
            long synops = e.accounts().synops() - synops0;
            assertTrue(spikes > 5_000 && synops > 300_000, "the measured steps are busy: " + spikes + " spikes, "
                    + synops + " synaptic events");
            String what = Arrays.toString(perCall) + " bytes allocated by the calls of " + STEPS_PER_CALL + " steps ("
                    + spikes + " spikes, " + synops + " synaptic events in all) on " + threads + " threads";
            long[] sorted = perCall.clone();
            Arrays.sort(sorted);
            // one object a step would be 8 000 bytes in every call
            assertTrue(sorted[CALLS / 2] <= MEDIAN_BYTES, what);
            assertTrue(Arrays.stream(perCall).sum() <= MOST_BYTES, what);
        }
    }

    /** @return the bytes the threads allocated so far (read one by one: reading them all at once allocates) */
    private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += mx.getThreadAllocatedBytes(id);
        }
        return sum;
    }
}
