package org.spikemesh.simulator.chip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.spikemesh.compiler.program.ChipProgram;

/**
 * Closes the books of each step once every shard's {@link StepPartial} of that step is in: sums the integer counts
 * (in shard order; integers, so the order does not matter), turns the link-span differences into link loads, and
 * derives the step's time (slowest core + traffic + barrier) and energy. Keeps run totals, per-step series,
 * per-link totals and HdrHistograms of step time and message latency.
 */
public final class Accounts {
    /**
     * The kinds energy is reported by, in the order of {@link #energyByKind} and of the per-step series
     * ({@link #stepPj(int, int)}): synaptic ops; neuron updates; spikes (sent and received messages); hops;
     * inter-chip links; learning; barrier; static.
     */
    public static final List<String> ENERGY_KINDS = List.of("synaptic_ops", "neuron_updates", "spikes", "hops",
            "inter_chip", "learning", "barrier", "static");
    private static final int KINDS = ENERGY_KINDS.size();
    private final CostModel cost;
    private final ChipProgram program;
    private final int gx;
    private final int gy;
    /** the link loads of every step, their totals and windows. */
    private final LinkLoads links;
    /**
     * significant digits of the histograms of step time and latency: integer ns below 32 768 are held exactly (with 3,
     * a 4 270 ns latency fell in the bucket 4 268-4 271 and was written as 4 271).
     */
    static final int HISTOGRAM_DIGITS = 4;
    private final Histogram stepTime = new Histogram(HISTOGRAM_DIGITS);
    private final Histogram latency = new Histogram(HISTOGRAM_DIGITS);
    private int steps;
    private double[] stepNs = new double[1024];
    private double[] stepPj = new double[1024];
    /** per row, the energy of each of the {@link #ENERGY_KINDS}, pJ: {@code row * ENERGY_KINDS.size() + kind}. */
    private double[] stepPjByKind = new double[1024 * KINDS];
    /** the energy of the step being closed by kind, pJ (one array for every step: closing allocates nothing). */
    private final double[] kindPj = new double[KINDS];
    /** the extra energy of {@code core.events} of the step being closed: synaptic ops, neuron updates, spikes. */
    private final double[] extra = new double[3];
    private int[] critical = new int[1024];
    private int[] criticalLink = new int[1024];
    private final EventCharges charges;
    private final EventCharges.Counts stepCounts = new EventCharges.Counts();
    private final EventCharges.Counts runCounts = new EventCharges.Counts();
    /** the detailed time model, or null for the per-step one. */
    private final DetailedSchedule detailed;
    private long[] stepSpikes = new long[1024];
    private long[] stepSynops = new long[1024];
    private long[] stepBusiest = new long[1024];
    private double[] windowSlowest = new double[1024];
    private double[] stepCompute = new double[1024];
    private double[] stepTraffic = new double[1024];
    private int every = 1;
    private int windowFill;
    private int stepsClosed;
    double timeNs;

    /**
     * @param cost the cost model
     * @param program the program as the engine keeps it (tables may be dropped)
     * @param maxLatency the longest contention-free latency of a message, ns: the latencies counted per step are
     *                   sized for it with room for waits (they grow for longer ones: CUBA at 64 000 neurons, sized for
     *                   twice it, grew in an engine's first steps)
     * @param routes per-route paths and costs for the detailed time model, or null for the others
     */
    Accounts(CostModel cost, ChipProgram program, int maxLatency, DetailedRoutes routes) {
        this.cost = cost;
        this.program = program;
        this.step = new StepSums(program.cores().stream().mapToInt(c -> c.globalCore()).toArray());
        this.gx = program.tilesX();
        this.gy = program.tilesY();
        this.maxLatency = maxLatency;
        this.links = new LinkLoads(cost, gx, gy);
        this.charges = cost.charges();
        this.detailed = routes != null ? new DetailedSchedule(routes, gx, gy, program.chip().mesh().coresPerTile(),
                cost.bufferDepth()) : null;
    }

