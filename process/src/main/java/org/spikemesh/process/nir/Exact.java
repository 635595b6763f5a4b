package org.spikemesh.process.nir;

import java.util.function.DoubleUnaryOperator;

/**
 * Inverts the importer's arithmetic so that an export imports back to the same doubles: the importer computes
 * {@code dt / tau} and {@code decay * r}, so the exporter looks for the {@code tau} with {@code dt / tau == d} and
 * the {@code r} with {@code d * r == g}, starting from the rounded quotient and stepping one ulp at a time. Both
 * operations are monotone, and each ulp step moves the result by at most about one ulp, so a handful of steps
 * finds an exact inverse when one exists; when none does (the result skips the target) the closest is returned.
 */
final class Exact {
    private static final int STEPS = 8;

    private Exact() {
    }

    /**
     * @param dt time step
     * @param d decay per step, &gt; 0
     * @return tau with {@code dt / tau == d} when such a double exists, else the closest
     */
    static double tau(double dt, double d) {
        return solve(dt / d, x -> dt / x, d);
    }

    /**
     * @param d a factor, != 0
     * @param g the wanted product
     * @return r with {@code d * r == g} when such a double exists, else the closest
     */
    static double factor(double d, double g) {
        return solve(g / d, x -> d * x, g);
    }

    /**
     * @param d a factor, != 0
     * @param g the wanted product
     * @return true when {@link #factor} is exact
     */
    static boolean factorIsExact(double d, double g) {
        return d * factor(d, g) == g;
    }

    /**
     * @param dt time step
     * @param d decay per step
     * @return true when {@link #tau} is exact
     */
    static boolean tauIsExact(double dt, double d) {
        return dt / tau(dt, d) == d;
    }

    private static double solve(double start, DoubleUnaryOperator f, double target) {
        if (f.applyAsDouble(start) == target || Double.isInfinite(start) || Double.isNaN(start)) {
            return start;
        }
        double best = start;
        double bestErr = Math.abs(f.applyAsDouble(start) - target);
        double up = start;
        double down = start;
        for (int i = 0; i < STEPS; i++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            for (double x : new double[]{up, down}) {
                double err = Math.abs(f.applyAsDouble(x) - target);
                if (err == 0) {
                    return x;
                }
                if (err < bestErr) {
                    best = x;
                    bestErr = err;
                }
            }
        }
        return best;
    }
}
