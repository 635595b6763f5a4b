package org.spikemesh.simulator.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stochastic rounding is unbiased: over many seeds (and steps) the rounded trace decay, impulse and weight update
 * average to the exact value. Each mean is checked within 5 standard errors of a Bernoulli(frac) draw over N samples;
 * the generator is seeded, so the test is reproducible.
 */
class StochasticRoundingTest {
    private static final int N = 40_000;

    private static void assertUnbiased(double exact, double mean, double frac, String what) {
        double se = Math.sqrt(frac * (1 - frac) / N);
        assertTrue(Math.abs(mean - exact) <= 5 * se + 1e-12, what + ": mean " + mean + " vs exact " + exact
                + " (5 standard errors = " + 5 * se + ")");
    }

    @ParameterizedTest(name = "v={0} tau={1}")
    @CsvSource({"50, 3.0", "100, 10.0", "7, 1.5", "127, 40.0"})
    void traceDecayAveragesToExpOfMinusOneOverTau(int v, double tau) {
        double factor = StrictMath.exp(-1.0 / tau);
        double exact = factor * v;
        double sum = 0;
        for (int s = 0; s < N; s++) {
            LearningRandom r = new LearningRandom(s, "p");
            sum += FixedPlasticity.decayTrace(v, factor, r.decay(false, 1 + s % 17));
        }
        assertUnbiased(exact, sum / N, exact - Math.floor(exact), "decay of " + v);
    }

    @ParameterizedTest(name = "impulse={0}")
    @CsvSource({"16.25", "3.5", "9.75"})
    void impulsesWithFractionsAverageToTheirValueUpToLavasQuirk(double impulse) {
        // Lava compares a draw in 0..127 with a fraction in 1/256: the rounding-up probability is
        // min(1, frac256 / 128), i.e. unbiased only for fractions below 1/2 and always up from 1/2 on (documented)
        int whole = (int) Math.floor(impulse);
        int frac = (int) Math.rint((impulse - whole) * 256);
        double pUp = Math.min(1.0, frac / 128.0);
        double sum = 0;
        for (int s = 0; s < N; s++) {
            LearningRandom r = new LearningRandom(s, "p");
            sum += FixedPlasticity.addImpulse(10, r.impulse(true, 3), whole, frac);
        }
        assertUnbiased(10 + whole + pUp, sum / N, pUp, "impulse " + impulse);
    }

    @Test
    void weightUpdatesAverageToTheirFractionalValue() {
        // accumulator 20 * 128 + 16 (an eighth of a unit): w rounds to 20 or 21, averaging 20.125
        double sum = 0;
        for (int s = 0; s < N; s++) {
            sum += FixedPlasticity.round(20 * 128 + 16, new LearningRandom(s, "p").synaptic(4));
        }
        assertUnbiased(20.125, sum / N, 0.125, "weight");
        // negative: -3.25 units = floor -4 plus a 0.75 chance of +1
        sum = 0;
        for (int s = 0; s < N; s++) {
            sum += FixedPlasticity.round(-3 * 128 - 32, new LearningRandom(s, "p").synaptic(4));
        }
        assertUnbiased(-3.25, sum / N, 0.75, "negative weight");
        assertEquals(20, FixedPlasticity.round(20 * 128, 0.999), "a whole unit never rounds");
    }
}
