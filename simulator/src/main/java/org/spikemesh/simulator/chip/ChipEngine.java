package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.TimeoutBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.RouteTable;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.learning.LearningState;
import org.spikemesh.simulator.Backend;
import org.spikemesh.simulator.HostPorts;
import org.spikemesh.simulator.RunConfig;

/**
 * Runs a {@link ChipProgram} on shards of cores, one thread per shard: the calling thread runs shard 0 and reports to
 * the listeners; worker threads run the others. Shards exchange one batch per step per pair over single-producer
 * Disruptor ring buffers, which is also the step barrier. A failure in any worker alerts every barrier and is
 * rethrown to the caller with its cause; {@link #close()} always returns.
 */
public final class ChipEngine implements Backend {
    private static final int RING_SIZE = 4;
    private static final int MAX_SHARDS = 64;
    private final ChipProgram program;
    private final CoreRuntime[] cores;
    private final Shard[] shards;
    private final Thread[] workers;
    private final List<SequenceBarrier> allBarriers = new ArrayList<>();
    private final Accounts accounts;
    private final Reporter reporter;
    private final Map<Process, List<CoreRuntime>> coresOf = new IdentityHashMap<>();
    private final Map<Process, List<ShardLearning.Block>> plasticOf = new IdentityHashMap<>();
    private volatile int target;
    private volatile boolean closed;
    private volatile Throwable failure;
    private int step;
    private int closedThrough;
    /**
     * true when probes read learning state or the host runs RefPorts: every step then ends in every shard before it is
     * reported and before the host reads and writes.
     */
    private boolean lockstep;
    private final HostPorts hostPorts;

    /**
     * @param graph the network the program was compiled from (for listener order and Var access)
     * @param program the compiled program
     * @param config seed, probes, listeners
     * @param threads worker threads including the caller (1 or more; capped at the number of cores mapped)
     */
    public ChipEngine(ProcessGraph graph, ChipProgram program, RunConfig config, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.program = program;
        int n = program.cores().size();
        this.cores = new CoreRuntime[n];
        for (CoreProgram cp : program.cores()) {
            cores[cp.index()] = new CoreRuntime(cp, config.seed());
            coresOf.computeIfAbsent(cp.process(), k -> new ArrayList<>()).add(cores[cp.index()]);
        }
        int s = Math.max(1, Math.min(Math.min(threads, MAX_SHARDS), n));
        int[] first = split(s);
        int[] shardOf = new int[n];
        int[] lo = new int[s];
        int[] hi = new int[s];
        for (int k = 0; k < s; k++) {
            lo[k] = first[k];
            hi[k] = first[k + 1];
            for (int c = lo[k]; c < hi[k]; c++) {
                shardOf[c] = k;
            }
        }
        CostModel cost = new CostModel(program.chip(), program.tilesInUse());
        boolean reporting = !config.listeners().isEmpty();
        this.reporter = reporting ? new Reporter(config.listeners(), config.probes(), config.recordSpikes(),
                Reporter.spikingOf(graph.schedule()), cores, lo, hi) : null;
        int maxLatency = 0;
        for (CoreProgram cp : program.cores()) {
            for (int slot = 0; slot < cp.routes().slots(); slot++) {
                maxLatency = Math.max(maxLatency, cp.routes().latencyNs(slot));
            }
        }
        int[] neuronBase = new int[n + 1];
        for (int c = 0; c < n; c++) {
            neuronBase[c + 1] = neuronBase[c] + cores[c].n;
        }
        long[] shardMask = new long[neuronBase[n]];
        for (CoreProgram cp : program.cores()) {
            RouteTable rt = cp.routes();
            for (int i = 0; i < cp.size(); i++) {
                long mask = 0;
                for (int r = rt.routeStart()[i]; r < rt.routeStart()[i + 1]; r++) {
                    mask |= 1L << shardOf[rt.destCore()[rt.neuronRoutes()[r] >>> RouteTable.AXON_BITS]];
                }
                shardMask[neuronBase[cp.index()] + i] = mask;
            }
        }
        this.shards = new Shard[s];
        for (int k = 0; k < s; k++) {
            int slots = 1;
            for (int c = lo[k]; c < hi[k]; c++) {
                slots = Math.max(slots, cores[c].slots());
            }
            NeuronArray na = new NeuronArray(cores, lo[k], hi[k], slots);
            for (int c = lo[k]; c < hi[k]; c++) {
                cores[c].neurons = na;
            }
            InboundTable inbound = InboundTable.build(program, neuronBase, shardOf, k, cores);
            shards[k] = new Shard(k, lo[k], hi[k], cores, neuronBase, shardMask, inbound, na, program, cost, s,
                    maxLatency, reporter, program.chip().timeModel() == org.spikemesh.chip.TimeModel.DETAILED);
            shards[k].learning = ShardLearning.build(program, lo[k], hi[k], neuronBase, inbound, config.seed());
            if (shards[k].learning != null) {
                for (ShardLearning.Block b : shards[k].learning.blocks) {
                    plasticOf.computeIfAbsent(b.program.process(), key -> new ArrayList<>()).add(b);
                }
            }
        }
        connect(s, threads);
        if (reporter != null) {
            reporter.plasticReader = v -> readPlastic(v, plasticOf.get(v.owner()));
            lockstep = reporter.needsLockstep();
        }
        this.hostPorts = new HostPorts(graph);
        lockstep |= !hostPorts.isEmpty();
        this.accounts = new Accounts(cost, program);
        this.workers = new Thread[s - 1];
        for (int k = 1; k < s; k++) {
            Shard sh = shards[k];
            workers[k - 1] = new Thread(() -> work(sh), "spikemesh-shard-" + k);
            workers[k - 1].setDaemon(true);
            workers[k - 1].start();
        }
    }

