package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The link difference arrays hold two counts per long ({@link StepPartial#pair}): adding pairs must add each half
 * apart, whatever their signs, as the counting pass, the sum over shards and the wire between partitions do.
 */
class StepPartialTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldAddEachHalfOfPairedCountsApart(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 1000; trial++) {
            long sum = 0;
            long low = 0;
            long high = 0;
            // a step's updates of one slot: +-1 on either half (messages), or a spike's summed starts
            for (int k = random.nextInt(1, 200); k > 0; k--) {
                long a = random.nextInt(3) == 0 ? random.nextInt(-5000, 5001) : random.nextInt(-1, 2);
                long b = random.nextInt(3) == 0 ? random.nextInt(-5000, 5001) : random.nextInt(-1, 2);
                sum += StepPartial.pair(a, b);
                low += a;
                high += b;
            }
            assertEquals(low, StepPartial.low(sum), "low half after trial " + trial);
            assertEquals(high, StepPartial.high(sum), "high half after trial " + trial);
        }
    }

    @ParameterizedTest(name = "low {0}")
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE})
    void shouldReadBackTheEdgesOfTheLowHalf(int low) {
        for (long high : new long[]{Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}) {
            long p = StepPartial.pair(low, high);
            assertEquals(low, StepPartial.low(p));
            assertEquals(high, StepPartial.high(p));
        }
    }
}
