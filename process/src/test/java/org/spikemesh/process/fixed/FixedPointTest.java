package org.spikemesh.process.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loihi fixed-point rules, each expected value derived by hand from ARCHITECTURE.md "Semantics". */
class FixedPointTest {

    @ParameterizedTest(name = "{1} {2} bits: {0} -> {3}")
    @CsvSource({
        // mixed: clip to [-256,255], s = 9 - bits, floor shift
        "41, MIXED, 8, 40",      // s=1: 41>>1=20, <<1=40
        "-13, MIXED, 8, -14",    // s=1: -13>>1=-7 (floor), <<1=-14
        "41, MIXED, 7, 40",      // s=2: 41>>2=10, <<2=40
        "-13, MIXED, 7, -16",    // s=2: -13>>2=-4, <<2=-16
        "43, MIXED, 6, 40",      // s=3: 43>>3=5, <<3=40
        "300, MIXED, 6, 248",    // clip 255, s=3: 31<<3=248
        "-300, MIXED, 6, -256",  // clip -256, s=3: -32<<3=-256
        // excitatory: clip to [0,255], s = 8 - bits
        "41, EXCITATORY, 8, 41",
        "-5, EXCITATORY, 8, 0",
        "300, EXCITATORY, 8, 255",
        "255, EXCITATORY, 7, 254", // s=1
        "41, EXCITATORY, 6, 40",   // s=2: 10<<2
        "255, EXCITATORY, 6, 252",
        // inhibitory: clip to [-255,0], magnitude truncated
        "-41, INHIBITORY, 8, -41",
        "5, INHIBITORY, 8, 0",
        "-300, INHIBITORY, 8, -255",
        "-41, INHIBITORY, 7, -40",  // 41>>1<<1 = 40
        "-43, INHIBITORY, 6, -40",  // 43>>2<<2 = 40
        "-255, INHIBITORY, 6, -252",
        "-3, INHIBITORY, 8, -3"
    })
    void shouldClipAndTruncateWeightsBySignMode(long w, SignMode mode, int bits, int expected) {
        assertEquals(expected, FixedPoint.prepareWeight(w, mode, bits));
    }

    @ParameterizedTest(name = "{0} with weight_exp {1} -> {2}")
    @CsvSource({
        "7, -1, 3",     // 7 >> 1
        "-3, -1, -2",   // arithmetic shift floors: -1.5 -> -2
        "-3, -2, -1",   // -0.75 -> -1
        "14, -1, 7",
        "5, 2, 20",
        "-5, 3, -40",
        "100, 0, 100"
    })
    void shouldApplyWeightExponentWithFloor(int acc, int exp, int expected) {
        assertEquals(expected, FixedPoint.applyWeightExp(acc, exp));
    }

    @ParameterizedTest(name = "decay({0}, {1}) = {2}")
    @CsvSource({
        "-101, 2048, -50",   // -101*2048/4096 = -50.5 -> toward zero -50 (floor would be -51)
        "101, 2048, 50",
        "-1, 4095, 0",       // -0.99976 -> 0
        "8388607, 4096, 8388607",
        "-8388607, 1, -2047", // -2047.99 -> -2047
        "12345, 0, 0"
    })
    void shouldDecayRoundingTowardZero(int x, int factor, int expected) {
        assertEquals(expected, FixedPoint.decay(x, factor));
    }

    @ParameterizedTest(name = "decaySmall({0}, du {1}) = {2}")
    @CsvSource({
        "-101, 128, -97",     // -101*3968/4096 = -97.84 -> toward zero -97
        "101, 128, 97",
        "-1, 1, 0",           // -0.99976 -> 0
        "8388608, 0, 8388608", // the largest u, no decay
        "8388608, 255, 7866368", // 2^23 * 3841/4096 = 7866368 exactly
        "-8388607, 255, -7866367", // -7866367.06 -> -7866367
        "4096, 1, 4095",      // exactly 4095
        "4097, 1, 4095",      // 4095.999 -> 4095
        "-4097, 1, -4095"
    })
    void shouldDecayBySmallDecaysAsTheFullRule(int x, int du, int expected) {
        assertEquals(expected, FixedPoint.decaySmall(x, du));
    }

