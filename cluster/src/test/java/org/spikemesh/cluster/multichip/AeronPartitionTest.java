package org.spikemesh.cluster.multichip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aeron.driver.MediaDriver;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.chip.Core;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.chip.ChipEngine;
import org.spikemesh.simulator.chip.EngineTraces;
import org.spikemesh.simulator.chip.PartitionPlan;
import org.spikemesh.simulator.chip.PartitionWire;

/**
 * A CUBA network spread over four chips, run in 2 and 4 partitions over Aeron IPC and over UDP on 127.0.0.1 (each
 * partition with its own Aeron client, in threads of this JVM), gives the same spikes, membrane voltages, per-step
 * time and energy, energy by kind, op counts, and per-core totals and window counters as the single-process engine.
 */
class AeronPartitionTest {
    private static final ChipConfig FOUR_CHIPS = ChipConfigs.withChips(tiny(ChipConfigs.preset("loihi-like")), 4);
    private static final int STEPS = 80;

    @TempDir
    Path tmp;

    /**
     * Up to 4 partitions with their Aeron clients share this JVM and the machine's 2 processors: under load a partition
     * went 5 s (the default loss limit) without a message from another once, and the run ended as lost. What this test
     * checks is the results, not the loss limit (PartitionedEngineTest does), so the limit is 30 s here.
     */
    @org.junit.jupiter.api.BeforeAll
    static void patientLossLimit() {
        System.setProperty("spikemesh.partition.loss-seconds", "30");
    }

    @org.junit.jupiter.api.AfterAll
    static void defaultLossLimit() {
        System.clearProperty("spikemesh.partition.loss-seconds");
    }

    /** loihi-like with 4-neuron cores, so that 1600 neurons take 400 cores on 4 chips. */
    private static ChipConfig tiny(ChipConfig c) {
        Core k = c.core();
        return new ChipConfig(c.name() + "-tiny", c.mesh(), new Core(4, k.maxFanInAxons(), k.maxFanOutRoutes(),
                k.synapseMemoryBytes(), k.encoding(), k.neuronStateBits(), k.clockMhz(), k.synop(),
                k.neuronUpdateActive(), k.neuronUpdateInactive(), k.spikeOut(), k.messageReceive()), c.router(),
                c.barrier(), c.learning(), c.staticPowerWatts());
    }

    @ParameterizedTest(name = "{0}, {1} partitions, {2} thread(s) each")
    @CsvSource({"ipc,2,1", "ipc,4,1", "ipc,2,2", "udp,2,1", "udp,4,1"})
    void shouldEqualTheSingleProcessRun(String transport, int partitions, int threads) throws Exception {
        String single = digest(null, 1, 1);
        assertTrue(single.contains("spk"), "the network must spike");
        Path dir = tmp.resolve("aeron");
        Transport t = Transport.parse(transport);
        List<InetSocketAddress> endpoints = new ArrayList<>();
        for (int q = 0; q < partitions; q++) {
            try (DatagramSocket s = new DatagramSocket(0)) {
                endpoints.add(new InetSocketAddress("127.0.0.1", s.getLocalPort()));
            }
        }
        MediaDriver shared = t == Transport.IPC ? AeronWire.launchDriver(dir) : null;
        AtomicReference<Throwable> followerFailure = new AtomicReference<>();
        List<Thread> followers = new ArrayList<>();
        for (int q = 1; q < partitions; q++) {
            int index = q;
            Thread th = new Thread(() -> {
                try (PartitionWire w = wire(t, index, partitions, dir, endpoints)) {
                    ProcessGraph g = Cuba.build(1600, 7).graph();
                    ChipProgram p = Compiler.compile(g, FOUR_CHIPS, CompileOptions.defaults()).program();
                    try (ChipEngine e = new ChipEngine(g, p, EngineTraces.probingV(g, 5, null), threads,
                            PartitionPlan.byWork(p, partitions, index, threads), w)) {
                        e.serve();
                    }
                } catch (Throwable x) {
                    followerFailure.compareAndSet(null, x);
                }
            }, "partition-" + q);
            th.setDaemon(true);
            th.start();
            followers.add(th);
        }
        String split;
        try (PartitionWire w = wire(t, 0, partitions, dir, endpoints)) {
            split = digest(w, partitions, threads);
        }
        for (Thread th : followers) {
            th.join(20_000);
        }
        if (shared != null) {
            shared.close();
        }
        if (followerFailure.get() != null) {
            throw new AssertionError("a follower failed", followerFailure.get());
        }
        assertEquals(single, split);
    }

    private PartitionWire wire(Transport t, int me, int count, Path dir, List<InetSocketAddress> endpoints)
            throws java.io.IOException {
        if (t == Transport.IPC) {
            return AeronWire.ipc(me, count, dir, null);
        }
        return AeronWire.udp(me, endpoints, Files.createDirectories(tmp.resolve("udp-" + me)));
    }

    /** Runs partition 0 (or the whole network when wire is null) in two halves; returns everything it reports. */
    private static String digest(PartitionWire wire, int partitions, int threads) {
        ProcessGraph g = Cuba.build(1600, 7).graph();
        ChipProgram program = Compiler.compile(g, FOUR_CHIPS, CompileOptions.defaults()).program();
        StringBuilder sb = new StringBuilder();
        RunConfig cfg = EngineTraces.probingV(g, 5, EngineTraces.recorder(sb));
        try (ChipEngine e = wire == null ? new ChipEngine(g, program, cfg, threads)
                : new ChipEngine(g, program, cfg, threads, PartitionPlan.byWork(program, partitions, 0, threads),
                        wire)) {
            e.coreCountersEvery(9);
            e.run(STEPS / 2);
            e.run(STEPS - STEPS / 2);
            EngineTraces.appendAccounts(sb, e);
        }
        return sb.toString();
    }
}
