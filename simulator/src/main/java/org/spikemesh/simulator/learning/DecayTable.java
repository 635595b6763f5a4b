package org.spikemesh.simulator.learning;

/**
 * Lava's stochastic trace decay for every trace value at once: a trace holds -128..127, so per learning phase (one
 * decay number r) the decayed value of each possible value is computed once, {@code floor(e) + (r < frac(e))} with
 * {@code e = exp(-1/tau) * v} in float64 by {@link FixedPlasticity#decayTrace}, and the history loop becomes a
 * table lookup. The blocks of a process share one table per trace, so it is computed once per phase.
 */
final class DecayTable {
    private static final int OFFSET = 128;
    private final double factor;
    private final int[] table = new int[256];
    private double lastR = Double.NaN;

    /** @param tau the trace's decay time constant in steps (0: the trace keeps nothing) */
    DecayTable(double tau) {
        this.factor = tau == 0 ? 0 : StrictMath.exp(-1.0 / tau);
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
        for (int v = -OFFSET; v < OFFSET; v++) {
            table[v + OFFSET] = FixedPlasticity.decayTrace(v, factor, r);
        }
        return table;
    }
}
