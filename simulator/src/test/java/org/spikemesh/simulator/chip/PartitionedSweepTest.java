package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.process.io.RandomNetworks;

/**
 * A run split over partitions equals the single-process run on random fixed-point networks (delays, negative
 * exponents, every sign mode, Poisson noise, recurrence), not only on CUBA ({@link PartitionedEngineTest}): 2 or 3
 * partitions of 1 or 2 threads each, picked from the seed; every spike, u and v, and the accounts.
 */
class PartitionedSweepTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(401, 424);
    }

    @ParameterizedTest(name = "network {0}")
    @MethodSource("seeds")
    void shouldEqualSingleProcess(long seed) throws Exception {
        int partitions = 2 + (int) (seed % 2);
        int threads = 1 + (int) (seed / 2 % 2);
        String single = PartitionedEngineTest.run(() -> RandomNetworks.fixedPoint(seed).graph(), 1, 1, 30, null);
        String split = PartitionedEngineTest.run(() -> RandomNetworks.fixedPoint(seed).graph(), partitions, threads,
                30, null);
        assertTrue(single.contains("spk"), "the network must spike to test anything");
        assertEquals(single, split, partitions + " partitions of " + threads + " thread(s)");
    }
}
