package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * The counts of one shard's cores: what each core did in the step (synaptic operations, messages in, active updates,
 * spikes), summed at the end of the step into its simulated time, the slowest core and the shard's
 * {@link StepPartial}, into totals over the run and, when asked, into windows of a few steps written as rows. The
 * shard's delivery adds into {@link #stepIn} directly; its visits of cores after the kernel and its routing report
 * through {@link #visit} and {@link #sent}.
 */
final class CoreCounts {
    /** how many run totals a core has ({@link #totals}). */
    static final int TOTALS = 8;
    private final int first;
    private final int size;
    private final CoreTimes times;
    /** simulated time of one learning update, ns. */
    private final double tLearn;
    /** per core: this step's messages in (low 32 bits) and synaptic operations (high 32 bits). */
    final long[] stepIn;
    private final int[] stepActive;
    private final int[] stepSpikes;
    private final int[] neuronsOf;
    /** per core, its global core number: equally slow cores give the step's slowest to the lowest. */
    private final int[] placeOf;
    /** the shard's LIF neurons: its active updates in a step with no neuron at rest. */
    private final long activeNeurons;
    private final long[] totalSynops;
    private final long[] totalMessagesIn;
    /** steps counted into the totals: a core's active updates are its neurons times these, less its inactive ones. */
    private long accountedSteps;
    /** cores (index in the shard) visited after the kernel this step, whose step counts are reset after counting. */
    private final int[] visited;
    private int visitedCount;
    private final long[] totalInactive;
    private final long[] totalSpikes;
    private final long[] totalMessagesOut;
    /** per core: its (spike, destination core) pairs over the run, which a multicast router makes fewer than messages. */
    private final long[] totalDestinations;
    private final double[] totalTimeNs;
    /** per core: this step's time, while the step is accounted. */
    private final double[] stepNs;
    /** per-core counts summed over a window of {@link #windowSteps} steps, flushed as rows into {@link #windowRows}. */
    int windowSteps;
    private final long[] winSynops;
    private final long[] winActive;
    private final long[] winSpikes;
    private final long[] winMessagesIn;
    private final long[] winMessagesOut;
    private final double[] winTime;
    private int winFill;
    /** rows of (window end step, core index, synops, active, spikes, messages in, messages out, busy ns bits). */
    long[] windowRows = new long[0];
    int windowRowCount;

    /**
     * @param cores every core of the program
     * @param first the shard's first core
     * @param last one past its last
     * @param times the cores' time model
     * @param learningNs the time of one learning update, ns
     */
    CoreCounts(CoreRuntime[] cores, int first, int last, CoreTimes times, double learningNs) {
        this.first = first;
        this.size = last - first;
        this.times = times;
        this.tLearn = learningNs;
        this.stepIn = new long[size];
        this.stepActive = new int[size];
        this.stepSpikes = new int[size];
        this.neuronsOf = new int[size];
        this.placeOf = new int[size];
        this.totalSynops = new long[size];
        this.totalMessagesIn = new long[size];
        this.visited = new int[size];
        this.totalInactive = new long[size];
        this.totalSpikes = new long[size];
        this.totalMessagesOut = new long[size];
        this.totalDestinations = new long[size];
        this.totalTimeNs = new double[size];
        this.stepNs = new double[size];
        this.winSynops = new long[size];
        this.winActive = new long[size];
        this.winSpikes = new long[size];
        this.winMessagesIn = new long[size];
        this.winMessagesOut = new long[size];
        this.winTime = new double[size];
        for (int c = first; c < last; c++) {
            neuronsOf[c - first] = cores[c].isNeuron() ? cores[c].n : 0;
            placeOf[c - first] = cores[c].program.globalCore();
            stepActive[c - first] = neuronsOf[c - first];
        }
        this.activeNeurons = Arrays.stream(neuronsOf).asLongStream().sum();
    }

    /**
     * A core visited after the kernel: its active neurons, spikes and spikes that left a neuron at rest this step.
     *
     * @param local the core's index in the shard
     */
    void visit(int local, int active, int spikes, int restingSpikes) {
        visited[visitedCount++] = local;
        stepActive[local] = active;
        stepSpikes[local] = spikes;
        times.fired(local, restingSpikes);
    }

    /**
     * A core's spikes routed: its messages out and (spike, destination core) pairs this step.
     *
     * @param local the core's index in the shard
     */
    void sent(int local, int messages, int destinations) {
        times.sent(local, messages, destinations);
        totalMessagesOut[local] += messages;
        totalDestinations[local] += destinations;
        winMessagesOut[local] += messages;
    }

    /**
     * Closes step t of the shard's cores: the time of each from its counts, the slowest, the shard's sums into its
     * partial, the run totals and the window; then the step counts back to their defaults.
     *
     * @param learning the shard's plastic synapses, or null
     */
    void closeStep(StepPartial part, int t, ShardLearning learning) {
        if (learning == null && windowSteps == 0 && times.uniformFormat() >= 0) {
            accountQuietCores(part);
        } else {
            accountEveryCore(part, learning);
        }
        for (int v = 0; v < visitedCount; v++) {
            int k = visited[v];
            stepActive[k] = neuronsOf[k];
            stepSpikes[k] = 0;
        }
        visitedCount = 0;
        accountedSteps++;
        times.closeStep(part);
        if (windowSteps > 0 && ++winFill == windowSteps) {
            flushWindow(t);
        }
    }

    /**
     * {@link #closeStep} when nothing but synapses and messages differs between steps for most cores: the cores
     * visited after the kernel (a spike, a neuron at rest, a spike source) are counted first and whole; every other
     * core had all its neurons active, no spike and sent nothing, so its time is {@link CoreTimes#quietNs}, the
     * same value with the zero terms left out (64 000 neurons, 1 280 cores, 1 thread: a few dozen cores per step are
     * visited; the loop over all of them is then a few operations per core).
     */
    private void accountQuietCores(StepPartial part) {
        long ac = activeNeurons;
        long ia = 0;
        long sp = 0;
        long lifSpikes = 0;
        for (int v = 0; v < visitedCount; v++) {
            int k = visited[v];
            int a0 = stepActive[k];
            int p0 = stepSpikes[k];
            int i0 = neuronsOf[k] - a0;
            lifSpikes += neuronsOf[k] > 0 ? p0 : 0;
            ac += a0 - neuronsOf[k];
            ia += i0;
            sp += p0;
            if (i0 != 0) {
                totalInactive[k] += i0;
            }
            if (p0 != 0) {
                totalSpikes[k] += p0;
            }
        }
        long[] in = stepIn;
        double[] ns = stepNs;
        // every core's time as if quiet and its totals of synops and messages, in a loop without branches
        times.quietNs(in, ns, size);
        long[] ts = totalSynops;
        long[] tm = totalMessagesIn;
        for (int k = 0; k < size; k++) {
            long x = in[k];
            ts[k] += x >>> 32;
            tm[k] += (int) x;
        }
        // the cores visited after the kernel, in full
        for (int v = 0; v < visitedCount; v++) {
            int k = visited[v];
            long x = in[k];
            ns[k] = times.coreNs(k, (int) (x >>> 32), stepActive[k], neuronsOf[k] - stepActive[k], stepSpikes[k],
                    (int) x);
        }
        long sy = 0;
        long mi = 0;
        double slowest = -1;
        int slowestCore = -1;
        double[] tt = totalTimeNs;
        for (int k = 0; k < size; k++) {
            long x = in[k];
            double t = ns[k];
            tt[k] += t;
            sy += x >>> 32;
            mi += (int) x;
            if (CoreTimes.slower(t, placeOf[k], slowest, slowestCore < 0 ? Integer.MAX_VALUE
                    : placeOf[slowestCore - first])) {
                slowest = t;
                slowestCore = first + k;
            }
            in[k] = 0;
        }
        part.synopsByFormat[times.uniformFormat()] += sy;
        part.lifSpikes += lifSpikes;
        part.cores(sy, ac, ia, sp, mi, 0, slowest, slowestCore);
    }

    /**
     * {@link #closeStep} with learning updates, a counting window or several synapse formats in the shard: every
     * core's counts as they are.
     */
    private void accountEveryCore(StepPartial part, ShardLearning learning) {
        long sy = 0;
        long ac = 0;
        long ia = 0;
        long sp = 0;
        long mi = 0;
        long lu = 0;
        long lifSpikes = 0;
        int oneFormat = times.uniformFormat();
        double slowest = -1;
        int slowestCore = -1;
        for (int k = 0; k < size; k++) {
            long in = stepIn[k];
            int s0 = (int) (in >>> 32);
            int m0 = (int) in;
            int a0 = stepActive[k];
            int p0 = stepSpikes[k];
            int i0 = neuronsOf[k] - a0;
            double ns = times.coreNs(k, s0, a0, i0, p0, m0);
            lifSpikes += neuronsOf[k] > 0 ? p0 : 0;
            if (oneFormat < 0) {
                part.synopsByFormat[times.format(k)] += s0;
            }
            if (learning != null) {
                long u0 = learning.stepUpdates[k];
                learning.stepUpdates[k] = 0;
                ns += u0 * tLearn;
                lu += u0;
                if (part.log != null) {
                    part.log.learnNs[k] = u0 * tLearn;
                }
            }
            totalSynops[k] += s0;
            totalMessagesIn[k] += m0;
            // active updates are counted as the neurons times the steps less the inactive ones (coreTotals); these
            // two are zero for most cores in most steps
            if (i0 != 0) {
                totalInactive[k] += i0;
            }
            if (p0 != 0) {
                totalSpikes[k] += p0;
            }
            totalTimeNs[k] += ns;
            if (windowSteps > 0) {
                winSynops[k] += s0;
                winActive[k] += a0;
                winSpikes[k] += p0;
                winMessagesIn[k] += m0;
                winTime[k] += ns;
            }
            sy += s0;
            ac += a0;
            ia += i0;
            sp += p0;
            mi += m0;
            if (CoreTimes.slower(ns, placeOf[k], slowest, slowestCore < 0 ? Integer.MAX_VALUE
                    : placeOf[slowestCore - first])) {
                slowest = ns;
                slowestCore = first + k;
            }
            stepIn[k] = 0;
        }
        if (oneFormat >= 0) {
            part.synopsByFormat[oneFormat] += sy;
        }
        part.lifSpikes += lifSpikes;
        part.cores(sy, ac, ia, sp, mi, lu, slowest, slowestCore);
    }

    /**
     * Appends one row per core for the window ending at step t and clears the window (nothing when it is empty).
     *
     * @param t last step of the window
     */
    void flushWindow(int t) {
        if (winFill == 0) {
            return;
        }
        int need = (windowRowCount + size) * 8;
        if (need > windowRows.length) {
            windowRows = java.util.Arrays.copyOf(windowRows, Math.max(need, windowRows.length * 2));
        }
        for (int k = 0; k < size; k++) {
            int at = windowRowCount * 8;
            windowRows[at] = t;
            windowRows[at + 1] = first + k;
            windowRows[at + 2] = winSynops[k];
            windowRows[at + 3] = winActive[k];
            windowRows[at + 4] = winSpikes[k];
            windowRows[at + 5] = winMessagesIn[k];
            windowRows[at + 6] = winMessagesOut[k];
            windowRows[at + 7] = Double.doubleToLongBits(winTime[k]);
            windowRowCount++;
            winSynops[k] = 0;
            winActive[k] = 0;
            winSpikes[k] = 0;
            winMessagesIn[k] = 0;
            winMessagesOut[k] = 0;
            winTime[k] = 0;
        }
        winFill = 0;
    }

    /**
     * @param local core index in the shard
     * @return run totals ({@link #TOTALS} of them): synops, active, inactive, spikes, messages in, messages out,
     *         spikes that left their neuron at rest, (spike, destination core) pairs
     */
    long[] totals(int local) {
        long active = accountedSteps * neuronsOf[local] - totalInactive[local];
        return new long[]{totalSynops[local], active, totalInactive[local], totalSpikes[local],
            totalMessagesIn[local], totalMessagesOut[local], times.restingSpikes(local), totalDestinations[local]};
    }

    /**
     * @param local core index in the shard
     * @return simulated busy time over the run, ns
     */
    double timeNs(int local) {
        return totalTimeNs[local];
    }
}
