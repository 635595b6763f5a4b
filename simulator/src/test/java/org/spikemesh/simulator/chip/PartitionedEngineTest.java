package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;

/**
 * A run split over partitions (here in one JVM, over in-memory wires) equals the single-process run: every spike,
 * every u and v, the energy by kind, every step's time and energy, and every core's totals. The Aeron transports are
 * tested in the cluster module; this checks the engine's side (bridge, codec, shard layout, remote accounts).
 */
class PartitionedEngineTest {
    private static final ChipConfig FOUR_CHIPS = ChipConfigs.withChips(
            ChipEngineEquivalenceTest.tinyCores(ChipConfigs.preset("loihi-like"), 4), 4);

    private static ProcessGraph cuba() {
        return Cuba.build(1600, 7).graph();
    }

    @ParameterizedTest(name = "{0} partitions, {1} thread(s) each")
    @CsvSource({"2,1", "2,2", "4,1", "3,2", "4,2"})
    void shouldEqualSingleProcess(int partitions, int threads) throws Exception {
        int steps = 60;
        String single = run(PartitionedEngineTest::cuba, 1, 1, steps, null);
        String split = run(PartitionedEngineTest::cuba, partitions, threads, steps, null);
        assertTrue(single.contains("spk"), "the network must spike to test anything");
        assertEquals(single, split);
    }

    static java.util.stream.LongStream randomNetworks() {
        return java.util.stream.LongStream.rangeClosed(1, Long.getLong("spikemesh.fuzz.partitioned-networks", 12));
    }