    /** Splits cores into contiguous shards of about equal work (neurons plus synapses). */
    private int[] split(int s) {
        int n = cores.length;
        long total = 0;
        long[] w = new long[n];
        for (int c = 0; c < n; c++) {
            w[c] = cores[c].n + (long) cores[c].program.synapses().synapses();
            total += w[c];
        }
        int[] first = new int[s + 1];
        long acc = 0;
        int k = 1;
        for (int c = 0; c < n && k < s; c++) {
            acc += w[c];
            int remainingCores = n - (c + 1);
            if (acc * s >= total * k || remainingCores == s - k) {
                first[k++] = c + 1;
            }
        }
        first[s] = n;
        return first;
    }

    /**
     * @return how long a shard waits for another's batch before it declares that shard stalled: the system property
     *         {@code spikemesh.engine.stall-seconds} (default 120)
     */
    static long stallMillis() {
        return (long) (Double.parseDouble(System.getProperty("spikemesh.engine.stall-seconds", "120")) * 1000);
    }

    private final long stallMillis = stallMillis();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void connect(int s, int threads) {
        if (s == 1) {
            return;
        }
        boolean spin = threads <= Runtime.getRuntime().availableProcessors();
        for (Shard sh : shards) {
            sh.out = new RingBuffer[s];
            sh.in = new RingBuffer[s];
            sh.barriers = new SequenceBarrier[s];
            sh.consumed = new Sequence[s];
        }
        for (int from = 0; from < s; from++) {
            for (int to = 0; to < s; to++) {
                if (from == to) {
                    continue;
                }
                // a shard that waits longer than the stall limit for a batch ends the run with an error naming the
                // silent shard, instead of hanging (a shard that fails throws at once; this catches one that stops)
                WaitStrategy ws = spin
                        ? new PhasedBackoffWaitStrategy(200, 2000, TimeUnit.MICROSECONDS,
                                new LiteTimeoutBlockingWaitStrategy(stallMillis, TimeUnit.MILLISECONDS))
                        : new TimeoutBlockingWaitStrategy(stallMillis, TimeUnit.MILLISECONDS);
                RingBuffer<Batch> ring = RingBuffer.createSingleProducer(Batch::new, RING_SIZE, ws);
                Sequence consumed = new Sequence(-1);
                ring.addGatingSequences(consumed);
                SequenceBarrier barrier = ring.newBarrier();
                allBarriers.add(barrier);
                shards[from].out[to] = ring;
                shards[to].in[from] = ring;
                shards[to].barriers[from] = barrier;
                shards[to].consumed[from] = consumed;
            }
        }
    }

