package org.spikemesh.simulator.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the shards of one {@link ChipEngine} process tell about how they ran, for profiling and for the benchmarks: their
 * waits for each other's batches, the yields that found another shard on their processor, the moves of their neuron
 * arrays, and, when asked for, the time of each phase of their steps. Nothing here changes a result. Read between runs.
 */
public final class ShardDiagnostics {
    /** A wait of a shard for another's batch longer than this, ns, is a long wait ({@link #longWaits}). */
    public static final long LONG_WAIT_NANOS = BatchWait.LONG_WAIT_NANOS;

    private final Shard[] local;

    ShardDiagnostics(Shard[] local) {
        this.local = local;
    }

    /**
     * How many times the shards moved their neuron arrays because their kernel ran much slower than another shard's
     * (see {@link KernelWatch} and docs/performance.md, thirteenth round).
     *
     * @return the moves, over the engine's life
     */
    public int kernelArrayMoves() {
        int n = 0;
        for (Shard sh : local) {
            n += sh.kernelWatch == null ? 0 : sh.kernelWatch.moves();
        }
        return n;
    }

    /**
     * The long waits of the shards: waits for another shard's batch of more than {@value BatchWait#LONG_WAIT_NANOS} ns.
     * Where a step takes tens of microseconds, the shard waited for was held up then (on a shared host, mostly its
     * processor taken away for a while; every shard waits for it); where steps take hundreds, a slower shard makes them
     * too. Counted when every shard has a processor of its own (the shards then spin while they wait).
     *
     * @return {long waits, their time in ns} summed over the shards, over the engine's life
     */
    public long[] longWaits() {
        return summed(sh -> sh.waits.longWaits());
    }

    /**
     * How often a waiting shard found the shard it waited for on its own processor (see {@code BatchWait#sharing}): the
     * yields after which the awaited batch was there, another thread having held the processor meanwhile, and all
     * yields of the waits. Counted when every shard has a processor of its own.
     *
     * @return {yields that found the processor shared, yields} summed over the shards, over the engine's life
     */
    public long[] sharedYields() {
        return summed(sh -> sh.waits.sharedYields());
    }

    /** @return a pair of counts of every shard, summed */
    private long[] summed(Function<Shard, long[]> pairOf) {
        long[] sum = new long[2];
        for (Shard sh : local) {
            long[] w = pairOf.apply(sh);
            sum[0] += w[0];
            sum[1] += w[1];
        }
        return sum;
    }

    /**
     * The time each shard waited for the other shards' batches, long waits and short, over the engine's life: where one
     * shard waits much more than another, the other is the slower (more work, or a slower processor under it), and the
     * run goes at its pace. Counted when every shard has a processor of its own, as {@link #longWaits}; the closes a
     * waiting shard does meanwhile are work, not waits.
     *
     * @return per shard, in order, ns
     */
    public long[] shardWaitNanos() {
        long[] w = new long[local.length];
        for (int k = 0; k < local.length; k++) {
            w[k] = local[k].waits.waitNanos();
        }
        return w;
    }

    /**
     * Times the phases of the steps of every shard from the next run on: the wall time each shard's thread spends
     * updating its neurons, sending, delivering, counting, waiting for the other shards' batches and closing steps
     * ({@link #phaseNames}), a few {@code System.nanoTime} calls a step. For profiling the engine: the benchmarks'
     * {@code --phases}.
     */
    public void timePhases() {
        for (Shard s : local) {
            if (s.phases == null) {
                s.phases = new ShardPhases();
            }
        }
    }

    /** @return the names of the phases of {@link #phaseNanos}, in the order of its columns */
    public static List<String> phaseNames() {
        return ShardPhases.NAMES;
    }

    /**
     * The phases timed since {@link #timePhases}.
     *
     * @return per shard, in shard order: the shard's number, the steps it timed, then the ns spent in each phase
     *         ({@link #phaseNames}); no row when the phases are not timed
     */
    public long[][] phaseNanos() {
        List<long[]> rows = new ArrayList<>();
        for (Shard s : local) {
            ShardPhases p = s.phases;
            if (p != null) {
                long[] ns = p.nanos();
                long[] row = new long[2 + ns.length];
                row[0] = s.id;
                row[1] = p.steps();
                System.arraycopy(ns, 0, row, 2, ns.length);
                rows.add(row);
            }
        }
        return rows.toArray(new long[0][]);
    }
}
