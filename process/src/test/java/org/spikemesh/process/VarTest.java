package org.spikemesh.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.process.lib.Dense;

/**
 * A Var keeps every value it is given exactly, whichever way it holds them: whole numbers in 16 or 32 bits while they
 * fit, doubles otherwise, switching as values are set.
 */
class VarTest {

    private static Var weights(double... values) {
        return Dense.of("d", new double[][]{values}).var("weights");
    }

    @Test
    void shouldHoldSmallWholeNumbersInTwoBytesAndGiveThemBack() {
        double[] w = {81, -900, 0, 32767, -32768, 1};
        Var v = weights(w);
        assertEquals(2, v.bytesPerValue());
        assertArrayEquals(w, v.get());
        assertEquals(-900.0, v.get(1));
        assertEquals(6, v.size());
    }

    @Test
    void shouldHoldWholeNumbersBeyondSixteenBitsInFourBytes() {
        double[] w = {32768, -32769, Integer.MAX_VALUE, Integer.MIN_VALUE};
        Var v = weights(w);
        assertEquals(4, v.bytesPerValue());
        assertArrayEquals(w, v.get());
    }

    @Test
    void shouldKeepFractionsLargeNumbersNegativeZeroAndNanAsDoubles() {
        for (double odd : new double[]{0.5, 2147483648.0, -2147483649.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            Var v = weights(3, odd);
            assertEquals(8, v.bytesPerValue(), "with " + odd);
            // -0.0 and NaN compared by their bits: the Var gives back exactly what it was given
            assertEquals(Double.doubleToRawLongBits(odd), Double.doubleToRawLongBits(v.get(1)), "with " + odd);
            assertEquals(3.0, v.get(0));
        }
    }

    @Test
    void shouldChangeHowItHoldsValuesAsTheyAreSet() {
        Var v = weights(1, 2, 3);
        v.set(1.5, 2, 3);
        assertEquals(8, v.bytesPerValue());
        assertArrayEquals(new double[]{1.5, 2, 3}, v.get());
        v.set(7);
        assertEquals(0, v.bytesPerValue(), "one value for all is held once");
        assertArrayEquals(new double[]{7, 7, 7}, v.get());
        assertTrue(v.isUniform());
        v.set(7, 70000, 7);
        assertEquals(4, v.bytesPerValue());
        assertFalse(v.isUniform());
        assertArrayEquals(new double[]{7, 70000, 7}, v.get());
    }

    /** Random values of every kind, set one after the other: each read gives back the last values set. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldGiveBackExactlyWhatWasSet(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Var v = weights(new double[50]);
        for (int round = 0; round < 200; round++) {
            double[] w = new double[50];
            int kind = r.nextInt(4);
            for (int i = 0; i < w.length; i++) {
                w[i] = switch (kind) {
                    case 0 -> r.nextInt(-32768, 32768);
                    case 1 -> r.nextInt();
                    case 2 -> r.nextLong(-(1L << 40), 1L << 40);
                    default -> r.nextDouble() * 1000 - 500;
                };
            }
            v.set(w);
            assertArrayEquals(w, v.get());
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], v.get(i));
            }
        }
    }
}
