package org.spikemesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * The synfire ring by hand: the kick fires at step 1 and Dense delivers one step later, so group 0 fires at step 2;
 * each group's 16 spikes x weight 10 (x 64 = 10 240 in v) cross the threshold 100 (x 64 = 6 400) in the step they
 * arrive, so group k fires at step 2 + k, and the ring of 8 repeats every 8 steps. All 16 neurons of a group fire
 * together.
 */
class SynfireChainTest {
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldSendTheVolleyRoundTheRingOneGroupPerStep(int threads) {
        ProcessGraph g = ProcessGraph.of(SynfireChain.build(), "ring");
        Monitor m = new Monitor();
        var program = Compiler.compile(g, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        try (Simulation sim = new Simulation(new ChipEngine(g, program, RunConfig.defaults().listener(m), threads))) {
            sim.run(30);
        }
        for (Process p : g.processes()) {
            if (p instanceof LIF) {
                int k = Integer.parseInt(p.name().substring("group".length()));
                List<Integer> expected = new ArrayList<>();
                for (int step = 2 + k; step <= 30; step += SynfireChain.GROUPS) {
                    for (int i = 0; i < SynfireChain.SIZE; i++) {
                        expected.add(step * 100 + i);
                    }
                }
                List<Integer> got = new ArrayList<>();
                m.spikes(p).forEach(s -> got.add(s[0] * 100 + s[1]));
                assertEquals(expected, got, p.name());
            }
        }
    }
}