    private void work(Shard sh) {
        try {
            while (!closed) {
                int t = sh.completed;
                if (t >= target) {
                    LockSupport.parkNanos(this, 1_000_000);
                    continue;
                }
                sh.step(t + 1);
            }
        } catch (AlertException e) {
            // closing or another shard failed: stop quietly
        } catch (Throwable e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        for (SequenceBarrier b : allBarriers) {
            b.alert();
        }
    }

    private void rethrow() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("chip engine failed: " + f, f);
        }
    }

    @Override
    public void step() {
        run(1);
    }

    @Override
    public void run(int steps) {
        rethrow();
        if (closed) {
            throw new IllegalStateException("chip engine is closed");
        }
        int end = step + steps;
        target = lockstep ? step + 1 : end;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        Shard s0 = shards[0];
        int first = step + 1;
        try {
            for (int t = first; t <= end; t++) {
                if (reporter != null) {
                    reporter.begin(t);
                }
                if (lockstep && t > first) {
                    target = t;
                    for (Thread w : workers) {
                        LockSupport.unpark(w);
                    }
                }
                s0.step(t);
                if (lockstep) {
                    awaitWorkers(t);
                }
                step = t;
                if (t - 1 > closedThrough) {
                    accounts.close(t - 1, shards);
                    closedThrough = t - 1;
                }
                if (reporter != null) {
                    reporter.flush(t);
                }
                if (!hostPorts.isEmpty()) {
                    hostPorts.apply(t, this);
                }
            }
            awaitWorkers(end);
            if (end > closedThrough) {
                accounts.close(end, shards);
                closedThrough = end;
            }
        } catch (AlertException | TimeoutException e) {
            rethrow();
            throw new IllegalStateException("chip engine was closed during a run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            rethrow();
        } catch (RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    private void awaitWorkers(int end) {
        for (int k = 1; k < shards.length; k++) {
            while (shards[k].completed < end) {
                rethrow();
                if (closed) {
                    throw new IllegalStateException("chip engine was closed during a run");
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public int currentStep() {
        return step;
    }

    /** @return the time and energy accounts of the run so far */
    public Accounts accounts() {
        return accounts;
    }

    /**
     * Makes one shard throw at a given step, to test that failures reach the caller.
     *
     * @param shard shard number
     * @param step step at which it throws
     */
    void injectFault(int shard, int step) {
        shards[shard].faultAtStep = step;
    }

    /** For tests: shard {@code shard} stops at {@code step} without an error, as a lost shard would. */
    void injectStall(int shard, int step) {
        shards[shard].stallAtStep = step;
    }

    /**
     * Keeps per-core counts summed over windows of k steps (0: off, the default); call before the first step.
     *
     * @param k steps per window
     */
    public void coreCountersEvery(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("steps per core-counter window must be >= 0, got " + k);
        }
        if (step > 0) {
            throw new IllegalStateException("the core-counter window is set before the first step");
        }
        for (Shard s : shards) {
            s.windowSteps = k;
        }
        accounts.linkLoadsEvery(k);
    }

    /**
     * Per-core counts by window, in step then core order; the window in progress is closed first. Call between runs.
     *
     * @return rows of {window end step, global core, synaptic ops, active updates, spikes, messages in, messages out,
     *         busy ns as {@link Double#doubleToLongBits}}
     */
    public long[][] coreCountersByWindow() {
        for (Shard s : shards) {
            s.flushWindow(step);
        }
        accounts.flushLinkWindow(step);
        int windows = shards[0].windowRowCount / Math.max(1, shards[0].last - shards[0].first);
        java.util.List<long[]> rows = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            for (Shard s : shards) {
                int size = s.last - s.first;
                for (int k = 0; k < size; k++) {
                    int at = (w * size + k) * 8;
                    long[] r = java.util.Arrays.copyOfRange(s.windowRows, at, at + 8);
                    r[1] = program.cores().get((int) r[1]).globalCore();
                    rows.add(r);
                }
            }
        }
        return rows.toArray(new long[0][]);
    }

    /**
     * @return bytes of the engine's own tables: inbound synapse tables, per-route hop and span data, neuron arrays
     *         and rings (the program's tables come on top)
     */
    public long tableBytes() {
        long b = 0;
        for (Shard s : shards) {
            b += s.tableBytes();
        }
        return b;
    }

    /** @return shards in use */
    public int shards() {
        return shards.length;
    }

    /** @return the program being run */
    public ChipProgram program() {
        return program;
    }

    /**
     * @param coreIndex program core index
     * @return run totals of that core: synops, active, inactive, spikes, messages in, messages out, spikes that left
     *         their neuron at rest
     */
    public long[] coreTotals(int coreIndex) {
        Shard s = shardOfCore(coreIndex);
        return s.totals(coreIndex - s.first);
    }

    /**
     * @param coreIndex program core index
     * @return simulated busy time of that core over the run, ns
     */
    public double coreTimeNs(int coreIndex) {
        Shard s = shardOfCore(coreIndex);
        return s.timeNs(coreIndex - s.first);
    }

    private Shard shardOfCore(int coreIndex) {
        for (Shard s : shards) {
            if (coreIndex >= s.first && coreIndex < s.last) {
                return s;
            }
        }
        throw new IllegalArgumentException("core " + coreIndex + " is not in this program");
    }

    private double[] readPlastic(Var var, List<ShardLearning.Block> blocks) {
        double[] r = new double[var.size()];
        boolean preTrace = var.name().startsWith("x");
        for (ShardLearning.Block b : blocks) {
            if (preTrace) {
                // a core keeps the pre traces of the inputs that have synapses on it
                int[] src = b.state.preTrace(var.name().charAt(1) - '1');
                for (int i = 0; i < src.length; i++) {
                    if (b.source[i] >= 0) {
                        r[i] = src[i];
                    }
                }
            } else {
                LearningState.readFixed(var.name(), b.state, b.varIndex, r);
            }
        }
        return r;
    }

    private void writePlastic(Var var, double[] values, List<ShardLearning.Block> blocks) {
        double[] full = var.expand(values);
        for (ShardLearning.Block b : blocks) {
            LearningState.writeFixed(var.owner().name(), var.name(), full, b.state, b.varIndex);
            b.refresh();
        }
        var.set(readPlastic(var, blocks));
    }

    private List<CoreRuntime> coresOf(Var var) {
        List<CoreRuntime> cs = coresOf.get(var.owner());
        if (cs == null) {
            throw ModelException.of(var.owner().name(), var.name(), "is not mapped to the chip in this run");
        }
        return cs;
    }

    @Override
    public double[] read(Var var) {
        List<ShardLearning.Block> blocks = plasticOf.get(var.owner());
        if (blocks != null) {
            return readPlastic(var, blocks);
        }
        List<CoreRuntime> cs = coresOf(var);
        Process p = var.owner();
        if (p instanceof LIF && (var == ((LIF) p).u() || var == ((LIF) p).v())) {
            double[] r = new double[var.size()];
            for (CoreRuntime c : cs) {
                int[] src = var == ((LIF) p).u() ? c.neurons.u : c.neurons.v;
                for (int i = 0; i < c.n; i++) {
                    r[c.program.lo() + i] = src[c.base + i];
                }
            }
            return r;
        }
        return var.get();
    }

    @Override
    public void write(Var var, double[] values) {
        List<ShardLearning.Block> blocks = plasticOf.get(var.owner());
        if (blocks != null) {
            writePlastic(var, values, blocks);
            return;
        }
        List<CoreRuntime> cs = coresOf(var);
        Process p = var.owner();
        if (!(p instanceof LIF)) {
            throw ModelException.of(p.name(), var.name(), "cannot be changed on the chip engine between runs; only"
                    + " LIF state and parameters can");
        }
        LIF lif = (LIF) p;
        var.set(values);
        lif.validate(org.spikemesh.process.NumericModel.FIXED_PT);
        for (CoreRuntime c : cs) {
            for (int i = 0; i < c.n; i++) {
                int g = c.program.lo() + i;
                if (var == lif.u()) {
                    c.neurons.u[c.base + i] = (int) var.get(g);
                } else if (var == lif.v()) {
                    c.neurons.v[c.base + i] = (int) var.get(g);
                } else {
                    c.program.neurons().factorU()[i] = FixedPoint.DECAY_UNITY - ((int) lif.du().get(g) + 1);
                    c.program.neurons().factorV()[i] = FixedPoint.DECAY_UNITY - (int) lif.dv().get(g);
                    c.program.neurons().bias()[i] = (int) lif.biasMant().get(g) << (int) lif.biasExp().get(g);
                    c.program.neurons().vth()[i] = (int) lif.vth().get(g) << FixedPoint.VTH_SHIFT;
                }
            }
            c.refreshUniform();
        }
        for (CoreRuntime c : cs) {
            c.neurons.buildRuns();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (SequenceBarrier b : allBarriers) {
            b.alert();
        }
        for (Thread w : workers) {
            LockSupport.unpark(w);
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
