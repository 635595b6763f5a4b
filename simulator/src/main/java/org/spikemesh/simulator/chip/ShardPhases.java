package org.spikemesh.simulator.chip;

import java.util.List;

/**
 * Wall time a shard's thread spends in each phase of its steps, for profiling the engine (see
 * {@link ShardDiagnostics#timePhases}). The phases follow one another, each ended by a {@link #mark}, so that they add up to
 * the time of the steps; the steps closed while a shard waits for a batch are timed {@link #aside} from the wait.
 * Written by the shard's thread only, and read by the engine's caller between runs.
 */
final class ShardPhases {
    /**
     * start of the step: its partial emptied (the partial of four steps before, which the step's closer read, perhaps
     * from another processor), unless the shard emptied it while it waited in the step before (then in
     * {@link #CLOSE_STEPS}), and the step's batch to every other shard claimed.
     */
    static final int BEGIN = 0;
    /** update of the neurons (the kernel and the search of its flags). */
    static final int KERNEL = 1;
    /** visit of the cores with a spike or a resting neuron. */
    static final int VISIT = 2;
    /** routing of the step's spikes and publication of the batches to the other shards. */
    static final int SEND = 3;
    /** delivery of the step's spikes to this shard's own cores. */
    static final int DELIVER_OWN = 4;
    /** counting of the messages delivered so far, while the other shards finish their step. */
    static final int COUNT_OWN = 5;
    /** waiting for the other shards' batches and delivering them (without the steps closed meanwhile). */
    static final int RECEIVE = 6;
    /**
     * closing the steps every shard has completed: while waiting for a batch, and, for the shard the caller's thread
     * runs, from the run loop between its steps (on 1 thread, every close of the run); and the next step's partial
     * emptied while waiting.
     */
    static final int CLOSE_STEPS = 7;
    /** learning, the lanes' flush and the counting of the messages received from the batches. */
    static final int COUNT_REST = 8;
    /** the step's per-core accounting (time and energy of each core). */
    static final int CORE_ACCOUNTS = 9;
    /** the phases' names, by index, as the JSON files of the benchmarks spell them. */
    static final List<String> NAMES = List.of("begin", "kernel", "visit", "send", "deliver_own", "count_own", "receive",
            "close_steps", "count_rest", "core_accounts");

    /**
     * Everything the shard writes, in one array padded by a cache line of 8 longs at each end: {@link #LAST}, then
     * {@link #STEPS}, then the phases from {@link #PHASE0}. The shards' timers are made together by one thread, and in
     * fields of their own they shared cache lines: written by two shards about ten times a step each, the line went back
     * and forth between the processors (64 000 neurons on 2 threads: 0.44-0.52 s against 0.30 s untimed).
     */
    private final long[] at = new long[PHASE0 + NAMES.size() + PAD];
    private static final int PAD = 8;
    private static final int LAST = PAD;
    private static final int STEPS = PAD + 1;
    private static final int PHASE0 = PAD + 2;

    /** Starts a step. */
    void start() {
        at[LAST] = System.nanoTime();
    }

    /** Ends phase p of the step now. */
    void mark(int p) {
        long now = System.nanoTime();
        at[PHASE0 + p] += now - at[LAST];
        at[LAST] = now;
    }

    /** Adds ns to phase p, taken out of the phase running now (which a {@link #mark} will end). */
    void aside(int p, long ns) {
        at[PHASE0 + p] += ns;
        at[LAST] += ns;
    }

    /** Adds ns to phase p, between two steps. */
    void add(int p, long ns) {
        at[PHASE0 + p] += ns;
    }

    /** Counts a step completed. */
    void stepDone() {
        at[STEPS]++;
    }

    /** @return ns spent in each phase so far, by index into {@link #NAMES} */
    long[] nanos() {
        return java.util.Arrays.copyOfRange(at, PHASE0, PHASE0 + NAMES.size());
    }

    /** @return steps timed so far */
    long steps() {
        return at[STEPS];
    }
}