    /**
     * Closes step t from every shard's partial of that step.
     *
     * @param t the step
     * @param ps one partial per shard, in shard order
     */
    void close(int t, StepPartial[] ps) {
        StepSums c = step;
        c.of(ps);
        double slowest = c.slowestNs;
        int slowestCore = c.slowestCore;
        long busiest = links.close(t, ps);
        double traffic = c.messages == 0 ? 0 : cost.trafficNs(c.maxPath, busiest);
        int link = busiest > 0 ? links.busiestLink() : -1;
        if (detailed != null) {
            double end = detailed.schedule(ps);
            slowest = detailed.computeNs();
            traffic = end - slowest;
            slowestCore = detailed.criticalCore();
            link = detailed.criticalLink();
        }
        double ns = slowest + traffic + cost.barrierNs();
        if (charges.any()) {
            extraPj(ps, c);
        }
        double pj = energyPj(c, ns, charges.any() ? extra : null, kindPj);
        long wait = Math.round(cost.meanWaitNs(busiest));
        waits[t & (WAITS - 1)] = wait;
        for (StepPartial p : ps) {
            if (!p.tallied) {
                shared().add(p.latencyCount, wait);
            }
        }
        pendingStepNs[pendingSteps++] = Math.max(0, Math.round(ns));
        if (pendingSteps == pendingStepNs.length) {
            recordStepTimes();
        }
        run.addCounts(c);
        timeNs += ns;
        append(ns, pj, slowestCore, link, c.spikes, c.synops, busiest);
        stepCompute[steps - 1] += slowest;
        stepTraffic[steps - 1] += traffic;
        lastClosed = t;
    }

    /**
     * Writes the energy of a step's counts lasting ns by kind into pj, in the order of {@link #ENERGY_KINDS}.
     *
     * @param extra the energy of the step's {@code core.events} (synaptic ops, neuron updates, spikes), or null
     * @return their sum, the step's energy, pJ
     */
    private double energyPj(StepSums c, double ns, double[] extra, double[] pj) {
        pj[0] = c.synops * cost.synopPj() + (extra == null ? 0 : extra[0]);
        pj[1] = c.active * cost.activePj() + c.inactive * cost.inactivePj() + (extra == null ? 0 : extra[1]);
        pj[2] = c.spikes * cost.spikePj() + c.messagesIn * cost.receivePj() + (extra == null ? 0 : extra[2]);
        pj[3] = cost.hopsPj(c.hopsEastWest, c.hopsNorthSouth, c.withinTile);
        pj[4] = cost.interChipPj(c.chipCrossings);
        pj[5] = c.learningUpdates * cost.learningPj();
        pj[6] = cost.barrierPj();
        pj[7] = cost.staticPj(ns);
        double sum = 0;
        for (double v : pj) {
            sum += v;
        }
        return sum;
    }

    /** the sums of the step being closed. */
    private final StepSums step;
    /** the sums of every step closed. */
    private final OpCounts run = new OpCounts();

    /** steps whose waits are kept: more than a shard's partials (four), so a closed step's wait is there to read. */
    private static final int WAITS = 8;
    /** the mean wait of each of the last {@link #WAITS} steps closed, ns, at {@code t & (WAITS - 1)}. */
    private final long[] waits = new long[WAITS];
    /** the last step closed: written after everything else of it. */
    private volatile int lastClosed;
    /**
     * the latencies of the partials whose shards do not tally their own (other partitions'), made when the first comes:
     * a run in one process has none.
     */
    private LatencyTally shared;
    /** the longest contention-free latency of a message, ns: what the latency tallies are sized for. */
    private final int maxLatency;
    /** the tallies of the shards that keep their own. */
    private final List<LatencyTally> tallies = new ArrayList<>();

    /** @return the last step closed */
    int lastClosed() {
        return lastClosed;
    }

    /**
     * @param t a step closed no more than {@value #WAITS} steps ago ({@link #lastClosed})
     * @return its mean wait, ns, which delays its messages' latencies
     */
    long waitOf(int t) {
        return waits[t & (WAITS - 1)];
    }

