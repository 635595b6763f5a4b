package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The per-step series make room for a run before its first step ({@link Accounts#reserve}), so that closing a step
 * between two others grows no array; the series are the same however the run is cut into calls.
 */
class AccountsSeriesTest {

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void shouldReserveTheRunsRowsBeforeItsFirstStepAndKeepTheSeries(int threads) {
        ProcessGraph g = Cuba.build(400, 7).graph();
        ChipProgram p = Compiler.compile(g, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        try (ChipEngine whole = new ChipEngine(g, p, RunConfig.defaults(), threads);
             ChipEngine chunks = new ChipEngine(g, p, RunConfig.defaults(), threads)) {
            assertEquals(1024, whole.accounts().seriesCapacity(), "the series start with 1 024 rows");
            // one call of 3 000 steps: room for 3 000 rows, more than double the 1 024
            whole.run(3000);
            assertEquals(3000, whole.accounts().seriesCapacity());
            // calls of 100 steps: the call that ends at step 1 100 doubles to 2 048, the one ending at 2 100 to 4 096
            for (int k = 0; k < 30; k++) {
                chunks.run(100);
                int end = 100 * (k + 1);
                assertEquals(end <= 1024 ? 1024 : end <= 2048 ? 2048 : 4096, chunks.accounts().seriesCapacity(),
                        "after the call ending at step " + end);
            }
            Accounts a = whole.accounts();
            Accounts b = chunks.accounts();
            assertEquals(3000, a.steps());
            assertEquals(3000, b.steps());
            for (int i = 0; i < 3000; i++) {
                assertEquals(a.stepNs(i), b.stepNs(i), 0.0, "step time of step " + (i + 1));
                assertEquals(a.stepPj(i), b.stepPj(i), 0.0, "energy of step " + (i + 1));
                assertEquals(a.criticalCore(i), b.criticalCore(i), "critical core of step " + (i + 1));
                assertEquals(a.stepSpikes(i), b.stepSpikes(i));
                assertEquals(a.stepSynops(i), b.stepSynops(i));
                assertEquals(a.stepBusiestLink(i), b.stepBusiestLink(i));
            }
        }
    }
}
