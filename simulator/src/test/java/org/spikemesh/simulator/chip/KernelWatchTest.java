package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;

/**
 * The watch over the shards' kernels ({@link KernelWatch}): when a shard is told to move its arrays, from kernel times
 * given here step by step, and that moving them changes nothing in a run.
 */
class KernelWatchTest {
    private static final int N = 20_000;

    /** Counts the moves a watch makes of a shard's arrays. */
    private static final class Moves implements Runnable {
        int count;

        @Override
        public void run() {
            count++;
        }
    }

    /** the moves of the shards of the watches made last by {@link #watches}. */
    private Moves[] moved;

    /** @return the watches of shards of these sizes, their moves counted in {@link #moved} */
    private KernelWatch[] watches(int... neurons) {
        moved = new Moves[neurons.length];
        for (int k = 0; k < neurons.length; k++) {
            moved[k] = new Moves();
        }
        return KernelWatch.of(neurons, k -> moved[k]);
    }

    /**
     * Feeds one window of steps of ns each to the watch of shard k.
     *
     * @return the step, 1-based within the window, at which it moved the shard's arrays (0: none)
     */
    private int window(KernelWatch[] w, int k, long ns) {
        int moveAt = 0;
        for (int s = 1; s <= KernelWatch.WINDOW; s++) {
            int before = moved[k].count;
            w[k].timed(ns);
            if (moved[k].count != before) {
                assertEquals(0, moveAt, "moved twice in one window");
                assertEquals(before + 1, moved[k].count);
                moveAt = s;
            }
        }
        return moveAt;
    }

    @Test
    void shouldMoveAfterTwoWindowsInARowMoreThanSlowerTimesTheOther() {
        KernelWatch[] w = watches(N, N);
        // 10 us a step for 20 000 neurons: 500 ps a neuron; 2x that is past 1.6x
        assertEquals(0, window(w, 0, 10_000));
        assertEquals(0, window(w, 1, 20_000), "one slow window is not enough");
        assertEquals(0, window(w, 0, 10_000));
        assertEquals(KernelWatch.WINDOW, window(w, 1, 20_000), "second slow window in a row: at its last step");
        assertEquals(1, w[1].moves());
        assertEquals(1, moved[1].count, "the watch moved the slow shard's arrays itself");
        assertEquals(0, w[0].moves());
        assertEquals(0, moved[0].count);
        // the strikes start again after a move
        assertEquals(0, window(w, 1, 20_000));
    }

    @Test
    void shouldNotMoveAtOnePointFiveTimesOrAfterAFastWindowBetween() {
        KernelWatch[] w = watches(N, N);
        window(w, 0, 10_000);
        for (int k = 0; k < 4; k++) {
            // 750 ps against 500: 1.5x, under 1.6x
            assertEquals(0, window(w, 1, 15_000));
        }
        assertEquals(0, window(w, 1, 20_000));
        assertEquals(0, window(w, 1, 10_000), "a window as fast as the other's ends the run of slow ones");
        assertEquals(0, window(w, 1, 20_000));
        assertEquals(0, w[1].moves());
    }

    @Test
    void shouldNotJudgeBeforeAnotherShardPostedAndStopAfterTheMostMoves() {
        KernelWatch[] w = watches(N, N);
        assertEquals(0, window(w, 1, 1_000_000), "nothing to compare with yet");
        assertEquals(0, window(w, 1, 1_000_000));
        window(w, 0, 10_000);
        int moves = 0;
        for (int k = 0; k < 2 * KernelWatch.MOST_MOVES + 10; k++) {
            moves += window(w, 1, 1_000_000) > 0 ? 1 : 0;
        }
        assertEquals(KernelWatch.MOST_MOVES, moves);
        assertEquals(KernelWatch.MOST_MOVES, w[1].moves());
        assertEquals(KernelWatch.MOST_MOVES, moved[1].count);
    }

    @Test
    void shouldWatchOnlyShardsOfEnoughNeuronsAndOnlyTwoOrMore() {
        KernelWatch[] w = watches(N, KernelWatch.LEAST_NEURONS - 1, N);
        assertNotNull(w[0]);
        assertNull(w[1]);
        assertNotNull(w[2]);
        for (KernelWatch one : watches(N, 100)) {
            assertNull(one, "a shard alone has no other kernel to compare with");
        }
        for (KernelWatch one : watches(N)) {
            assertNull(one);
        }
    }

    @Test
    void shouldBeOffWhenThePropertySaysSo() {
        System.setProperty(KernelWatch.PROPERTY, "false");
        try {
            for (KernelWatch one : watches(N, N)) {
                assertNull(one);
            }
        } finally {
            System.clearProperty(KernelWatch.PROPERTY);
        }
        assertFalse(watches(N, N)[0] == null);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldLeaveEveryResultAsItWasWhenTheArraysMove(int threads) {
        ProcessGraph g = Cuba.build(2000, 3).graph();
        ChipProgram p = Compiler.compile(g, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        StringBuilder still = new StringBuilder();
        try (ChipEngine e = new ChipEngine(g, p, EngineTraces.probingV(g, 5, EngineTraces.recorder(still)), threads)) {
            e.run(300);
            EngineTraces.appendAccounts(still, e);
        }
        StringBuilder moved = new StringBuilder();
        try (ChipEngine e = new ChipEngine(g, p, EngineTraces.probingV(g, 5, EngineTraces.recorder(moved)), threads)) {
            e.run(1);
            e.moveNeuronArrays();
            e.run(100);
            e.moveNeuronArrays();
            e.moveNeuronArrays();
            e.run(199);
            EngineTraces.appendAccounts(moved, e);
        }
        assertTrue(still.toString().contains(" spk "), "the run has spikes");
        assertEquals(still.toString(), moved.toString());
    }
}
