package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The step's critical core is the slowest, the lowest global core among equals (docs/time-model.md). Times are sums of
 * counts times decimal costs: on a chip of 4 chips with 0.x ns costs (benchmarks/timemodel, tiny-multi, seed 0, step
 * 11) cores 3 and 4 both take 13.3 ns, summed as 13.299999999999997 and 13.299999999999999, and the engine named core 4.
 */
class CriticalCoreTieTest {
    @Test
    void shouldTieTimesThatDifferInTheirLastBits() {
        double core3 = 13.299999999999997;
        double core4 = 13.299999999999999;
        assertTrue(core3 != core4, "the two sums are different doubles");
        // in core order, as a shard visits them: core 4 does not replace core 3
        assertFalse(CoreTimes.slower(core4, 4, core3, 3));
        // in the other order (another shard's slowest, combined by the closer): core 3 replaces core 4
        assertTrue(CoreTimes.slower(core3, 3, core4, 4));
        // the same happens with sums of tenths: 3 x 0.1 against 0.3
        assertFalse(CoreTimes.slower(0.1 + 0.1 + 0.1, 7, 0.3, 2));
        assertTrue(CoreTimes.slower(0.3, 2, 0.1 + 0.1 + 0.1, 7));
    }

    @Test
    void shouldStillTellApartTimesOneFemtosecondApart() {
        assertTrue(CoreTimes.slower(13.300001, 9, 13.3, 1), "1e-6 ns slower is slower");
        assertFalse(CoreTimes.slower(13.3, 1, 13.300001, 9));
        assertTrue(CoreTimes.slower(0, 5, -1, Integer.MAX_VALUE), "the first core of a step is its slowest so far");
    }
}
