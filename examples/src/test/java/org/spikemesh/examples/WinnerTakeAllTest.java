package org.spikemesh.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The strongest input wins, and the chip engine agrees with the reference backend spike for spike. */
class WinnerTakeAllTest {
    @Test
    void shouldLetTheStrongestInputWinOnBothBackends() {
        int[] ref = WinnerTakeAll.counts(1000, false);
        int[] chip = WinnerTakeAll.counts(1000, true);
        assertArrayEquals(ref, chip);
        int winner = 3;
        for (int i = 0; i < ref.length; i++) {
            if (i != winner) {
                assertTrue(ref[winner] > 2 * ref[i], "neuron " + i + " fired " + ref[i] + " vs the winner's " + ref[winner]);
            }
        }
    }
}
