package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.RandomNetworks;

/**
 * The equivalence of {@link ChipEngineEquivalenceTest} over many more random fixed-point networks (every process type
 * of the library, delays, recurrence, Poisson inputs), each on cores of 1 to 4 neurons of loihi-like, on one chip or
 * spread over several, with 2 or 4 threads: spikes and every u and v at every step equal the reference backend's, and
 * every account (time and energy under either time model, counts, link loads, windows) equals the one-thread run's.
 * 300 networks by default (about 5 s); the system property {@code spikemesh.fuzz.networks} sets how many (1 000 took
 * 17 s for both checks).
 */
class ChipEngineFuzzTest {

    private static final ChipConfig LOIHI = ChipConfigs.preset("loihi-like");
    /**
     * loihi-like as 16 chips of 2 x 1 tiles of 2 cores: with cores of a few neurons, the random networks' messages
     * cross chips.
     */
    private static final ChipConfig SMALL_CHIPS = ChipConfigs.withChips(ChipConfigs.parse(ChipConfigs
            .presetText("loihi-like").replace("tiles_x: 8", "tiles_x: 2").replace("tiles_y: 4", "tiles_y: 1")
            .replace("cores_per_tile: 4", "cores_per_tile: 2").replace("cores_per_chip: 128", "cores_per_chip: 4"),
            "loihi-like in chips of 4 cores"), 16);

    /** A random network's chip (cores of 1 to 4 neurons, one chip or 16 small ones), threads (2 or 4) and steps. */
    private record Setting(ChipConfig chip, int neurons, int threads, int steps) {
        static Setting of(SplittableRandom r) {
            int neurons = 1 + r.nextInt(4);
            ChipConfig chip = ChipEngineEquivalenceTest.tinyCores(r.nextBoolean() ? LOIHI : SMALL_CHIPS, neurons);
            return new Setting(chip, neurons, r.nextBoolean() ? 2 : 4, 20 + r.nextInt(40));
        }

        @Override
        public String toString() {
            return "on " + chip.mesh().chips() + " chip(s) with cores of " + neurons + ", " + threads + " threads, "
                    + steps + " steps";
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1001, 1000 + Long.getLong("spikemesh.fuzz.networks", 300));
    }

    @ParameterizedTest(name = "network {0}")
    @MethodSource("seeds")
    void shouldEqualTheReferenceBitForBitOnRandomNetworksCoresAndThreads(long seed) {
        Setting s = Setting.of(new SplittableRandom(seed * 31));
        ProcessGraph g = RandomNetworks.fixedPoint(seed).graph();
        String reference = ChipEngineEquivalenceTest.trace(g, null, 1, s.steps());
        ProcessGraph h = RandomNetworks.fixedPoint(seed).graph();
        ChipProgram program = Compiler.compile(h, s.chip(), CompileOptions.defaults()).program();
        assertEquals(reference, ChipEngineEquivalenceTest.trace(h, program, s.threads(), s.steps()),
                "network " + seed + " " + s);
    }

    /**
     * The same networks' accounts (every count, link load, time, energy, critical core and link per step, latencies,
     * per-core windows) under either time model are the same on 2 or 4 threads as on 1.
     */
    @ParameterizedTest(name = "network {0}")
    @MethodSource("seeds")
    void shouldKeepEveryAccountOfOneThreadOnMore(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 37);
        Setting s = Setting.of(r);
        ChipConfig chip = r.nextBoolean() ? s.chip().withTimeModel(org.spikemesh.chip.TimeModel.DETAILED) : s.chip();
        int window = 1 + r.nextInt(7);
        ProcessGraph g = RandomNetworks.fixedPoint(seed).graph();
        ChipProgram program = Compiler.compile(g, chip, CompileOptions.defaults()).program();
        String one = ChipEngineEquivalenceTest.accounts(g, program, 1, s.steps(), false, window);
        assertEquals(one, ChipEngineEquivalenceTest.accounts(RandomNetworks.fixedPoint(seed).graph(), program,
                s.threads(), s.steps(), false, window), "network " + seed + " " + s + ", " + chip.timeModel()
                + ", windows of " + window);
    }
}