    /**
     * Every small decay, on the edges of the 24-bit range and on random states: equal to x * (4096 - du) / 4096 taken
     * toward zero in 64-bit arithmetic (Java's long division truncates toward zero), the rule's definition.
     */
    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
    void shouldDecayBySmallDecaysAsTheDefinitionOnEveryState(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] edges = {0, 1, -1, 4095, 4096, -4096, -4097, FixedPoint.MAX_UV, -FixedPoint.MAX_UV, FixedPoint.V_LIMIT,
            -FixedPoint.V_LIMIT};
        for (int du = 0; du <= FixedPoint.SMALL_DECAY; du++) {
            for (int x : edges) {
                assertEquals(x * (4096L - du) / 4096, FixedPoint.decaySmall(x, du), "x " + x + ", du " + du);
            }
            for (int k = 0; k < 2000; k++) {
                int x = random.nextInt(-FixedPoint.MAX_UV, FixedPoint.MAX_UV + 1);
                assertEquals(x * (4096L - du) / 4096, FixedPoint.decaySmall(x, du), "x " + x + ", du " + du);
            }
        }
    }

    @ParameterizedTest(name = "u=0, a={0} -> {1}")
    @CsvSource({
        "131072, 8388608",     // a<<6 = 2^23: not > 2^23, kept (u may be +2^23 as in Lava)
        "131073, -8388544",    // 2^23 + 64 > 2^23 -> minus 2^24
        "-131072, 8388608",    // -2^23 <= -2^23 -> plus 2^24
        "-131071, -8388544",   // -2^23 + 64 stays
        "10, 640"
    })
    void shouldWrapUOnceInto24Bits(int a, int expected) {
        // du = 4095: factor 4096 - 4096 = 0, so the old u is gone and u = a << 6, then wrapped
        assertEquals(expected, FixedPoint.updateU(0, 0, a));
    }

    @ParameterizedTest(name = "wrap24({0}) = {1}")
    @CsvSource({
        "2147483647, 2130706431",    // int32 max > 2^23: minus 2^24 = 2147483647 - 16777216
        "-2147483648, -2130706432",  // int32 min <= -2^23: plus 2^24
        "8388609, -8388607",         // 2^23 + 1 - 2^24
        "-8388609, 8388607",         // -2^23 - 1 + 2^24
        "-8388607, -8388607",
        "0, 0"
    })
    void shouldWrapEveryInt32ExactlyOnce(int x, int expected) {
        assertEquals(expected, FixedPoint.wrap24(x));
    }

    @ParameterizedTest(name = "v={0} u={1} bias={2} -> {3}")
    @CsvSource({
        "0, 8388608, 0, 8388607",          // clipped to 2^23 - 1
        "0, -8388544, -524288, -8388607",  // -8912832 clipped to -(2^23 - 1)
        "100, 20, 48, 168"
    })
    void shouldClipV(int v, int u, int bias, int expected) {
        assertEquals(expected, FixedPoint.updateV(v, 4096, u, bias));
    }

    @ParameterizedTest(name = "clipV({0}) = {1}")
    @CsvSource({"2147483647, 8388607", "-2147483648, -8388607", "8388608, 8388607", "-8388608, -8388607",
        "8388607, 8388607", "-8388607, -8388607", "5, 5"})
    void shouldClipEveryInt32(int x, int expected) {
        assertEquals(expected, FixedPoint.clipV(x));
    }

    @ParameterizedTest(name = "sign mode of {0}")
    @CsvSource({
        "'1,2,0', EXCITATORY",
        "'0,0', EXCITATORY",
        "'-1,0', INHIBITORY",
        "'-1,1', MIXED"
    })
    void shouldInferSignModeAsLava(String ws, SignMode expected) {
        String[] parts = ws.split(",");
        double[] w = new double[parts.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Double.parseDouble(parts[i]);
        }
        assertEquals(expected, SignMode.of(org.spikemesh.process.Values.of(w)));
    }
}
