package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepetitionFiguresTest {

    @Test
    void shouldTakeTheMiddleOfTheSortedValues() {
        // 0.3, 0.5, 0.9 in any order: 0.5; of four, the upper of the middle two (0.5 of 0.3, 0.4, 0.5, 0.9)
        assertEquals(0.5, RepetitionFigures.median(new double[] {0.9, 0.3, 0.5}), 0.0);
        assertEquals(0.5, RepetitionFigures.median(new double[] {0.9, 0.4, 0.3, 0.5}), 0.0);
        assertEquals(7.0, RepetitionFigures.median(new double[] {7.0}), 0.0);
    }

    @Test
    void shouldLeaveOutMeasurementsThatGaveUp() {
        // 1.1, NaN, 1.3: of the two kept, the upper, 1.3; 1.1 beside two that gave up: 1.1 (sorted with the NaNs,
        // which sort last, the middle would have been a NaN)
        assertEquals(1.3, RepetitionFigures.median(new double[] {1.1, Double.NaN, 1.3}), 0.0);
        assertEquals(1.1, RepetitionFigures.median(new double[] {Double.NaN, 1.1, Double.NaN}), 0.0);
        assertTrue(Double.isNaN(RepetitionFigures.median(new double[] {Double.NaN, Double.NaN})));
    }
}
