package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.nets.Cuba;

/** The default thread count: one per million synapses, between one and the cores available. */
class SuggestedThreadsTest {
    private static ChipProgram cuba(int n) {
        return Compiler.compile(Cuba.build(n, 1).graph(), ChipConfigs.preset("loihi-like"),
                CompileOptions.defaults().withChips(Compiler.AUTO_CHIPS)).program();
    }

    @Test
    void aSmallNetworkRunsOnOneThread() {
        ChipProgram p = cuba(4000); // 4 000 x 80 = 320 000 synapses
        assertEquals(320_000, p.synapses());
        assertEquals(1, ChipEngine.suggestedThreads(p, 2));
        assertEquals(1, ChipEngine.suggestedThreads(p, 64));
    }

    @Test
    void aLargerOneGetsAThreadPerMillionSynapsesUpToTheCores() {
        ChipProgram p = cuba(25_000); // 25 000 x 80 = 2 000 000 synapses: 2 threads' worth
        assertEquals(2_000_000, p.synapses());
        assertEquals(1, ChipEngine.suggestedThreads(p, 1));
        assertEquals(2, ChipEngine.suggestedThreads(p, 2));
        assertEquals(2, ChipEngine.suggestedThreads(p, 8));
    }
}
