package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.RandomNetworks;
import org.spikemesh.simulator.chip.ChipEngineEquivalenceTest.Case;

/**
 * The equivalence of {@link ChipEngineEquivalenceTest} over many more random fixed-point networks (200, about 10 s):
 * each on a chip whose cores hold 2 to 7 neurons, with unicast routers (loihi-like), multicast routers
 * (spinnaker-like) or the detailed time model (loihi-calibrated), picked from the seed, so that the networks spread over shards differently; the chip engine on 1, 2, 3
 * and 4 threads equals the reference backend's spikes and u and v at every step, and its accounts (every core, link,
 * step time and energy) are the same on every thread count.
 */
class ChipEngineSweepTest {
    /** unicast routers and the per-step time model, multicast routers, and SANA-FE's detailed time model. */
    private static final String[] PRESETS = {"loihi-like", "spinnaker-like", "loihi-calibrated"};

    static Stream<Arguments> networks() {
        List<Arguments> args = new ArrayList<>();
        for (long seed = 11; seed <= 210; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 7919);
            int coreNeurons = 2 + r.nextInt(6);
            String preset = PRESETS[r.nextInt(PRESETS.length)];
            ChipConfig chip = ChipConfigs.preset(preset).withCoreNeurons(coreNeurons);
            long s = seed;
            args.add(Arguments.of(new Case("random-" + s + " on " + preset + " cores of " + coreNeurons,
                    () -> RandomNetworks.fixedPoint(s).graph(), chip, 30)));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void shouldEqualTheReferenceAndCountTheSameOnEveryThreadCount(Case c) {
        String reference = ChipEngineEquivalenceTest.trace(c.graph().get(), null, 1, c.steps());
        assertTrue(reference.contains("spk"), c + ": the network must spike at least once to test anything");
        String accounts = null;
        for (int threads = 1; threads <= 4; threads++) {
            // each run on a network built afresh (processes hold state), and a program compiled from it
            ProcessGraph g = c.graph().get();
            assertEquals(reference, ChipEngineEquivalenceTest.trace(g, ChipEngineEquivalenceTest.program(g, c),
                    threads, c.steps()), c + ": spikes, u and v on " + threads + " threads");
            ProcessGraph h = c.graph().get();
            String a = ChipEngineEquivalenceTest.accounts(h, ChipEngineEquivalenceTest.program(h, c), threads,
                    c.steps(), false, 4);
            if (accounts == null) {
                accounts = a;
            } else {
                assertEquals(accounts, a, c + ": accounts on " + threads + " threads against 1");
            }
        }
    }
}
