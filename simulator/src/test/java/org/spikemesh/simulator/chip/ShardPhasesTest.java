package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
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
 * The phase timer of the shards ({@link ShardDiagnostics#timePhases}): its phases follow one another, so that they add up to
 * the time of the steps; what one shard alone never does (count its own deliveries apart, wait for batches) takes no
 * time, and its steps are closed from the run loop; and timing changes no result.
 */
class ShardPhasesTest {

    @Test
    void shouldTakeTimeSetAsideOutOfThePhaseRunning() {
        ShardPhases p = new ShardPhases();
        long before = System.nanoTime();
        p.start();
        // a second closing steps, as if measured inside the wait: the wait is then shorter by that second
        p.aside(ShardPhases.CLOSE_STEPS, 1_000_000_000L);
        p.mark(ShardPhases.RECEIVE);
        long elapsed = System.nanoTime() - before;
        long[] ns = p.nanos();
        assertEquals(1_000_000_000L, ns[ShardPhases.CLOSE_STEPS]);
        long receive = ns[ShardPhases.RECEIVE];
        // the two add up to the time between start and mark, which is far less than the second set aside
        assertTrue(receive < 0 && receive + 1_000_000_000L >= 0 && receive + 1_000_000_000L <= elapsed,
                "receive " + receive + " ns, elapsed " + elapsed + " ns");
        for (int k = 0; k < ns.length; k++) {
            if (k != ShardPhases.CLOSE_STEPS && k != ShardPhases.RECEIVE) {
                assertEquals(0, ns[k], ShardPhases.NAMES.get(k));
            }
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldTimeEveryStepOfEveryShardWithinTheRun(int threads) {
        ProcessGraph g = Cuba.build(2000, 1).graph();
        ChipProgram p = Compiler.compile(g, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        int steps = 300;
        long[] plain;
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults().seed(1), threads)) {
            assertEquals(0, e.diagnostics().phaseNanos().length, "no phases unless asked");
            e.run(steps);
            plain = totals(e);
        }
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults().seed(1), threads)) {
            e.diagnostics().timePhases();
            long start = System.nanoTime();
            e.run(steps / 2);
            e.run(steps - steps / 2);
            long wall = System.nanoTime() - start;
            assertArrayEquals(plain, totals(e), "timing the phases changed the run");
            long[][] rows = e.diagnostics().phaseNanos();
            assertEquals(threads, rows.length);
            for (int k = 0; k < rows.length; k++) {
                long[] row = rows[k];
                assertEquals(k, row[0], "shard number");
                assertEquals(steps, row[1], "steps timed by shard " + k);
                long sum = Arrays.stream(row, 2, row.length).sum();
                // every phase is an interval of the shard's thread inside the two run calls
                assertTrue(sum > 0 && sum <= wall, "shard " + k + ": phases " + sum + " ns, run " + wall + " ns");
                assertTrue(row[2 + ShardPhases.KERNEL] > 0, "kernel of shard " + k);
                // every step empties its partial first: timed apart from the kernel
                assertTrue(row[2 + ShardPhases.BEGIN] > 0, "begin of shard " + k);
                for (int q = 0; q < ShardPhases.NAMES.size(); q++) {
                    assertTrue(row[2 + q] >= 0, ShardPhases.NAMES.get(q) + " of shard " + k + ": " + row[2 + q]);
                }
                if (threads == 1) {
                    // alone, a shard has no batch to wait for and counts its messages once, at the end of the step;
                    // the caller's thread closes every step from the run loop
                    assertEquals(0, row[2 + ShardPhases.COUNT_OWN]);
                    assertEquals(0, row[2 + ShardPhases.RECEIVE]);
                    assertTrue(row[2 + ShardPhases.CLOSE_STEPS] > 0, "closes from the run loop");
                } else {
                    assertTrue(row[2 + ShardPhases.RECEIVE] > 0, "receive of shard " + k);
                }
            }
        }
    }

    /** @return the run's spikes, synaptic events, messages, simulated time and energy */
    private static long[] totals(ChipEngine e) {
        Accounts a = e.accounts();
        return new long[]{a.spikes(), a.synops(), a.counts().get("messages"), Double.doubleToLongBits(a.timeNs()),
                Double.doubleToLongBits(a.energyByKind().get("total"))};
    }
}
