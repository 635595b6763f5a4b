package org.spikemesh.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What locality implies for two tasks learned in sequence: with disjoint patterns the first task's synapses see no
 * spike of their post neuron during the second and cannot change; with shared inputs the first task's output fires
 * during the second and its weights move.
 */
class ContinualLearningTest {
    @Test
    void disjointTasksDoNotTouchEachOthersSynapses() {
        ContinualLearning.Result r = ContinualLearning.run(0);
        // pattern A's inputs are silent in task B and their traces have decayed to 0, so no product can reach their
        // synapses onto output 0, whatever output 0 does
        assertArrayEquals(java.util.Arrays.copyOf(r.afterA()[0], 20), java.util.Arrays.copyOf(r.afterB()[0], 20), 0.0,
                "output 0's weights from pattern A's inputs changed in task B");
        assertTrue(ContinualLearning.Result.selectivity(r.aAfterA(), 0) > 0.9, "task A learned");
        assertTrue(ContinualLearning.Result.selectivity(r.bAfterB(), 1) > 0.9, "task B learned");
        assertTrue(r.retention() > 0.99, "retention " + r.retention());
    }

    @Test
    void sharedInputsLetTheSecondTaskMoveTheFirstTasksWeights() {
        ContinualLearning.Result overlap = ContinualLearning.run(10);
        ContinualLearning.Result disjoint = ContinualLearning.run(0);
        assertTrue(overlap.retention() < disjoint.retention(), overlap.retention() + " vs " + disjoint.retention());
        // with overlap 10, pattern B is inputs 10..29; its own inputs 20..29 gained weight onto output 0 in task B
        double before = 0;
        double after = 0;
        for (int i = 20; i < 30; i++) {
            before += overlap.afterA()[0][i];
            after += overlap.afterB()[0][i];
        }
        assertTrue(after > before, "B-only weights onto output 0: " + before + " -> " + after);
    }
}
