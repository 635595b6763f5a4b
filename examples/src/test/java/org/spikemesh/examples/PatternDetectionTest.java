package org.spikemesh.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The outcome Masquelier et al. (2008) report, checked on the example: after learning the neuron fires at (almost)
 * every presentation of the hidden pattern, its latency after pattern onset has fallen well below where it started
 * once it became selective, and the pattern afferents hold much more weight than the noise afferents.
 */
class PatternDetectionTest {
    @Test
    void theNeuronLearnsToFireEarlyInTheRepeatedPattern() {
        double[][] rows = PatternDetection.run(1, 12);
        double[] last = rows[rows.length - 1];
        assertTrue(last[0] >= 0.95 * last[1], "hits " + last[0] + " of " + last[1]);
        double firstSelectiveLatency = Double.NaN;
        for (double[] r : rows) {
            if (r[0] >= 0.8 * r[1] && r[3] < r[1]) {
                firstSelectiveLatency = r[2];
                break;
            }
        }
        assertTrue(last[2] < 0.5 * firstSelectiveLatency, "latency " + last[2] + " vs " + firstSelectiveLatency
                + " when the neuron first became selective");
        assertTrue(last[4] > 5 * last[5], "pattern weight " + last[4] + " vs other " + last[5]);
    }
}
