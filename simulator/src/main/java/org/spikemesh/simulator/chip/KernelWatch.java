package org.spikemesh.simulator.chip;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * Watches one shard's neuron kernel against the other shards' and moves the shard's neuron arrays to new memory when
 * it is much the slower. On the Zen 5 host of docs/performance.md (thirteenth round), in some processes one of two shards ran its
 * kernel 3.5-5 times slower per neuron than the other, for as long as the engine lived, while both ran the same code on
 * the same number of neurons; copying that shard's arrays elsewhere made it fast again in 5 of 6 cases. So each shard
 * posts its kernel's time per neuron over every {@value #WINDOW} steps on a board shared by the shards, and when its
 * own is more than {@value #SLOWER} times the best other shard's for {@value #STRIKES} windows in a row, it moves its
 * arrays, at most {@value #MOST_MOVES} times an engine. Moving copies every value: no result depends on it.
 */
final class KernelWatch {
    /** steps per window. */
    static final int WINDOW = 512;
    /** how many times slower per neuron than the best other shard counts as slow. */
    static final double SLOWER = 1.6;
    /** slow windows in a row before the arrays move. */
    static final int STRIKES = 2;
    /** the most moves of one shard's arrays in an engine's life. */
    static final int MOST_MOVES = 16;
    /** shards of fewer neurons are not watched: their kernels take a few microseconds a step, mostly noise. */
    static final int LEAST_NEURONS = 16_384;
    /** System property: {@code false} turns the watch off (default {@code true}). */
    static final String PROPERTY = "spikemesh.engine.kernel-watch";
    /** longs between two shards' places on the board: 128 bytes, so that no two share a cache line. */
    private static final int STRIDE = 16;

    private final AtomicLongArray board;
    private final int seat;
    private final int seats;
    private final long neurons;
    /** moves the shard's arrays. */
    private final Runnable move;
    private long windowNs;
    private int windowSteps;
    private int strikes;
    private int moves;

    private KernelWatch(AtomicLongArray board, int seat, int seats, int neurons, Runnable move) {
        this.board = board;
        this.seat = seat;
        this.seats = seats;
        this.neurons = neurons;
        this.move = move;
    }

    /**
     * @param neurons the neurons of each shard of this process, in order
     * @param moveOf what moves the arrays of shard k
     * @return a watch per shard (null for a shard not watched), or all null when fewer than two shards are watched
     */
    static KernelWatch[] of(int[] neurons, IntFunction<Runnable> moveOf) {
        KernelWatch[] w = new KernelWatch[neurons.length];
        long watched = Arrays.stream(neurons).filter(n -> n >= LEAST_NEURONS).count();
        if (watched < 2 || !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return w;
        }
        AtomicLongArray board = new AtomicLongArray((neurons.length + 1) * STRIDE);
        for (int k = 0; k < neurons.length; k++) {
            board.set((k + 1) * STRIDE, Long.MAX_VALUE);
            if (neurons[k] >= LEAST_NEURONS) {
                w[k] = new KernelWatch(board, k, neurons.length, neurons[k], moveOf.apply(k));
            }
        }
        return w;
    }

    /**
     * Adds one step's kernel time; at the end of a window, judges it and moves the arrays if the shard is slow. The
     * move happens in here, in a method of its own: as a branch of the step on an answer from here, taken in no step
     * of most runs, C2 compiled it as never taken, and the first move then threw the whole compiled step back to the
     * interpreter (an uncommon trap in {@code Shard.step}, in the JIT's log) while C2 compiled it again. 64 000
     * neurons on 2 threads, a first move forced into a timed repetition: that repetition's shards waited 0.39 s for
     * each other in 709 waits over 50 us, against 0.03-0.05 s in the others; with the move in here, the step kept its
     * code and the repetition waited 0.03 s.
     *
     * @param ns the kernel's wall time this step
     */
    void timed(long ns) {
        windowNs += ns;
        if (++windowSteps == WINDOW) {
            windowEnded();
        }
    }

    /** Posts the window's time per neuron, compares it with the best other shard's and moves the arrays when slow. */
    private void windowEnded() {
        long picosPerNeuron = windowNs * 1000 / (WINDOW * neurons);
        windowNs = 0;
        windowSteps = 0;
        board.setRelease((seat + 1) * STRIDE, picosPerNeuron);
        long best = Long.MAX_VALUE;
        for (int k = 0; k < seats; k++) {
            if (k != seat) {
                best = Math.min(best, board.getAcquire((k + 1) * STRIDE));
            }
        }
        strikes = best != Long.MAX_VALUE && picosPerNeuron > SLOWER * best ? strikes + 1 : 0;
        if (strikes >= STRIKES && moves < MOST_MOVES) {
            strikes = 0;
            moves++;
            move.run();
        }
    }

    /** @return how many times the shard moved its arrays */
    int moves() {
        return moves;
    }
}
