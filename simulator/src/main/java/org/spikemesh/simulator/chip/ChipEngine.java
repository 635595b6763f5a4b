package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.TimeoutBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
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
    /** every shard of the run by number; null for shards in other partitions. */
    private final Shard[] shards;
    /** this process's shards, in order; the first runs on the calling thread. */
    private final Shard[] local;
    /** coordinator: shards in other partitions by number (null for local ones and on followers). */
    private final RemoteShard[] remote;
    private final PartitionPlan plan;
    private final int[] partitionOfShard;
    /** per core of the program, its shard. */
    private final int[] shardOf;
    /** the partitioned side of a run split over processes, or null. */
    private PartitionRun partitioned;
    private final Thread[] workers;
    /**
     * whether every shard here has a processor of its own, worked out once for the whole engine: its shards then spin
     * before they yield while waiting for a batch (Shard#awaitBatch), the rings' wait strategies spin, and idle workers
     * spin, yield and poll (see work) instead of being woken by {@link #run}.
     */
    private final boolean workersSpin;
    /** where the cores sit, shared by the shards (read only). */
    private final RouteGeometry geometry;
    private final List<SequenceBarrier> allBarriers = new ArrayList<>();
    private final Accounts accounts;
    private final Reporter reporter;
    /** where the processes' Vars are read and written between runs. */
    private final EngineVars vars;
    private final ShardDiagnostics diagnostics;
    private volatile int target;
    private volatile boolean closed;
    private volatile Throwable failure;
    private int step;
    /** closes the steps every shard has completed into the accounts. */
    private final StepCloser closer;
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
        this(graph, program, config, threads, null, null);
    }

    /**
     * One partition of a run split over processes: this process runs the cores of {@code plan}'s partition; spikes to
     * and from the others travel over {@code wire}. Partition 0 (the coordinator) is driven with {@link #run} and
     * keeps the accounts and reports; the others call {@link #serve()}. Every partition must be built from the same
     * network, chip, config and plan, which the partitions check when they join.
     *
     * @param graph the network the program was compiled from
     * @param program the compiled program
     * @param config seed, probes, listeners (listeners only matter on the coordinator)
     * @param threads worker threads of this partition (the plan's threads)
     * @param plan how the chips are split, or null for a single-process run
     * @param wire the transport to the other partitions (null without a plan); the caller closes it after the engine
     */
    public ChipEngine(ProcessGraph graph, ChipProgram program, RunConfig config, int threads, PartitionPlan plan,
                      PartitionWire wire) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        // the engine keeps the program without its synapse and route arrays, or the replay of a streamed program:
        // it builds its own delivery tables from the program's segments below, and the caller may then let the
        // program go
        this.program = program.withoutTables();
        int n = program.cores().size();
        this.cores = new CoreRuntime[n];
        this.vars = new EngineVars(plan != null);
        for (CoreProgram cp : this.program.cores()) {
            cores[cp.index()] = new CoreRuntime(cp, config.seed());
            vars.core(cores[cp.index()]);
        }
        this.plan = plan;
        int[] first = shardBounds(plan, threads, n);
        int s = first.length - 1;
        int[] lo = java.util.Arrays.copyOfRange(first, 0, s);
        int[] hi = java.util.Arrays.copyOfRange(first, 1, s + 1);
        this.shardOf = shardOfEachCore(lo, hi, n);
        this.partitionOfShard = new int[s];
        for (int k = 0; k < s; k++) {
            partitionOfShard[k] = plan == null ? 0 : plan.partitionOf(lo[k]);
        }
        int me = plan == null ? 0 : plan.index();
        if (plan != null) {
            PartitionRun.refuseUnsupported(graph, program, config);
        }
        refuseForeignProbes(graph, config);
        CostModel cost = new CostModel(program.chip(), program.tilesInUse());
        // a follower records what the coordinator reports, into its batches to shard 0
        boolean reporting = me == 0 ? !config.listeners().isEmpty()
                : config.recordSpikes() || !config.probes().isEmpty();
        this.reporter = reporting ? new Reporter(config.listeners(), config.probes(), config.recordSpikes(),
                Reporter.spikingOf(graph.schedule()), cores, lo, hi) : null;
        int[] neuronBase = neuronBase(cores);
        this.geometry = new RouteGeometry(program);
        boolean[] runsHere = new boolean[s];
        int here = 0;
        for (int k = 0; k < s; k++) {
            runsHere[k] = partitionOfShard[k] == me;
            here += runsHere[k] ? 1 : 0;
        }
        // a shard's worker spins while it waits only when every shard here has a processor of its own
        this.workersSpin = here <= Runtime.getRuntime().availableProcessors();
        // the arrays give each core its base in its shard's arrays, which the delivery tables are built with
        NeuronArray[] arrays = neuronArrays(lo, hi, runsHere);
        InboundBuilder built = InboundBuilder.build(program, neuronBase, shardOf, lo, hi, runsHere, cores, geometry);
        int maxLatency = built.maxLatency;
        boolean detailed = program.chip().timeModel() == org.spikemesh.chip.TimeModel.DETAILED;
        this.shards = new Shard[s];
        this.remote = new RemoteShard[s];
        buildShards(program, config, cost, built, arrays, neuronBase, first, runsHere, me == 0, detailed);
        this.local = java.util.Arrays.stream(shards).filter(java.util.Objects::nonNull).toArray(Shard[]::new);
        watchKernels();
        this.diagnostics = new ShardDiagnostics(local);
        connect(s);
        if (reporter != null) {
            reporter.plasticReader = vars::readPlastic;
            lockstep = reporter.needsLockstep();
        }
        this.hostPorts = new HostPorts(graph);
        lockstep |= !hostPorts.isEmpty();
        if (reporter != null || !hostPorts.isEmpty()) {
            // before any thread starts
            requireCompiledFrom(graph, program);
        }
        this.accounts = new Accounts(cost, this.program, maxLatency, detailed
                ? new DetailedRoutes(program, cost.charges()) : null);
        if (plan == null) {
            tallyLatenciesInShards(maxLatency);
        }
        this.closer = new StepCloser(accounts, shards, remote, local, this::rethrow);
        this.workers = startWorkers();
        if (plan != null) {
            partitioned = new PartitionRun(this, plan, remote);
            closer.awaitRemote(partitioned::awaitRemote);
            partitioned.start(program, config, wire, partitionOfShard, outbound, inbound, local);
        }
    }

    /**
     * @return the first core of each shard and, last, the number of cores: {@code threads} shards of about equal work,
     *         or the plan's partitions' shards
     */
    private int[] shardBounds(PartitionPlan plan, int threads, int n) {
        int[] first = plan == null ? split(0, n, Math.max(1, Math.min(Math.min(threads, MAX_SHARDS), n)))
                : partitionedSplit(plan);
        int s = first.length - 1;
        if (s > MAX_SHARDS) {
            throw new PartitionException(s + " shards in all partitions together; the engine runs at most "
                    + MAX_SHARDS + ": use fewer threads per partition");
        }
        return first;
    }

    /**
     * Refuses a program compiled from another network than the one given, for a run that reports spikes or probes or
     * runs RefPorts: those go through the processes of the graph, which must be the ones the program's cores simulate
     * (the same network built twice has other processes). A run that only keeps its accounts reads nothing of the
     * graph's processes, and reading or writing a Var of a process not in the program says so itself.
     */
    private static void requireCompiledFrom(ProcessGraph graph, ChipProgram program) {
        java.util.Set<Process> given = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        given.addAll(graph.processes());
        for (CoreProgram cp : program.cores()) {
            if (!given.contains(cp.process())) {
                throw new IllegalArgumentException("the program was compiled from another network: process '"
                        + cp.process().name() + "' of core " + cp.index() + " is not in the network given to the"
                        + " engine, whose spikes, probes and ports are reported; compile the network that is run");
            }
        }
    }

    /** @return the shard of every core, given each shard's first core (lo) and end (hi) */
    private static int[] shardOfEachCore(int[] lo, int[] hi, int n) {
        int[] of = new int[n];
        for (int k = 0; k < lo.length; k++) {
            java.util.Arrays.fill(of, lo[k], hi[k], k);
        }
        return of;
    }

    /** @return each core's first neuron in the program's order of neurons, and last the number of neurons */
    private static int[] neuronBase(CoreRuntime[] cores) {
        int[] base = new int[cores.length + 1];
        for (int c = 0; c < cores.length; c++) {
            base[c + 1] = base[c] + cores[c].n;
        }
        return base;
    }

    /**
     * Makes the shards that run here, with their delivery tables, neuron arrays and learning, and, on the coordinator,
     * a stand-in for every shard that runs in another process.
     *
     * @param arrays the neuron arrays of the shards that run here
     * @param first each shard's first core and, last, the number of cores
     * @param coordinator whether this process keeps the accounts (partition 0)
     */
    private void buildShards(ChipProgram program, RunConfig config, CostModel cost, InboundBuilder built,
                             NeuronArray[] arrays, int[] neuronBase, int[] first, boolean[] runsHere,
                             boolean coordinator, boolean detailed) {
        int s = first.length - 1;
        for (int k = 0; k < s; k++) {
            if (runsHere[k]) {
                InboundTable inbound = built.tables[k];
                built.tables[k] = null;
                // one shard: every message stays in it, and no mask is kept (8 bytes per neuron, a cache miss a spike)
                shards[k] = new Shard(k, first[k], first[k + 1], cores, neuronBase, built.shardMask, inbound, arrays[k],
                        this.program, geometry, cost, s, built.maxLatency, reporter, detailed, workersSpin);
                learnIn(shards[k], program, neuronBase, inbound, config.seed());
            } else if (coordinator) {
                remote[k] = remoteShard(k, first[k], first[k + 1], built.maxLatency, detailed);
            }
        }
    }

    /** @return per shard that runs here the neuron state of its cores (null for the others), given to its cores */
    private NeuronArray[] neuronArrays(int[] lo, int[] hi, boolean[] runsHere) {
        NeuronArray[] arrays = new NeuronArray[lo.length];
        for (int k = 0; k < lo.length; k++) {
            if (runsHere[k]) {
                int slots = 1;
                for (int c = lo[k]; c < hi[k]; c++) {
                    slots = Math.max(slots, cores[c].slots());
                }
                arrays[k] = new NeuronArray(cores, lo[k], hi[k], slots);
                for (int c = lo[k]; c < hi[k]; c++) {
                    cores[c].neurons = arrays[k];
                }
            }
        }
        return arrays;
    }

    /** Gives a shard the plastic synapses of its cores, if any, and registers their blocks for Var access. */
    private void learnIn(Shard shard, ChipProgram program, int[] neuronBase, InboundTable inbound, long seed) {
        shard.learning = ShardLearning.build(program, shard.first, shard.last, neuronBase, inbound, seed);
        if (shard.learning != null) {
            for (ShardLearning.Block b : shard.learning.blocks) {
                vars.plastic(b);
            }
        }
    }

    /** @return the coordinator's stand-in for shard k of another partition, with its ring of partials */
    private RemoteShard remoteShard(int k, int lo, int hi, int maxLatency, boolean detailed) {
        RemoteShard r = new RemoteShard(k, lo, hi, partitionOfShard[k]);
        for (int j = 0; j < 4; j++) {
            r.partials[j] = new StepPartial(program.tilesX(), program.tilesY(), maxLatency,
                    program.chip().router().multicast(), detailed ? new SpikeLog(lo, hi - lo,
                    CoreTimes.neurons(cores, lo, hi)) : null);
        }
        return r;
    }

    /** Each shard tallies its own messages' latencies: the closer of a step reads none of another shard's. */
    private void tallyLatenciesInShards(int maxLatency) {
        for (Shard sh : local) {
            LatencyTally own = new LatencyTally(maxLatency);
            accounts.addTally(own);
            sh.tallyLatencies(own, accounts);
        }
    }

    /**
     * Starts a thread for every shard here but the first (the caller's thread runs it); with several shards in one
     * process, a shard that waits closes steps meanwhile.
     *
     * @return the threads started
     */
    private Thread[] startWorkers() {
        Thread[] started = new Thread[local.length - 1];
        for (int k = 1; k < local.length; k++) {
            Shard sh = local[k];
            started[k - 1] = new Thread(() -> work(sh), "spikemesh-shard-" + sh.id);
            started[k - 1].setDaemon(true);
            started[k - 1].start();
        }
        if (plan == null && local.length > 1) {
            for (Shard sh : local) {
                sh.whileWaiting = closer::closeWhileWaiting;
            }
        }
        return started;
    }

    /** Synapses per thread below which another thread costs more in per-step hand-over than it saves. */
    static final long SYNAPSES_PER_THREAD = 1_000_000;

    /**
     * The thread count to use when none is asked for: one per {@value #SYNAPSES_PER_THREAD} synapses, at least one and
     * at most {@code cores}. Every step ends with each shard handing its spikes to the others and waiting for theirs;
     * on a small network that costs about as much as the whole step, and on this 2-core machine the two threads
     * stalled together for 0.1 ms or more in up to one step in ten while they shared one processor. CUBA at 4 000
     * neurons (320 000 synapses) ran 0.045 s on 1 thread and 0.044-0.2 s on 2; at 16 000 (1.3 M synapses) 0.28 s
     * against 0.19-0.32 s; at 32 000 (2.6 M) 0.62 against 0.34 s, and at 64 000 1.7-1.9x faster on 2.
     *
     * @param program the program
     * @param cores processors available
     * @return threads
     */
    public static int suggestedThreads(ChipProgram program, int cores) {
        return (int) Math.max(1, Math.min(cores, program.synapses() / SYNAPSES_PER_THREAD));
    }

    /** Splits cores lo..hi-1 into s contiguous shards of about equal work (neurons plus synapses). */
    private int[] split(int lo, int hi, int s) {
        long[] w = new long[cores.length];
        for (int c = lo; c < hi; c++) {
            w[c] = cores[c].n + (long) cores[c].program.synapses().synapses();
        }
        return PartitionPlan.balanced(w, lo, hi, s);
    }

    /** Every partition's cores split into the same number of threads' shards, partitions in order. */
    private int[] partitionedSplit(PartitionPlan p) {
        java.util.List<Integer> bounds = new ArrayList<>();
        for (int q = 0; q < p.count(); q++) {
            int lo = p.coreFirst(q);
            int hi = p.coreEnd(q);
            int[] f = split(lo, hi, Math.max(1, Math.min(p.threads(), hi - lo)));
            for (int k = 0; k < f.length - 1; k++) {
                bounds.add(f[k]);
            }
        }
        bounds.add(cores.length);
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @return how long a shard waits for another's batch before it declares that shard stalled: the system property
     *         {@code spikemesh.engine.stall-seconds} (default 120)
     */
    static long stallMillis() {
        return (long) (Double.parseDouble(System.getProperty("spikemesh.engine.stall-seconds", "120")) * 1000);
    }

    private final long stallMillis = stallMillis();

    /** local-to-remote rings the bridge drains. */
    private final List<OutboundLink> outbound = new ArrayList<>();
    /** remote-to-local rings the bridge fills, by [from][to]. */
    private RingBuffer<Batch>[][] inbound;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void connect(int s) {
        inbound = new RingBuffer[s][s];
        if (s == 1) {
            return;
        }
        boolean spin = plan == null && workersSpin;
        for (Shard sh : local) {
            sh.out = new RingBuffer[s];
            sh.in = new RingBuffer[s];
            sh.barriers = new SequenceBarrier[s];
            sh.consumed = new Sequence[s];
        }
        for (int from = 0; from < s; from++) {
            for (int to = 0; to < s; to++) {
                if (from == to || shards[from] == null && shards[to] == null) {
                    continue;
                }
                // a shard that waits longer than the stall limit for a batch ends the run with an error naming the
                // silent shard, instead of hanging (a shard that fails throws at once; this catches one that stops)
                boolean crossing = shards[from] == null || shards[to] == null;
                WaitStrategy ws = new UninterruptibleWait(shards[from] == null
                        ? new PumpingWaitStrategy(this::pumpBridge, stallMillis * 1_000_000L)
                        : spin
                        ? new PhasedBackoffWaitStrategy(200, 2000, TimeUnit.MICROSECONDS,
                                new LiteTimeoutBlockingWaitStrategy(stallMillis, TimeUnit.MILLISECONDS))
                        : plan != null
                        ? new PhasedBackoffWaitStrategy(20, 200, TimeUnit.MICROSECONDS,
                                new TimeoutBlockingWaitStrategy(stallMillis, TimeUnit.MILLISECONDS))
                        : new TimeoutBlockingWaitStrategy(stallMillis, TimeUnit.MILLISECONDS));
                // the bridge that fills a ring from another partition may run on any waiting thread (one at a time);
                // shard 0 runs on the thread that calls run(), which may be another at each call (a continuous run's
                // start and resume each start one): a single-producer ring asserts one producing thread (with -ea,
                // "Accessed by two threads"), so its rings take several producers, one at a time (one CAS a step)
                RingBuffer<Batch> ring = shards[from] == null || from == 0 ? RingBuffer.createMultiProducer(
                        Batch::new, crossing ? 2 * RING_SIZE : RING_SIZE, ws)
                        : RingBuffer.createSingleProducer(Batch::new, crossing ? 2 * RING_SIZE : RING_SIZE, ws);
                Sequence consumed = new Sequence(-1);
                ring.addGatingSequences(consumed);
                SequenceBarrier barrier = ring.newBarrier();
                allBarriers.add(barrier);
                if (shards[from] != null) {
                    shards[from].out[to] = ring;
                } else {
                    inbound[from][to] = ring;
                }
                if (shards[to] != null) {
                    if (shards[from] == null) {
                        if (shards[to].fromOtherPartition == null) {
                            shards[to].fromOtherPartition = new boolean[s];
                        }
                        shards[to].fromOtherPartition[from] = true;
                    }
                    shards[to].in[from] = ring;
                    shards[to].barriers[from] = barrier;
                    shards[to].consumed[from] = consumed;
                } else {
                    outbound.add(new OutboundLink(from, to, ring, consumed));
                }
            }
        }
    }

    /** One duty cycle of the bridge on the calling thread (0 when another thread is in it, or without one). */
    private int pumpBridge() {
        PartitionRun p = partitioned;
        return p == null ? 0 : p.pump();
    }

    /**
     * How many steps back the run loop closes after the caller's step t: t - 1 with one shard, in lockstep or in a
     * run split over processes; t - 2 with several shards here, which leaves the last step to the shards' waits
     * ({@link StepCloser#closeWhileWaiting}), where the closing costs no step, instead of to the caller's thread between its steps, where
     * it holds up its next batch (it also spun there while a waiting shard held the closing). A shard reusing the
     * partial of step t - 4 still finds it closed: it began step t after the caller's batch of step t - 1, sent after
     * the caller closed step t - 4. CUBA at 64 000 neurons on 2 threads, processes taking turns: 0.301, 0.305, 0.300,
     * 0.297 s against 0.305, 0.312, 0.300, 0.303 s (docs/performance.md, seventeenth round).
     */
    private int closeLag() {
        return plan == null && local.length > 1 && !lockstep ? 2 : 1;
    }

    /** Throws the run's failure, or an alert when the engine is closed: for waits outside the shards. */
    void checkLive() throws AlertException {
        rethrow();
        if (closed) {
            throw AlertException.INSTANCE;
        }
    }

    /** how long an idle worker spins, then yields, before it parks between runs, ns. */
    private static final long IDLE_SPIN_NANOS = 100_000;
    private static final long IDLE_YIELD_NANOS = 5_000_000;
    /** how often a parked idle worker looks for a new run, ns: {@link #run} does not wake it (see there). */
    private static final long IDLE_POLL_NANOS = 1_000_000;
    /**
     * after this long idle a worker stops polling and sleeps until {@link #run} or {@link #close} wakes it (or
     * {@link #asleepNanos} pass): an engine left open between runs, or never closed, cost every worker a wake-up
     * each millisecond for as long as the process lived.
     */
    private static final long IDLE_SLEEP_AFTER_NANOS = 1_000_000_000L;
    /**
     * how long an asleep worker sleeps before it looks for a run by itself (system property
     * {@code spikemesh.engine.idle-sleep-seconds}, default 1; tests set it long, so that a lost wake-up shows).
     */
    private final long asleepNanos = (long) (Double.parseDouble(System.getProperty(
            "spikemesh.engine.idle-sleep-seconds", "1")) * 1e9);
    /** workers asleep ({@link #IDLE_SLEEP_AFTER_NANOS}): {@link #run} wakes them. */
    private final java.util.concurrent.atomic.AtomicInteger asleep = new java.util.concurrent.atomic.AtomicInteger();
    /** times idle workers parked or slept, for tests. */
    final java.util.concurrent.atomic.AtomicLong idleParks = new java.util.concurrent.atomic.AtomicLong();

    private void work(Shard sh) {
        boolean spin = workersSpin;
        try {
            long idleSince = 0;
            while (!closed) {
                int t = sh.completed;
                if (t >= target) {
                    // between two run() calls (a caller running in chunks, as the benchmarks and the CLI do) the next
                    // target comes within microseconds: spin, then yield, and park only after IDLE_YIELD_NANOS. Parking
                    // at once cost a wake-up per call, which on this virtual machine took up to milliseconds: 4 000
                    // neurons on 2 threads in chunks of 100 steps ran 0.15-0.3 s instead of 0.05 s.
                    long now = System.nanoTime();
                    idleSince = idleSince == 0 ? now : idleSince;
                    if (spin && now - idleSince < IDLE_SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else if (spin && now - idleSince < IDLE_YIELD_NANOS) {
                        Thread.yield();
                    } else if (now - idleSince < IDLE_SLEEP_AFTER_NANOS) {
                        idleParks.incrementAndGet();
                        LockSupport.parkNanos(this, IDLE_POLL_NANOS);
                    } else {
                        sleep(sh);
                    }
                    continue;
                }
                idleSince = 0;
                sh.step(t + 1);
            }
        } catch (AlertException e) {
            // closing or another shard failed: stop quietly
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * A worker idle for {@link #IDLE_SLEEP_AFTER_NANOS}: counted as asleep before it looks at the target a last time,
     * so that {@link #run}, which sets the target before it looks at the count, either is seen here or wakes it.
     */
    private void sleep(Shard sh) {
        asleep.incrementAndGet();
        try {
            if (sh.completed >= target && !closed) {
                idleParks.incrementAndGet();
                LockSupport.parkNanos(this, asleepNanos);
            }
        } finally {
            asleep.decrementAndGet();
        }
    }

    /** @return the first failure of any thread of this engine, or null */
    Throwable failure() {
        return failure;
    }

    /** Follower: the coordinator asked to run up to step t. */
    void follow(int t) {
        target = t;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        Thread h = home;
        if (h != null) {
            LockSupport.unpark(h);
        }
    }

    /** Follower: the coordinator ended the run. */
    void closeFromCoordinator() {
        coordinatorClosed = true;
        follow(target);
    }

    private volatile Thread home;
    private volatile boolean coordinatorClosed;

    /**
     * Runs this follower partition's first shard on the calling thread, step by step as the coordinator asks, until
     * the coordinator closes the run.
     *
     * @throws IllegalStateException with the cause when this or another partition fails
     * @throws PartitionException when called on the coordinator or a single-process engine
     */
    public void serve() {
        if (plan == null || plan.index() == 0) {
            throw new PartitionException("only a follower partition (index 1 or more) serves; partition 0 runs");
        }
        home = Thread.currentThread();
        try {
            Shard sh = local[0];
            while (!closed) {
                rethrow();
                int t = sh.completed;
                if (cut != null && t >= cutAtStep) {
                    cut.run();
                    throw new IllegalStateException("partition " + plan.index() + " cut off at step " + t + " (test)");
                }
                if (t < target) {
                    sh.step(t + 1);
                    step = t + 1;
                } else if (coordinatorClosed) {
                    awaitWorkers(t);
                    return;
                } else if (pumpBridge() == 0) {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
            rethrow();
        } catch (Throwable e) {
            // Throwable: a listener may throw a checked exception unchecked (Kotlin, @SneakyThrows), which left the
            // engine unfailed with its workers running ahead
            throw ended(e);
        }
    }

    /**
     * What the caller of {@link #run} or {@link #serve} gets when a run ends early: an error or unchecked exception of
     * the calling thread as it is (recorded as the run's failure), else the failure of whichever thread failed first,
     * else (the engine was closed, or the thread interrupted) an {@link IllegalStateException} saying so.
     */
    private RuntimeException ended(Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            fail(e);
        } else if (e instanceof Error) {
            fail(e);
            throw (Error) e;
        } else if (e instanceof RuntimeException) {
            fail(e);
            return (RuntimeException) e;
        } else if (!(e instanceof AlertException)) {
            fail(e);
            return new IllegalStateException("chip engine failed: " + e, e);
        }
        rethrow();
        return new IllegalStateException("chip engine was closed during a run", e);
    }

    /**
     * Refuses a probe of a Var of a process that is not in the network, as the reference backend does: the engine
     * recorded its values as built, every step, as if it were simulated.
     */
    private static void refuseForeignProbes(ProcessGraph graph, RunConfig config) {
        java.util.Set<org.spikemesh.process.Process> in = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>());
        in.addAll(graph.processes());
        for (org.spikemesh.process.Var v : config.probes()) {
            if (!in.contains(v.owner())) {
                throw org.spikemesh.process.ModelException.of(v.owner().name(), v.name(), "is not part of this run");
            }
        }
    }

    void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        for (SequenceBarrier b : allBarriers) {
            b.alert();
        }
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof PartitionException) {
            throw new IllegalStateException(f.getMessage(), f);
        }
        if (f != null) {
            throw new IllegalStateException("chip engine failed: " + describe(f), f);
        }
    }

    /**
     * @return a failure as a user reads it: the message of an error the engine or a listener raised on purpose
     *         (IllegalStateException, IllegalArgumentException), else its class too (a NullPointerException says little
     *         without it)
     */
    static String describe(Throwable f) {
        boolean plain = (f instanceof IllegalStateException || f instanceof IllegalArgumentException)
                && f.getMessage() != null;
        return plain ? f.getMessage() : String.valueOf(f);
    }

    @Override
    public void step() {
        run(1);
    }

    @Override
    public void run(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        rethrow();
        if (closed) {
            throw new IllegalStateException("chip engine is closed");
        }
        if (plan != null && plan.index() != 0) {
            throw new PartitionException("partition " + plan.index() + " is a follower: it serves the coordinator's"
                    + " steps (call serve()); only partition 0 runs");
        }
        int end = step + steps;
        accounts.reserve(end);
        target = lockstep ? step + 1 : end;
        if (partitioned != null) {
            partitioned.requestRun(end);
        }
        if (!workersSpin || asleep.get() > 0) {
            // with more threads than processors the workers park at once when idle: wake them. Workers with a
            // processor each are not woken: an idle one sees the new target within IDLE_POLL_NANOS, and one woken by
            // this thread was put on this thread's processor (the scheduler places a woken thread near its waker),
            // where the two took turns for the run's first 45-200 steps until the scheduler moved one
            // (docs/performance.md, sixteenth round). Workers asleep after a second idle are woken all the same.
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
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
                int lag = closeLag();
                if (t - lag > closer.closedThrough()) {
                    closer.closeFromRun(t - lag);
                }
                if (reporter != null) {
                    reporter.flush(t);
                }
                if (!hostPorts.isEmpty()) {
                    hostPorts.apply(t, this);
                }
            }
            awaitWorkers(end);
            if (end > closer.closedThrough()) {
                closer.closeFromRun(end);
            }
            for (Shard sh : local) {
                sh.tallyClosedLatencies();
            }
        } catch (Throwable e) {
            // Throwable: a listener may throw a checked exception unchecked (Kotlin, @SneakyThrows), which left the
            // engine unfailed with its workers running ahead
            throw ended(e);
        }
    }

    private void awaitWorkers(int end) {
        for (int k = 1; k < local.length; k++) {
            while (local[k].completed < end) {
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

    private Runnable cut;
    private int cutAtStep;

    /** For tests: a follower runs {@code cut} after step {@code step} and stops, as a lost process would. */
    void injectCut(Runnable cut, int step) {
        this.cut = cut;
        this.cutAtStep = step;
    }

    /** For tests: shard {@code shard} stops at {@code step} without an error, as a lost shard would. */
    void injectStall(int shard, int step) {
        shards[shard].stallAtStep = step;
    }

    /** For tests: shard {@code shard} pauses for {@code millis} ms at {@code step} and goes on. */
    void injectHold(int shard, int step, long millis) {
        shards[shard].holdNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        shards[shard].holdAtStep = step;
    }

    /** Gives each shard of this process with enough neurons a {@link KernelWatch} over the others' kernels. */
    private void watchKernels() {
        KernelWatch[] w = KernelWatch.of(java.util.Arrays.stream(local)
                .mapToInt(sh -> sh.neurons == null ? 0 : sh.neurons.length).toArray(), k -> local[k].neurons::moveArrays);
        for (int k = 0; k < local.length; k++) {
            local[k].kernelWatch = w[k];
        }
    }

    /** For tests: every shard of this process moves its neuron arrays now, as a slow kernel would have it; between runs. */
    void moveNeuronArrays() {
        for (Shard sh : local) {
            if (sh.neurons != null) {
                sh.neurons.moveArrays();
            }
        }
    }

    /** @return what this process's shards tell about how they ran: waits, yields, array moves, phase times */
    public ShardDiagnostics diagnostics() {
        return diagnostics;
    }

    /** steps per window of the per-core and per-link counts, 0 when they are not kept. */
    private int coreCountersWindow;

    /** @return steps per window of {@link #coreCountersByWindow} and the link loads by window; 0 when not kept */
    public int coreCountersWindow() {
        return coreCountersWindow;
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
        coreCountersWindow = k;
        for (Shard s : local) {
            s.counts.windowSteps = k;
        }
        if (partitioned != null && plan.index() == 0) {
            partitioned.requestWindow(k);
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
        for (Shard s : local) {
            s.counts.flushWindow(step);
        }
        fetchRemoteTotals(true);
        accounts.flushLinkWindow(step);
        java.util.List<long[]> rows = new ArrayList<>();
        int windows = -1;
        for (int k = 0; k < shards.length; k++) {
            int size = shards[k] != null ? shards[k].last - shards[k].first : remote[k].last - remote[k].first;
            int count = shards[k] != null ? shards[k].counts.windowRowCount : remote[k].windowRowCount;
            windows = windows < 0 ? count / Math.max(1, size) : windows;
        }
        for (int w = 0; w < windows; w++) {
            for (int j = 0; j < shards.length; j++) {
                Shard s = shards[j];
                int size = s != null ? s.last - s.first : remote[j].last - remote[j].first;
                long[] all = s != null ? s.counts.windowRows : remote[j].windowRows;
                for (int k = 0; k < size; k++) {
                    int at = (w * size + k) * 8;
                    long[] r = java.util.Arrays.copyOfRange(all, at, at + 8);
                    r[1] = program.cores().get((int) r[1]).globalCore();
                    rows.add(r);
                }
            }
        }
        return rows.toArray(new long[0][]);
    }

    private void fetchRemoteTotals(boolean flush) {
        if (partitioned != null && plan.index() == 0) {
            if (closed) {
                throw new IllegalStateException("chip engine is closed");
            }
            partitioned.fetchTotals(step, flush);
        }
    }

    /**
     * @return bytes of this process's engine tables: inbound synapse tables, route geometry and sums, neuron arrays
     *         and rings (the program's tables come on top)
     */
    public long tableBytes() {
        long b = geometry.bytes();
        for (Shard s : local) {
            b += s.tableBytes();
        }
        return b;
    }

    /** @return the inbound table of each shard this process runs, in shard order */
    InboundTable[] inboundTables() {
        InboundTable[] t = new InboundTable[local.length];
        for (int k = 0; k < local.length; k++) {
            t[k] = local[k].inbound();
        }
        return t;
    }

    /** @return shards in use, in all partitions */
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
        int k = shardOfCore(coreIndex);
        if (shards[k] == null) {
            fetchRemoteTotals(false);
            return remote[k].totals[coreIndex - remote[k].first].clone();
        }
        return shards[k].counts.totals(coreIndex - shards[k].first);
    }

    /**
     * @param coreIndex program core index
     * @return simulated busy time of that core over the run, ns
     */
    public double coreTimeNs(int coreIndex) {
        int k = shardOfCore(coreIndex);
        if (shards[k] == null) {
            fetchRemoteTotals(false);
            return remote[k].timeNs[coreIndex - remote[k].first];
        }
        return shards[k].counts.timeNs(coreIndex - shards[k].first);
    }

    /** @return the shard of a core, when it runs here or (coordinator) its figures come here */
    private int shardOfCore(int coreIndex) {
        int k = coreIndex >= 0 && coreIndex < shardOf.length ? shardOf[coreIndex] : -1;
        if (k >= 0 && (shards[k] != null || remote[k] != null)) {
            return k;
        }
        throw new IllegalArgumentException("core " + coreIndex + " is not in this program"
                + (plan != null && plan.index() != 0 ? " partition" : ""));
    }

    /**
     * A Var of a VarMonitor or VarWriter of the run is read as the process holds it, as on the reference backend
     * ({@link HostPorts#runs}): the host runs them between steps, off the chip (get said a monitor's recording was
     * "not mapped to the chip", while a probe of it read it).
     */
    @Override
    public double[] read(Var var) {
        requireOpen();
        return hostPorts.runs(var.owner()) ? var.get() : vars.read(var);
    }

    @Override
    public void write(Var var, double[] values) {
        requireOpen();
        if (hostPorts.runs(var.owner())) {
            throw HostPorts.notWritable(var);
        }
        vars.write(var, values);
    }

    /** Vars are read and written only while the engine is open, as on the reference backend. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("chip engine is closed");
        }
    }

    @Override
    public void close() {
        PartitionRun p = partitioned;
        if (p != null) {
            p.close(!closed && failure == null);
        }
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