    /**
     * Random fixed-point networks (every process type of the library, delays, recurrence, Poisson inputs) split over 2
     * or 3 partitions of 1 or 2 threads: the same trace and accounts as in one process.
     */
    @ParameterizedTest(name = "random network {0}")
    @MethodSource("randomNetworks")
    void shouldEqualSingleProcessOnRandomNetworks(long n) throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(n * 53);
        int partitions = 2 + r.nextInt(2);
        int threads = 1 + r.nextInt(2);
        int steps = 20 + r.nextInt(30);
        long seed = 5000 + n;
        String single = run(() -> org.spikemesh.process.io.RandomNetworks.fixedPoint(seed).graph(), 1, 1, steps, null);
        String split = run(() -> org.spikemesh.process.io.RandomNetworks.fixedPoint(seed).graph(), partitions, threads,
                steps, null);
        assertEquals(single, split, "network " + seed + " in " + partitions + " partitions of " + threads
                + " thread(s), " + steps + " steps");
    }

    @Test
    void shouldNameALostPartition() {
        String before = System.getProperty("spikemesh.partition.loss-seconds");
        System.setProperty("spikemesh.partition.loss-seconds", "1");
        try {
            LoopbackWires wires = new LoopbackWires(2);
            Exception e = assertThrows(Exception.class, () -> run(PartitionedEngineTest::cuba, 2, 1, 400, wires));
            String m = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(m.contains("partition 1") && m.contains("lost"), m);
        } finally {
            if (before == null) {
                System.clearProperty("spikemesh.partition.loss-seconds");
            } else {
                System.setProperty("spikemesh.partition.loss-seconds", before);
            }
        }
    }

    /**
     * A coordinator waiting for a partition that never joins looked at nothing but the join limit (180 s): Ctrl-C was
     * held until the JVM gave up on it. The CLI interrupts the waiting thread on Ctrl-C; the wait now ends at once.
     */
    @Test
    void shouldStopWaitingForPartitionsWhenInterrupted() throws Exception {
        LoopbackWires wires = new LoopbackWires(2);
        ProcessGraph g = cuba();
        ChipProgram p = Compiler.compile(g, FOUR_CHIPS, CompileOptions.defaults()).program();
        java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
        Thread coordinator = new Thread(() -> {
            try {
                new ChipEngine(g, p, RunConfig.defaults().seed(3), 1, PartitionPlan.byWork(p, 2, 0, 1),
                        wires.wire(0)).close();
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        coordinator.start();
        // partition 1 never starts: the coordinator is in its wait once it has built its shards (a few seconds here)
        Thread.sleep(500);
        while (coordinator.isAlive() && coordinator.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(10);
        }
        coordinator.interrupt();
        coordinator.join();
        assertTrue(ended.get() instanceof PartitionException, String.valueOf(ended.get()));
        assertTrue(ended.get().getMessage().startsWith("partition 0 was stopped while waiting for partition 1"),
                ended.get().getMessage());
    }

    @Test
    void shouldRefuseAPartitionStartedWithOtherSettings() throws Exception {
        LoopbackWires wires = new LoopbackWires(2);
        Thread follower = new Thread(() -> {
            ProcessGraph g = cuba();
            ChipProgram p = Compiler.compile(g, FOUR_CHIPS, CompileOptions.defaults()).program();
            try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults().seed(99), 1,
                    PartitionPlan.byWork(p, 2, 1, 1), wires.wire(1))) {
                e.serve();
            } catch (RuntimeException expected) {
                // this side fails too; the coordinator's message is checked
            }
        });
        follower.setDaemon(true);
        follower.start();
        ProcessGraph g = cuba();
        ChipProgram p = Compiler.compile(g, FOUR_CHIPS, CompileOptions.defaults()).program();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ChipEngine(g, p,
                RunConfig.defaults().seed(3), 1, PartitionPlan.byWork(p, 2, 0, 1), wires.wire(0)).close());
        assertTrue(e.getMessage().contains("partition 1") && e.getMessage().contains("different program or"
                + " settings"), e.getMessage());
        follower.join(10_000);
    }

    @Test
    void shouldRefuseMorePartitionsThanCores() {
        ProcessGraph g = cuba();
        ChipProgram p = Compiler.compile(g, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        int n = p.cores().size();
        PartitionException e = assertThrows(PartitionException.class, () -> PartitionPlan.byWork(p, n + 1, 0, 1));
        assertTrue(e.getMessage().contains("at most " + n + " partitions, not " + (n + 1)), e.getMessage());
    }

    /**
     * Runs the network in {@code partitions} partitions (1: a plain engine) in two halves and returns its trace and
     * accounts. With {@code cutAt} wires, partition 1 is cut off after 20 steps.
     */
    static String run(Supplier<ProcessGraph> graph, int partitions, int threads, int steps, LoopbackWires cutAt)
            throws Exception {
        LoopbackWires wires = cutAt != null ? cutAt : new LoopbackWires(partitions);
        List<Thread> followers = new ArrayList<>();
        AtomicReference<Throwable> followerFailure = new AtomicReference<>();
        for (int q = 1; q < partitions; q++) {
            int index = q;
            Thread t = new Thread(() -> {
                ProcessGraph g = graph.get();
                ChipProgram program = Compiler.compile(g, FOUR_CHIPS, CompileOptions.defaults()).program();
                try (ChipEngine e = new ChipEngine(g, program, EngineTraces.probingV(g, 3, null), threads,
                        PartitionPlan.byWork(program, partitions, index, threads), wires.wire(index))) {
                    if (cutAt != null) {
                        e.injectCut(() -> wires.cut(index), 20);
                    }
                    e.serve();
                } catch (Throwable x) {
                    followerFailure.compareAndSet(null, x);
                }
            }, "follower-" + q);
            t.setDaemon(true);
            t.start();
            followers.add(t);
        }
        ProcessGraph g = graph.get();
        ChipProgram program = Compiler.compile(g, FOUR_CHIPS, CompileOptions.defaults()).program();
        StringBuilder sb = new StringBuilder();
        RunConfig cfg = EngineTraces.probingV(g, 3, EngineTraces.recorder(sb));
        try (ChipEngine e = partitions == 1 ? new ChipEngine(g, program, cfg, threads)
                : new ChipEngine(g, program, cfg, threads, PartitionPlan.byWork(program, partitions, 0, threads),
                        wires.wire(0))) {
            e.coreCountersEvery(7);
            e.run(steps / 2);
            e.run(steps - steps / 2);
            EngineTraces.appendAccounts(sb, e);
        }
        for (Thread t : followers) {
            t.join(10_000);
        }
        if (followerFailure.get() != null && cutAt == null) {
            throw new AssertionError("a follower failed", followerFailure.get());
        }
        return sb.toString();
    }
}
