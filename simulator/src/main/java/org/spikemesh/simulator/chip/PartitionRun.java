package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.simulator.HostPorts;
import org.spikemesh.simulator.RunConfig;

/**
 * The partitioned side of a {@link ChipEngine}: what a partitioned run refuses, the bridge agent and its thread,
 * joining the other partitions, and, on the coordinator, waiting for the other partitions' step partials and fetching
 * their cores' totals.
 */
final class PartitionRun {
    private final ChipEngine engine;
    private final PartitionPlan plan;
    private final RemoteShard[] remote;
    private PartitionBridge bridge;
    private AgentRunner runner;
    private int totalsRequest;
    private int totalsStep = -1;
    private int totalsFlushed = -1;

    PartitionRun(ChipEngine engine, PartitionPlan plan, RemoteShard[] remote) {
        this.engine = engine;
        this.plan = plan;
        this.remote = remote;
    }

    /** Refuses what a partitioned run does not support: learning, host ports between steps, learning probes. */
    static void refuseUnsupported(ProcessGraph graph, ChipProgram program, RunConfig config) {
        if (!program.plastic().isEmpty()) {
            throw new PartitionException("process " + program.plastic().get(0).process().name() + " learns: a"
                    + " partitioned run does not support on-chip learning; run it in one process");
        }
        if (!new HostPorts(graph).isEmpty()) {
            throw new PartitionException("the network reads or writes Vars between steps (VarMonitor or VarWriter):"
                    + " a partitioned run does not support host ports; run it in one process");
        }
        for (Var v : config.probes()) {
            if (v.owner() instanceof org.spikemesh.process.lib.LearningSynapses) {
                throw new PartitionException("probe " + v.owner().name() + "." + v.name() + " reads learning state,"
                        + " which a partitioned run does not support");
            }
        }
    }

    /**
     * Starts the bridge and waits until every partition has joined. The bridge's own thread idles lazily: waiting
     * shards run its duty cycle themselves; the thread sends heartbeats and what is left while shards are idle.
     */
    void start(ChipProgram program, RunConfig config, PartitionWire wire, int[] partitionOfShard,
               List<OutboundLink> outbound, RingBuffer<Batch>[][] inbound, Shard[] local) {
        long lossNs = (long) (Double.parseDouble(System.getProperty("spikemesh.partition.loss-seconds", "5")) * 1e9);
        long joinMillis = (long) (Double.parseDouble(System.getProperty("spikemesh.partition.join-seconds", "180"))
                * 1000);
        bridge = new PartitionBridge(engine, plan, wire, partitionOfShard, outbound, inbound, local, remote,
                fingerprint(program, config), lossNs);
        runner = new AgentRunner(new BackoffIdleStrategy(1, 1, 100_000, 1_000_000), engine::fail, null, bridge);
        AgentRunner.startOnThread(runner, r -> {
            Thread t = new Thread(r, "spikemesh-partition-bridge-" + plan.index());
            t.setDaemon(true);
            return t;
        });
        long deadline = System.currentTimeMillis() + joinMillis;
        while (!bridge.joined()) {
            if (Thread.interrupted()) {
                // Ctrl-C while waiting: the CLI interrupts this thread (nothing else here looked at it)
                String missing = bridge.missing();
                engine.close();
                throw new PartitionException("partition " + plan.index() + " was stopped while waiting for " + missing
                        + " to join; nothing was run");
            }
            if (engine.failure() != null || System.currentTimeMillis() > deadline) {
                String missing = bridge.missing();
                String processes = bridge.missingProcesses();
                engine.close();
                try {
                    engine.checkLive();
                } catch (AlertException closed) {
                    throw new PartitionException("partition " + plan.index() + " waited " + joinMillis / 1000
                            + " s for " + missing + " to join; every partition must be running, not stopped, and"
                            + " reach this one (system property spikemesh.partition.join-seconds)" + processes);
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** A hash of what every partition must agree on: program shape, plan, seed and what is recorded. */
    private long fingerprint(ChipProgram program, RunConfig config) {
        long h = 0xcbf29ce484222325L;
        long[] parts = {program.cores().size(), program.synapses(), plan.count(), plan.threads(), config.seed(),
            config.probes().size(), config.recordSpikes() ? 1 : 0, program.chip().timeModel().ordinal(),
            program.tilesX(), program.tilesY()};
        for (long v : parts) {
            h = (h ^ v) * 0x100000001b3L;
        }
        for (CoreProgram cp : program.cores()) {
            h = (h ^ cp.globalCore()) * 0x100000001b3L;
            h = (h ^ cp.size()) * 0x100000001b3L;
            h = (h ^ cp.synapses().synapses()) * 0x100000001b3L;
        }
        for (Var v : config.probes()) {
            h = (h ^ (v.owner().name() + "." + v.name()).hashCode()) * 0x100000001b3L;
        }
        return h;
    }

    /** @return messages moved by one bridge duty cycle on the calling thread (0 when another thread is in it) */
    int pump() {
        PartitionBridge b = bridge;
        return b == null ? 0 : b.pump();
    }

    /** Coordinator: waits until the partial of step t of every shard in another partition has arrived. */
    void awaitRemote(int t) throws AlertException {
        for (RemoteShard rs : remote) {
            if (rs == null) {
                continue;
            }
            int spins = 0;
            while (rs.completed < t) {
                engine.checkLive();
                if (pump() == 0) {
                    if (++spins > 50) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        }
    }

    /**
     * Coordinator: brings the run totals (and, when asked, the flushed window rows) of every shard in another
     * partition up to step {@code step}; once per step unless windows must be flushed.
     */
    void fetchTotals(int step, boolean flush) {
        if (totalsStep == step && (!flush || totalsFlushed == step)) {
            return;
        }
        int request = ++totalsRequest;
        bridge.requestTotals(request, flush ? step : -1);
        long deadline = System.nanoTime() + (long) 60e9;
        for (RemoteShard rs : remote) {
            while (rs != null && rs.answered != request) {
                try {
                    engine.checkLive();
                } catch (AlertException closed) {
                    throw new IllegalStateException("chip engine was closed while fetching partition totals");
                }
                if (System.nanoTime() > deadline) {
                    throw new PartitionException(plan.describe(rs.partition) + " did not send its totals within 60 s");
                }
                LockSupport.parkNanos(100_000);
            }
        }
        totalsStep = step;
        if (flush) {
            totalsFlushed = step;
        }
    }

    /** Coordinator: asks the followers to run up to step {@code target}. */
    void requestRun(int target) {
        bridge.requestRun(target);
    }

    /** Coordinator: asks the followers to keep per-core counts by windows of k steps. */
    void requestWindow(int k) {
        bridge.requestWindow(k);
    }

    /**
     * Stops the bridge; the coordinator first tells the followers the run is over (waiting up to a second for the
     * message to leave).
     *
     * @param tellFollowers whether to send CLOSE (not when the run failed or was closed already)
     */
    void close(boolean tellFollowers) {
        PartitionBridge b = bridge;
        if (b != null && tellFollowers && plan.index() == 0) {
            b.requestClose();
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (!b.closeSent() && engine.failure() == null && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
        }
        if (runner != null) {
            runner.close(1000, null);
        }
    }
}
