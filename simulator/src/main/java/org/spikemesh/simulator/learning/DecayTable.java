package org.spikemesh.simulator.learning;

/**
 * Lava's stochastic trace decay for every trace value at once: a trace holds -128..127, so per learning phase (one
 * decay number r) the decayed value of each possible value is computed once, {@code floor(e) + (r < frac(e))} with
 * {@code e = exp(-1/tau) * v} in float64 exactly as {@link FixedPlasticity#decayTrace}, and the history loop becomes a
 * table lookup. The blocks of a process share one table per trace, so it is computed once per phase.
 */
final class DecayTable {
    private static final int OFFSET = 128;
    private final double[] exact = new double[256];
    private final int[] table = new int[256];
    private double lastR = Double.NaN;

    /** @param factor exp(-1/tau), or 0 when tau is 0 (the trace keeps nothing) */
    DecayTable(double factor) {
        for (int v = -OFFSET; v < OFFSET; v++) {
            exact[v + OFFSET] = factor * v;
        }
    }

    /**
     * @param r this phase's decay rounding number
     * @return decayed value of v at index v + 128
     */
    int[] forPhase(double r) {
        if (r == lastR) {
            return table;
        }
        lastR = r;
        for (int k = 0; k < 256; k++) {
            double e = exact[k];
            double f = Math.floor(e);
            table[k] = (int) f + (r < e - f ? 1 : 0);
        }
        return table;
    }
}