    private LatencyTally shared() {
        if (shared == null) {
            shared = new LatencyTally(maxLatency);
        }
        return shared;
    }

    /** Takes in a shard's own tally of latencies, whose counts {@link #latencyHistogram} then adds. */
    void addTally(LatencyTally tally) {
        tallies.add(tally);
    }

    /** @return tiles along x of the whole system */
    public int tilesX() {
        return gx;
    }

    /** Writes the energy of {@code core.events} in a step into {@link #extra}; adds the step's event counts to the run's. */
    private void extraPj(StepPartial[] ps, StepSums sums) {
        EventCharges.Counts c = stepCounts;
        c.clear();
        for (StepPartial p : ps) {
            for (int f = 0; f < 4; f++) {
                c.synopsByFormat[f] += p.synopsByFormat[f];
            }
            c.lifSpikes += p.lifSpikes;
            c.restingSpikes += p.restingSpikes;
            c.destinations += p.destinations;
        }
        c.active = sums.active;
        c.inactive = sums.inactive;
        c.spikes = sums.spikes;
        c.messages = sums.messages;
        c.messagesIn = sums.messagesIn;
        runCounts.add(c);
        charges.extraPj(c, extra);
    }

    /**
     * Makes room in the per-step series for every row up to step {@code end}, so that closing those steps grows no
     * array. A run calls this before its first step: the caller's thread closes steps between its own, and growing the
     * series there (at steps 1 026, 4 098 and 8 194 of a run) held the other shards 0.1-0.4 ms each time.
     *
     * @param end the last step the run will close
     */
    void reserve(int end) {
        long rows = ((long) end + every - 1) / every;
        if (rows > stepNs.length) {
            growSeries((int) Math.min(Integer.MAX_VALUE - 8, Math.max(rows, 2L * stepNs.length)));
        }
    }

    /** @return the rows the per-step series hold without growing */
    int seriesCapacity() {
        return stepNs.length;
    }

    /** Grows every per-step series to m rows. */
    private void growSeries(int m) {
        stepNs = Arrays.copyOf(stepNs, m);
        stepPj = Arrays.copyOf(stepPj, m);
        stepPjByKind = Arrays.copyOf(stepPjByKind, m * KINDS);
        critical = Arrays.copyOf(critical, m);
        criticalLink = Arrays.copyOf(criticalLink, m);
        stepSpikes = Arrays.copyOf(stepSpikes, m);
        stepSynops = Arrays.copyOf(stepSynops, m);
        stepBusiest = Arrays.copyOf(stepBusiest, m);
        windowSlowest = Arrays.copyOf(windowSlowest, m);
        stepCompute = Arrays.copyOf(stepCompute, m);
        stepTraffic = Arrays.copyOf(stepTraffic, m);
    }

    private void append(double ns, double pj, int core, int link, long sp, long sy, long busiest) {
        stepsClosed++;
        if (windowFill == 0) {
            if (steps == stepNs.length) {
                growSeries(steps * 2);
            }
            stepNs[steps] = 0;
            stepPj[steps] = 0;
            Arrays.fill(stepPjByKind, steps * KINDS, steps * KINDS + KINDS, 0);
            stepCompute[steps] = 0;
            stepTraffic[steps] = 0;
            critical[steps] = core;
            criticalLink[steps] = link;
            windowSlowest[steps] = -1;
            stepSpikes[steps] = 0;
            stepSynops[steps] = 0;
            stepBusiest[steps] = 0;
            steps++;
        }
        int row = steps - 1;
        stepNs[row] += ns;
        stepPj[row] += pj;
        for (int k = 0; k < KINDS; k++) {
            stepPjByKind[row * KINDS + k] += kindPj[k];
        }
        if (ns > windowSlowest[row]) {
            windowSlowest[row] = ns;
            critical[row] = core;
            criticalLink[row] = link;
        }
        stepSpikes[row] += sp;
        stepSynops[row] += sy;
        stepBusiest[row] = Math.max(stepBusiest[row], busiest);
        windowFill = windowFill + 1 == every ? 0 : windowFill + 1;
    }

