package org.spikemesh.process.fixed;

/**
 * Loihi fixed-point rules, exactly as Lava's {@code PyLifModelBitAcc} and {@code PyDenseModelBitAcc}.
 * All methods are pure; the per-neuron ones are written branch-free in int arithmetic so the JIT vectorises loops
 * over them.
 */
public final class FixedPoint {
    /** u and v are 24-bit: the wrap point of u is 2^23. */
    public static final int MAX_UV = 1 << 23;
    /** v is clipped to [-(2^23-1), 2^23-1]. */
    public static final int V_LIMIT = MAX_UV - 1;
    /** Activations are shifted left by 6 before being added to u. */
    public static final int ACT_SHIFT = 6;
    /** The threshold is shifted left by 6. */
    public static final int VTH_SHIFT = 6;
    /** Decays are 12-bit fractions of 4096. */
    public static final int DECAY_UNITY = 4096;

    private FixedPoint() {
    }

    /**
     * Clips and truncates one weight as Lava does before the first step.
     *
     * @param w the given weight (an integer)
     * @param mode the sign mode
     * @param numWeightBits 1..8
     * @return the weight the chip holds
     */
    public static int prepareWeight(long w, SignMode mode, int numWeightBits) {
        switch (mode) {
            case MIXED: {
                long c = Math.max(-256, Math.min(255, w));
                int s = 9 - numWeightBits;
                return (int) ((c >> s) << s);
            }
            case EXCITATORY: {
                long c = Math.max(0, Math.min(255, w));
                int s = 8 - numWeightBits;
                return (int) ((c >> s) << s);
            }
            case INHIBITORY: {
                long m = Math.max(0, Math.min(255, -w));
                int s = 8 - numWeightBits;
                return (int) -((m >> s) << s);
            }
            default:
                throw new IllegalArgumentException(String.valueOf(mode));
        }
    }

    /**
     * Applies the weight exponent to an accumulated sum: left shift if positive, arithmetic right shift (floor)
     * otherwise; int32 arithmetic as in Lava.
     *
     * @param acc accumulated weights
     * @param weightExp -8..7
     * @return the activation sent
     */
    public static int applyWeightExp(int acc, int weightExp) {
        return weightExp > 0 ? acc << weightExp : acc >> -weightExp;
    }

    /**
     * {@code trunc0(x * factor / 4096)}: multiply by a 12-bit fraction rounding toward zero, for |x| &lt; 2^24 and
     * 0 &lt;= factor &lt;= 4096, without leaving 32 bits and without a branch.
     *
     * @param x the state
     * @param factor 4096 - decay
     * @return the decayed state
     */
    public static int decay(int x, int factor) {
        int m = x >> 31;
        int a = (x ^ m) - m;
        int d = (a >> 12) * factor + (((a & 4095) * factor) >> 12);
        return (d ^ m) - m;
    }

    /** The largest decay (4096 - factor) {@link #decaySmall} takes: |x| * du < 2^31 for |x| <= 2^23. */
    public static final int SMALL_DECAY = 255;

    /**
     * {@link #decay}{@code (x, 4096 - du)} with one multiplication instead of two, for |x| &lt;= 2^23 (a wrapped u or
     * clipped v) and 0 &lt;= du &lt;= {@value #SMALL_DECAY}, where p = x * du stays inside 32 bits. The rule takes
     * x * (4096 - du) / 4096 toward zero, that is x less p / 4096 rounded toward zero:
     * <ul>
     * <li>x &gt;= 0: x - ceil(p / 4096) = x + floor(-p / 4096) = x + ((0 - p) &gt;&gt; 12);</li>
     * <li>x &lt; 0: x - floor(p / 4096) = x + ceil(-p / 4096) = x + ((-p - 1) &gt;&gt; 12) + 1, since
     * ceil(q / 4096) = floor((q - 1) / 4096) + 1 for an integer q.</li>
     * </ul>
     * With m = x &gt;&gt; 31 (0 or -1) both read x + ((m - p) &gt;&gt; 12) - m: 6 integer operations, against 9 for
     * the form that decays |x| and puts the sign back, and C2 still vectorises the kernel with it (CUBA, 16 000
     * neurons, 1 thread, kernel timed inside the shard: 0.078-0.080 -&gt; 0.067-0.075 s). Forms that pick the rounding
     * offset with a mask of the sign ({@code ~(x >> 31) & 4095}, {@code (x >> 31 >>> 20) ^ 4095}) keep C2 from
     * vectorising it (3x slower at 64 000 neurons).
     *
     * @param x the state
     * @param du the decay
     * @return the decayed state, equal to {@code decay(x, 4096 - du)}
     */
    public static int decaySmall(int x, int du) {
        int m = x >> 31;
        return x + ((m - x * du) >> 12) - m;
    }

    /**
     * One u update: decay by {@code du+1}, add the activation shifted by 6 (int32 wrap), wrap once into 24 bits.
     *
     * @param u current
     * @param factorU 4096 - (du + 1)
     * @param a summed activation
     * @return new u
     */
    public static int updateU(int u, int factorU, int a) {
        int x = decay(u, factorU) + (a << ACT_SHIFT);
        return wrap24(x);
    }

    /**
     * Lava's single wrap of u, branch-free and exact for every int32 x: {@code x > 2^23 -> x - 2^24},
     * {@code x <= -2^23 -> x + 2^24}. The sign masks never overflow: the high test only matters for x &gt;= 0 and
     * the low one only for x &lt; 0.
     *
     * @param x decayed u plus shifted activation
     * @return wrapped u
     */
    public static int wrap24(int x) {
        int neg = x >> 31;
        int hi = ((MAX_UV - x) >> 31) & ~neg;
        int lo = ((x + MAX_UV - 1) >> 31) & neg;
        return x - (hi & (1 << 24)) + (lo & (1 << 24));
    }

    /**
     * One v update before the threshold: decay by dv, add u and the bias, clip to +-(2^23-1).
     *
     * @param v current
     * @param factorV 4096 - dv
     * @param u the new u
     * @param bias bias_mant &lt;&lt; bias_exp
     * @return new v (before spike and reset)
     */
    public static int updateV(int v, int factorV, int u, int bias) {
        return clipV(decay(v, factorV) + u + bias);
    }

    /**
     * Clips to [-(2^23-1), 2^23-1] with sign masks instead of Math.min/max (which stop C2 from vectorising the
     * loop); exact for every int32 since each test only matters on the side of zero where it cannot overflow.
     *
     * @param x value
     * @return clipped value
     */
    public static int clipV(int x) {
        int neg = x >> 31;
        int over = ((V_LIMIT - x) >> 31) & ~neg;
        int under = ((x + V_LIMIT) >> 31) & neg;
        int y = (x & ~over) | (V_LIMIT & over);
        return (y & ~under) | (-V_LIMIT & under);
    }
}
