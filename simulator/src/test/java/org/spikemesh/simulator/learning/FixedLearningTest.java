package org.spikemesh.simulator.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * Fixed-point learning in the configurations where Lava's bit-approximate model uses no random number (integer
 * impulses, taus that never decay or hold only the current impulse, whole-unit updates), worked out by hand.
 */
class FixedLearningTest {
    static LearningRule rule(String dw, double x1Tau, double y1Tau, int epoch) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dw", dw);
        p.put("x1_impulse", 16);
        p.put("x1_tau", x1Tau);
        p.put("y1_impulse", 16);
        p.put("y1_tau", y1Tau);
        p.put("t_epoch", epoch);
        p.put("rng_seed", 7);
        return LearningRules.fromParameters(p);
    }

    static double[] weightsAfterEachStep(Pairing net, int steps) {
        double[] w = new double[steps];
        try (Simulation sim = Simulation.reference(net.graph, RunConfig.defaults())) {
            for (int t = 0; t < steps; t++) {
                sim.run(1);
                w[t] = sim.get(net.plastic.weights())[0];
            }
        }
        return w;
    }

    /**
     * Pre spikes at 2 and 5, post spikes at 4 and 6, traces that never decay (tau 1e18: exp(-1e-18) is 1.0 in
     * float64), dw = 2^-2*x1*y0 - 2^-2*y1*x0, epoch 1, w0 = 20. The accumulator starts at 20 * 128 = 2560; a product
     * 2^-2 * x1 * y0 is (1 * x1 * 1) >> max(0, 7 + 4 - 15) << (-2 + 7) = 32 * x1, i.e. x1 / 4 weight units.
     * <ul>
     *   <li>t = 2: pre spike, x1 = 16; x0 product reads y1 = 0: w = 20.</li>
     *   <li>t = 4: post spike, y1 = 16; y0 product reads x1 = 16: +4, w = 24.</li>
     *   <li>t = 5: pre spike, x1 = 32; x0 product reads y1 = 16: -4, w = 20.</li>
     *   <li>t = 6: post spike, y1 = 32; y0 product reads x1 = 32: +8, w = 28.</li>
     * </ul>
     */
    @Test
    void pairsOfSpikesMoveTheWeightByAQuarterOfTheOtherTrace() {
        Pairing net = new Pairing(new int[]{2, 5}, new int[]{4, 6}, 20,
                rule("2^-2*x1*y0 - 2^-2*y1*x0", 1.0e18, 1.0e18, 1), NumericModel.FIXED_PT);
        assertArrayEquals(new double[]{20, 20, 20, 24, 20, 28, 28}, weightsAfterEachStep(net, 7));
    }

    /**
     * The same spikes with epoch 3: learning at steps 3 and 6 only. Epoch 1..3: pre at within-epoch step 2; no post
     * spike; the x0 product reads y1 at step 2 = 0: w stays 20; x1 ends at 16. Epoch 4..6: post at 4 (k=1) and 6
     * (k=3: the last spike is the one kept, ty = 3; the repeated spike adds its impulse to the stored trace at once:
     * y1 = 0 + 16), pre at 5 (k=2, tx = 2). History y1 (only ty = 3 adds): H0 = 16, H1 = 16, H2 = 16, H3 = 32.
     * x1 (16 from the first epoch): H0 = 16, H1 = 16, H2 = 32, H3 = 32. y0 product reads x1 at ty = 3: 32 -> +8; x0 product
     * reads y1 at tx = 2: 16 -> -4. w = 20 + 8 - 4 = 24 from step 6.
     */
    @Test
    void anEpochKeepsTheLastSpikeAndAddsEarlierImpulsesAtOnce() {
        Pairing net = new Pairing(new int[]{2, 5}, new int[]{4, 6}, 20,
                rule("2^-2*x1*y0 - 2^-2*y1*x0", 1.0e18, 1.0e18, 3), NumericModel.FIXED_PT);
        assertArrayEquals(new double[]{20, 20, 20, 20, 20, 24, 24}, weightsAfterEachStep(net, 7));
    }

    /**
     * tau = 0: a trace holds only the impulse of the current step. dw = 2^-3*x1*y0 (+2 per coincidence, 16/8) only
     * when pre and post spike in the same step: pre at 3, 4, 7; post at 4, 8. Only step 4 coincides: w 10 -> 12.
     */
    @Test
    void tauZeroCountsOnlyCoincidences() {
        Pairing net = new Pairing(new int[]{3, 4, 7}, new int[]{4, 8}, 10, rule("2^-3*x1*y0", 0, 0, 1),
                NumericModel.FIXED_PT);
        assertArrayEquals(new double[]{10, 10, 10, 12, 12, 12, 12, 12}, weightsAfterEachStep(net, 8));
    }

    /** Traces saturate at 127: eight pre spikes of impulse 16 that never decay give min(128, 127) = 127. */
    @Test
    void tracesSaturateAt127() {
        Pairing net = new Pairing(new int[]{1, 2, 3, 4, 5, 6, 7, 8}, new int[]{}, 10, rule("x1*y0", 1.0e18, 0, 1),
                NumericModel.FIXED_PT);
        try (Simulation sim = Simulation.reference(net.graph, RunConfig.defaults())) {
            sim.run(7);
            assertEquals(112, sim.get(net.plastic.trace(0))[0]);
            sim.run(1);
            assertEquals(127, sim.get(net.plastic.trace(0))[0]);
        }
    }
}