    /**
     * Sums the per-step series over windows of k steps (for long runs); call before the first step.
     *
     * @param k steps per row of the series, at least 1
     */
    public void seriesEvery(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("steps per series row must be >= 1, got " + k);
        }
        if (stepsClosed > 0) {
            throw new IllegalStateException("the series window is set before the first step");
        }
        every = k;
    }

    /** @return steps per row of the series */
    public int seriesEvery() {
        return every;
    }

    /** @return steps closed so far */
    public int stepsClosed() {
        return stepsClosed;
    }

    /** @return rows of the per-step series (steps when the window is 1) */
    public int steps() {
        return steps;
    }

    /**
     * @param i row (0-based; a row is a step, or a window of {@link #seriesEvery()} steps summed)
     * @return simulated time of the row, ns
     */
    public double stepNs(int i) {
        return stepNs[i];
    }

    /**
     * @param i row
     * @return time of the row's slowest cores (compute phase), ns
     */
    public double stepComputeNs(int i) {
        return stepCompute[i];
    }

    /**
     * @param i row
     * @return time of the row's traffic (routing phase), ns; the rest of {@link #stepNs} is the barrier
     */
    public double stepTrafficNs(int i) {
        return stepTraffic[i];
    }

    /**
     * @param i step index
     * @return energy of the step, pJ
     */
    public double stepPj(int i) {
        return stepPj[i];
    }

    /**
     * @param i row
     * @param kind index in {@link #ENERGY_KINDS}
     * @return the row's energy of that kind, pJ; the kinds of a row add up to {@link #stepPj(int)} (of each step, in
     *         the kinds' order)
     */
    public double stepPj(int i, int kind) {
        return stepPjByKind[i * KINDS + Objects.checkIndex(kind, KINDS)];
    }

    /**
     * @param i row
     * @return global core number of the slowest core of the row's slowest step (-1 if none)
     */
    public int criticalCore(int i) {
        return critical[i] < 0 ? -1 : program.cores().get(critical[i]).globalCore();
    }

    /**
     * @param i row
     * @return the link that set the length of the row's slowest step: the busiest link (per-step model) or the
     *         busiest link on the path of the message that ended the step (detailed model), as
     *         {@code x:y:direction} of the tile it leaves; empty when none did
     */
    public String criticalLink(int i) {
        return linkName(criticalLink[i]);
    }

    /**
     * @param code a link code {@code direction * tiles + y * tilesX + x} (direction 0 east, 1 west, 2 north, 3 south)
     * @return {@code x:y:direction}, or empty for -1
     */
    String linkName(int code) {
        if (code < 0) {
            return "";
        }
        int tiles = gx * gy;
        String[] dirs = {"east", "west", "north", "south"};
        return code % tiles % gx + ":" + code % tiles / gx + ":" + dirs[code / tiles];
    }

    /** @return the time model's name: per-step or detailed */
    public String timeModel() {
        return program.chip().timeModel().yaml();
    }

    /**
     * @param i step index
     * @return spikes in the step
     */
    public long stepSpikes(int i) {
        return stepSpikes[i];
    }

    /**
     * @param i step index
     * @return synaptic ops in the step
     */
    public long stepSynops(int i) {
        return stepSynops[i];
    }

    /**
     * @param i row
     * @return messages on the busiest link in the row's busiest step
     */
    public long stepBusiestLink(int i) {
        return stepBusiest[i];
    }

    /**
     * @param direction 0 east, 1 west, 2 north, 3 south
     * @return messages over the run on each link of that direction, indexed {@code y * tilesX + x} of its source tile
     */
    public long[] linkTotals(int direction) {
        return links.totals(direction);
    }

    /** Sums the link loads over windows of k steps too (0: none), see {@link #linkLoadsByWindow}. */
    void linkLoadsEvery(int k) {
        links.every(k);
    }

    /** Closes the link window in progress at step t. */
    void flushLinkWindow(int t) {
        links.flushWindow(t);
    }

    /**
     * @return link loads by window: rows of {window end step, direction (0 east, 1 west, 2 north, 3 south), link
     *         index y * tilesX + x of its source tile, messages}
     */
    public long[][] linkLoadsByWindow() {
        return links.byWindow();
    }

    /** @return simulated time, ns */
    public double timeNs() {
        return timeNs;
    }

    /** @return synaptic events (synaptic ops) over the run */
    public long synops() {
        return run.synops;
    }

    /** @return spikes over the run */
    public long spikes() {
        return run.spikes;
    }

    /** @return energy by kind in pJ, and the total */
    public Map<String, Double> energyByKind() {
        double[] e = new double[3];
        if (charges.any()) {
            charges.extraPj(runCounts, e);
        }
        double[] pj = {
            run.synops * cost.synopPj() + e[0],
            run.active * cost.activePj() + run.inactive * cost.inactivePj() + e[1],
            run.spikes * cost.spikePj() + run.messagesIn * cost.receivePj() + e[2],
            cost.hopsPj(run.hopsEastWest, run.hopsNorthSouth, run.withinTile),
            cost.interChipPj(run.chipCrossings),
            run.learningUpdates * cost.learningPj(),
            // one barrier a step closed (not a row of the series, which may sum several steps)
            stepsClosed * cost.barrierPj(),
            cost.staticPj(timeNs)};
        Map<String, Double> m = new LinkedHashMap<>();
        double total = 0;
        for (int k = 0; k < KINDS; k++) {
            m.put(ENERGY_KINDS.get(k), pj[k]);
            total += pj[k];
        }
        m.put("total", total);
        return m;
    }

    /** @return counts over the run by kind */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("synaptic_ops", run.synops);
        m.put("neuron_updates_active", run.active);
        m.put("neuron_updates_inactive", run.inactive);
        m.put("spikes", run.spikes);
        m.put("messages", run.messages);
        m.put("messages_received", run.messagesIn);
        m.put("hops_east_west", run.hopsEastWest);
        m.put("hops_north_south", run.hopsNorthSouth);
        m.put("within_tile_messages", run.withinTile);
        m.put("chip_crossings", run.chipCrossings);
        m.put("buffer_overflows", links.bufferOverflows());
        if (charges.any()) {
            m.put("neuron_spikes", runCounts.lifSpikes);
            m.put("destination_cores", runCounts.destinations);
            m.put("synaptic_ops_dense", runCounts.synopsByFormat[EventCharges.DENSE]);
            m.put("synaptic_ops_sparse", runCounts.synopsByFormat[EventCharges.SPARSE]);
            m.put("synaptic_ops_shared", runCounts.synopsByFormat[EventCharges.SHARED]);
        }
        m.put("learning_updates", run.learningUpdates);
        return m;
    }

    /** @return step time distribution (ns) */
    public Histogram stepTimeHistogram() {
        recordStepTimes();
        return stepTime.copy();
    }

    /**
     * Step times (ns) not yet recorded into {@link #stepTime}, recorded a thousand at a time by
     * {@link #recordStepTimes}, outside {@link #close}: a histogram's first value takes a branch of its own (its
     * minimum and maximum), which the JIT had left out of close, so that every new engine in the same process threw
     * close back to the interpreter and recompiled it (4 000 neurons on 2 threads: the second engine's first 10 000
     * steps at 7-12 us a step against 2 us).
     */
    private final long[] pendingStepNs = new long[1024];
    private int pendingSteps;

    private void recordStepTimes() {
        for (int k = 0; k < pendingSteps; k++) {
            stepTime.recordValue(pendingStepNs[k]);
        }
        pendingSteps = 0;
    }

    /**
     * @return message latency distribution (ns) of the steps closed whose shards have added their latencies (all of
     *         them once a run returns)
     */
    public Histogram latencyHistogram() {
        if (shared != null) {
            shared.drainInto(latency);
        }
        for (LatencyTally k : tallies) {
            k.drainInto(latency);
        }
        return latency.copy();
    }
}
