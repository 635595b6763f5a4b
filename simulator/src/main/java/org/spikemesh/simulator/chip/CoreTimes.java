package org.spikemesh.simulator.chip;

/**
 * A shard's per-core time coefficients (from {@link EventCharges}: by the core's synapse format and whether it holds
 * LIF neurons or a spike source) and the step's messages sent per core; turns a core's counts of a step into its time
 * and adds the counts the events need to the step's {@link StepPartial}.
 */
final class CoreTimes {
    /**
     * The grid, in ns, on which core times are compared for the step's critical core. Each time is a sum of counts
     * times per-event costs, so two cores whose times are equal in decimal (13.3 ns) can differ in their last bits
     * (13.299999999999997 and 13.299999999999999), and the critical core was then the higher of the two instead of the
     * lowest. Compared as whole multiples of this (a total order, so the slowest does not depend on how the cores are
     * split between shards), they tie.
     */
    static final double TIE_NS = 1e-6;

    /** @return a core time as a whole number of {@link #TIE_NS} */
    static long tieKey(double ns) {
        return Math.round(ns / TIE_NS);
    }

    /**
     * @return whether a core taking ns, at global place {@code place}, is the step's slowest rather than the one so far
     *         (slowest ns, at slowestPlace): slower on the {@link #TIE_NS} grid, or as slow there and lower
     */
    static boolean slower(double ns, int place, double slowest, int slowestPlace) {
        if (ns < slowest - TIE_NS) {
            // most cores: lower on the grid too, without rounding
            return false;
        }
        long a = tieKey(ns);
        long b = tieKey(slowest);
        return a > b || a == b && place < slowestPlace;
    }

    private final double[] synop;
    private final double[] spike;
    /** per core: its neurons times the time of an active update (its LIF neurons; 0 for a spike source). */
    private final double[] allActive;
    private final int[] format;
    private final boolean[] lif;
    private final double active;
    private final double inactive;
    private final double receive;
    private final double messageOut;
    private final double destination;
    private final boolean sendCosts;
    private final double firedAtRest;
    private final int[] stepRestingSpikes;
    private final long[] totalRestingSpikes;
    private final int[] stepMessages;
    private final int[] stepDestinations;
    private final int uniformFormat;
    private long stepResting;

    CoreTimes(EventCharges charges, CoreRuntime[] cores, int first, int last) {
        int n = last - first;
        this.synop = new double[n];
        this.spike = new double[n];
        this.format = new int[n];
        this.allActive = new double[n];
        this.lif = new boolean[n];
        this.active = charges.activeNs();
        for (int k = 0; k < n; k++) {
            CoreRuntime c = cores[first + k];
            format[k] = EventCharges.formatIndex(c.program.format());
            lif[k] = c.isNeuron();
            synop[k] = charges.synopNs(format[k]);
            spike[k] = charges.spikeNs(lif[k]);
            allActive[k] = (lif[k] ? c.n : 0) * active;
        }
        this.inactive = charges.inactiveNs();
        this.receive = charges.receiveNs();
        this.messageOut = charges.messageOutNs();
        this.destination = charges.destinationNs();
        this.sendCosts = messageOut != 0 || destination != 0;
        this.firedAtRest = charges.firedAtRestNs();
        this.stepRestingSpikes = new int[n];
        this.totalRestingSpikes = new long[n];
        this.stepMessages = new int[n];
        this.stepDestinations = new int[n];
        int f = n == 0 ? -1 : format[0];
        for (int k = 1; k < n; k++) {
            f = format[k] == f ? f : -1;
        }
        this.uniformFormat = f;
    }

    /** @return neurons (or source outputs) of the cores first .. last-1: the most spikes they send in one step */
    static int neurons(CoreRuntime[] cores, int first, int last) {
        int n = 0;
        for (int c = first; c < last; c++) {
            n += cores[c].n;
        }
        return n;
    }

    /** Counts a core's spikes that left their neuron at rest this step. */
    void fired(int local, int restingSpikes) {
        stepRestingSpikes[local] = restingSpikes;
    }

    /** @return a core's spikes that left their neuron at rest, over the run */
    long restingSpikes(int local) {
        return totalRestingSpikes[local];
    }

    /** Counts a core's messages sent this step. */
    void sent(int local, int messages, int destinations) {
        if (sendCosts) {
            stepMessages[local] += messages;
            stepDestinations[local] += destinations;
        }
    }

    /**
     * The time of a core in a step, from its counts; clears its messages sent and resting spikes (whose count goes to
     * {@link #closeStep}).
     *
     * @return ns
     */
    double coreNs(int k, int synops, int act, int inact, int spikes, int messagesIn) {
        double ns = synops * synop[k] + act * active + inact * inactive + spikes * spike[k] + messagesIn * receive;
        if (sendCosts) {
            ns += stepMessages[k] * messageOut + stepDestinations[k] * destination;
            stepMessages[k] = 0;
            stepDestinations[k] = 0;
        }
        int rs = stepRestingSpikes[k];
        if (rs != 0) {
            ns += rs * firedAtRest;
            stepResting += rs;
            totalRestingSpikes[k] += rs;
            stepRestingSpikes[k] = 0;
        }
        return ns;
    }

    /**
     * The time of every core of the shard as in a step in which all its neurons were active, none spiked and it sent
     * nothing: the value of {@link #coreNs} for those counts, whose zero terms add nothing (x + 0.0 is x for the
     * non-negative times here), so they are left out. From the packed counts of {@link CoreCounts#stepIn} (synops in
     * the high half, messages in the low), in a loop without branches.
     */
    void quietNs(long[] stepIn, double[] ns, int size) {
        double[] sy = synop;
        double[] all = allActive;
        double r = receive;
        for (int k = 0; k < size; k++) {
            long x = stepIn[k];
            ns[k] = (int) (x >>> 32) * sy[k] + all[k] + (int) x * r;
        }
    }

    /** @return the synapse format index of core k of the shard */
    int format(int k) {
        return format[k];
    }

    /** @return the format index every core of the shard has, or -1 when they differ */
    int uniformFormat() {
        return uniformFormat;
    }

    /** Adds the step's resting spikes to the partial, once every core's time is computed. */
    void closeStep(StepPartial part) {
        part.restingSpikes += stepResting;
        stepResting = 0;
    }
}
