package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;

/**
 * How a program's cores are split over the processes of a partitioned run: partition q runs a contiguous range of
 * program cores of about equal work (neurons plus synapses), with the same number of threads in every partition so
 * that every process derives the same global shard layout. Compiled programs number their cores by place on the
 * chip (CoreOrder), so a range is a run of chips, whole but for its ends: a chip may be shared by two partitions,
 * since the split is by work and which process simulates a core does not change what the core does. Partition 0 is the
 * coordinator: it runs shard 0, keeps the accounts and reports.
 */
public final class PartitionPlan {
    private final int count;
    private final int index;
    private final int threads;
    private final int[] coreFirst;
    private final int[] chipOf;

    private PartitionPlan(int count, int index, int threads, int[] coreFirst, int[] chipOf) {
        this.count = count;
        this.index = index;
        this.threads = threads;
        this.coreFirst = coreFirst;
        this.chipOf = chipOf;
    }

    /**
     * Splits the program's cores into {@code count} contiguous ranges of about equal work.
     *
     * @param program the compiled program
     * @param count partitions (processes), 2 or more
     * @param index this process's partition
     * @param threads threads per partition
     * @return the plan
     * @throws PartitionException when the program cannot be split that way, saying why
     */
    public static PartitionPlan byWork(ChipProgram program, int count, int index, int threads) {
        if (count < 2) {
            throw new PartitionException("partitions must be >= 2 for a partitioned run, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new PartitionException("partition index must be in 0.." + (count - 1) + ", got " + index);
        }
        if (threads < 1) {
            throw new PartitionException("threads per partition must be >= 1, got " + threads);
        }
        int n = program.cores().size();
        if (count > n) {
            throw new PartitionException("the network maps to " + n + " core(s); it can be split into at most " + n
                    + " partitions, not " + count);
        }
        int[] chipOf = new int[n];
        long[] work = new long[n];
        for (int c = 0; c < n; c++) {
            CoreProgram cp = program.cores().get(c);
            chipOf[c] = cp.globalCore() / program.chip().coresPerChip();
            work[c] = cp.size() + (long) cp.synapses().synapses();
        }
        return new PartitionPlan(count, index, threads, balanced(work, 0, n, count), chipOf);
    }

    /**
     * Splits items lo..hi-1 into s contiguous ranges of about equal weight, none empty.
     *
     * @return s + 1 boundaries, from lo to hi
     */
    static int[] balanced(long[] weight, int lo, int hi, int s) {
        long total = 0;
        for (int c = lo; c < hi; c++) {
            total += weight[c];
        }
        int[] first = new int[s + 1];
        first[0] = lo;
        long acc = 0;
        int k = 1;
        for (int c = lo; c < hi && k < s; c++) {
            acc += weight[c];
            int remaining = hi - (c + 1);
            if (acc * s >= total * k || remaining == s - k) {
                first[k++] = c + 1;
            }
        }
        first[s] = hi;
        return first;
    }

    /** @return partitions in the run */
    public int count() {
        return count;
    }

    /** @return this process's partition (0 is the coordinator) */
    public int index() {
        return index;
    }

    /** @return threads per partition */
    public int threads() {
        return threads;
    }

    /**
     * @param q a partition
     * @return its first program core
     */
    public int coreFirst(int q) {
        return coreFirst[q];
    }

    /**
     * @param q a partition
     * @return one past its last program core
     */
    public int coreEnd(int q) {
        return coreFirst[q + 1];
    }

    /**
     * @param core a program core
     * @return the partition that runs it
     */
    public int partitionOf(int core) {
        int q = 0;
        while (core >= coreFirst[q + 1]) {
            q++;
        }
        return q;
    }

    /**
     * @param q a partition
     * @return "partition q (cores a-b on chips ...)" for messages
     */
    public String describe(int q) {
        java.util.TreeSet<Integer> chips = new java.util.TreeSet<>();
        for (int c = coreFirst[q]; c < coreFirst[q + 1]; c++) {
            chips.add(chipOf[c]);
        }
        return "partition " + q + " (cores " + coreFirst[q] + "-" + (coreFirst[q + 1] - 1) + " on chip"
                + (chips.size() == 1 ? " " : "s ") + chips.toString().replaceAll("[\\[\\] ]", "") + ")";
    }

    @Override
    public String toString() {
        return "PartitionPlan[" + count + " partitions, this " + index + ", " + threads + " thread(s), cores "
                + Arrays.toString(coreFirst) + "]";
    }
}
