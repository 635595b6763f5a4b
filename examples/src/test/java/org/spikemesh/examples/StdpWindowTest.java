package org.spikemesh.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.LearningRules;

/** The measured STDP window against its closed form (float) and a hand-computed table (fixed point). */
class StdpWindowTest {
    /**
     * Float, epoch 1: a pre spike at t puts x1 = 16 that decays by exp(-1/10) per step; a post spike dt steps later
     * reads x1 = 16 exp(-dt/10) and adds A_plus * x1. Post before pre mirrors it with A_minus = -1. At dt = 0 both
     * products read the fresh impulse: +16 - 16 = 0.
     */
    @Test
    void floatWindowIsTheExponentialWindow() {
        double[] w = StdpWindow.window(StdpWindow.pairStdp(), NumericModel.FLOAT_PT, -50, 50);
        for (int dt = -50; dt <= 50; dt++) {
            double closed = dt == 0 ? 0 : Math.signum(dt) * 16 * Math.exp(-Math.abs(dt) / 10.0);
            assertEquals(closed, w[dt + 50], 1e-9, "dt = " + dt);
        }
    }

    /**
     * Fixed point with impulse 64 and tau = 1/ln 2, so each step halves a trace exactly: 64, 32, 16, 8, 4. With
     * dw = 2^-2*x1*y0 - 2^-2*y1*x0 a product adds x1/4 (or subtracts y1/4) weight units: for dt = 1..4, +8, +4, +2,
     * +1; for dt = -1..-4, -8, -4, -2, -1; dt = 0 reads both fresh impulses: +16 - 16 = 0. Every one of these is a
     * whole number of units, so no random number enters.
     */
    @Test
    void fixedWindowMatchesTheHandTable() {
        double tau = 1 / Math.log(2);
        LearningRule rule = LearningRules.fromParameters(Map.of("dw", "2^-2*x1*y0 - 2^-2*y1*x0", "x1_impulse", 64,
                "x1_tau", tau, "y1_impulse", 64, "y1_tau", tau, "t_epoch", 1, "rng_seed", 3));
        double[] w = StdpWindow.window(rule, NumericModel.FIXED_PT, -4, 4);
        assertArrayEquals(new double[]{-1, -2, -4, -8, 0, 8, 4, 2, 1}, w);
    }

    /**
     * Loihi's sign convention (Lava once had A_plus and A_minus swapped): A_plus acts when the pre spike comes first
     * (causal, dt > 0) and A_minus, negative, when the post spike comes first. Swapping the two must flip the
     * window.
     */
    @Test
    void aPlusPotentiatesCausalPairsAndAMinusDepressesAntiCausalOnes() {
        LearningRule rule = LearningRules.stdp(1.0, 2.0, -0.5, 10, 10, 16, 1, 1L);
        assertTrue(StdpWindow.change(rule, NumericModel.FLOAT_PT, 5) > 0);
        assertTrue(StdpWindow.change(rule, NumericModel.FLOAT_PT, -5) < 0);
        // magnitudes follow A_plus = 2 and A_minus = -0.5: 2 * 16 e^-0.5 and -0.5 * 16 e^-0.5
        assertEquals(32 * Math.exp(-0.5), StdpWindow.change(rule, NumericModel.FLOAT_PT, 5), 1e-9);
        assertEquals(-8 * Math.exp(-0.5), StdpWindow.change(rule, NumericModel.FLOAT_PT, -5), 1e-9);
        assertTrue(StdpWindow.change(rule, NumericModel.FIXED_PT, 3) > 0);
        assertTrue(StdpWindow.change(rule, NumericModel.FIXED_PT, -3) < 0);
    }
}
