package org.spikemesh.process.learning;

/**
 * Writes a learning parameter as a rule literal the way Lava's {@code float_to_literal} does:
 * {@code (m) * 2 ^ e} with {@code m = max(int(|v|), 1)} signed and {@code e = round(log2(|v| / m))} (half to even, as numpy), or {@code (m)}
 * when |v| is a whole number, or {@code 0}. So 0.25 gives {@code (1) * 2 ^ -2} and 3.0 gives {@code (3)}; values
 * that are not m * 2^e are rounded to the nearest power of two of |v| / m.
 */
public final class FloatLiteral {
    private FloatLiteral() {
    }

    /**
     * @param v a learning parameter
     * @return its literal
     */
    public static String of(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a learning parameter must be finite, got " + v);
        }
        int sign = v < 0 ? -1 : 1;
        double a = Math.abs(v);
        long m = Math.max((long) a, 1);
        double r = a / m;
        if (r == 1) {
            return "(" + sign * m + ")";
        }
        double log2 = Math.scalb(1.0, Math.getExponent(r)) == r ? Math.getExponent(r) : Math.log(r) / Math.log(2);
        long e = (long) Math.rint(log2);
        return "(" + sign * m + ") * 2 ^ " + e;
    }
}
