package org.spikemesh.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values give back exactly what they were given (compared by bits, so -0.0 and NaN count), held once when all are the
 * same, else in 2, 4 or 8 bytes each by what the values need.
 */
class ValuesTest {

    private static void assertSameBits(double[] expected, Values v) {
        assertEquals(expected.length, v.size());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(v.get(k)), "index " + k);
        }
        double[] back = v.toArray();
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(back[k]), "index " + k);
        }
    }

    @Test
    void shouldHoldOneValueOnceWhenAllAreTheSame() {
        double[] w = {81, 81, 81, 81};
        Values v = Values.of(w);
        assertEquals(0, v.bytesPerValue());
        assertTrue(v.isUniform());
        assertSameBits(w, v);
        Values u = Values.uniform(1_000_000_000, -225);
        assertEquals(1_000_000_000, u.size());
        assertEquals(-225.0, u.get(999_999_999));
        assertThrows(IndexOutOfBoundsException.class, () -> u.get(1_000_000_000));
        assertThrows(IndexOutOfBoundsException.class, () -> u.get(-1));
    }

    @Test
    void shouldTellMinusZeroFromZeroAndKeepNan() {
        // 0.0 == -0.0 as doubles, but they are different values: not one value for all, and each comes back as given
        double[] zeros = {0.0, -0.0, 0.0};
        Values z = Values.of(zeros);
        assertFalse(z.isUniform());
        assertEquals(8, z.bytesPerValue());
        assertSameBits(zeros, z);
        double[] nans = {Double.NaN, Double.NaN};
        Values n = Values.of(nans);
        assertEquals(0, n.bytesPerValue(), "NaN has the same bits each time: held once");
        assertSameBits(nans, n);
        assertSameBits(new double[]{-0.0, -0.0, -0.0}, Values.uniform(3, -0.0));
    }

    @Test
    void shouldKeepItsOwnCopyOfDoubles() {
        double[] w = {0.5, 1.5};
        Values v = Values.of(w);
        w[0] = 9;
        assertEquals(0.5, v.get(0));
        v.toArray()[1] = 7;
        assertEquals(1.5, v.get(1));
    }

    @Test
    void shouldGiveExtremesWorkedByHand() {
        Values v = Values.of(3, -900, 81, 0);
        assertEquals(900.0, v.maxAbs());
        assertEquals(-900.0, v.min());
        assertEquals(81.0, v.max());
        Values none = Values.of();
        assertEquals(0, none.size());
        assertEquals(0.0, none.maxAbs());
        assertEquals(Double.POSITIVE_INFINITY, none.min());
        assertEquals(Double.NEGATIVE_INFINITY, none.max());
        assertEquals(81.0, Values.uniform(5, -81).maxAbs());
    }

    /** Random lists of each kind: every value back by its bits, and the bytes each kind needs. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void shouldHoldRandomValuesInTheBytesTheyNeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int round = 0; round < 100; round++) {
            int kind = r.nextInt(4);
            double[] w = new double[2 + r.nextInt(60)];
            for (int i = 0; i < w.length; i++) {
                w[i] = switch (kind) {
                    case 0 -> r.nextInt(-32768, 32768);
                    case 1 -> r.nextBoolean() ? r.nextInt(32768, Integer.MAX_VALUE)
                            : r.nextInt(Integer.MIN_VALUE, -32768);
                    case 2 -> r.nextLong(1L << 32, 1L << 40);
                    default -> r.nextInt(1000) + 0.25;
                };
            }
            Values v = Values.of(w.length, k -> w[k]);
            assertSameBits(w, v);
            int expected = kind == 0 ? 2 : kind == 1 ? 4 : 8;
            assertEquals(expected, v.bytesPerValue(), "kind " + kind);
        }
    }
}
