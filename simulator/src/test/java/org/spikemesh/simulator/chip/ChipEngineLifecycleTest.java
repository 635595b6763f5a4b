package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/** Failures in any shard reach the caller with their cause; close always returns; get/set work between runs. */
class ChipEngineLifecycleTest {

    private static ChipProgram program(ProcessGraph g) {
        return Compiler.compile(g, ChipEngineEquivalenceTest.tinyCores(ChipConfigs.preset("loihi-like"), 50),
                CompileOptions.defaults()).program();
    }

    private static ChipEngine engine(ProcessGraph g, int threads) {
        return new ChipEngine(g, program(g), RunConfig.defaults(), threads);
    }

    /**
     * The engine builds its own delivery tables and keeps the program without its synapse and route arrays, so once
     * the caller lets the compilation go those arrays are garbage (the heap of a run is then the network description
     * plus the engine). Checked with weak references through full collections; the run goes on, equal to a run whose
     * compilation stays reachable.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void shouldLetTheCompiledSynapseAndRouteArraysGo(int threads) {
        ProcessGraph g = Cuba.build(400, 3).graph();
        ChipProgram[] held = {program(g)};
        java.util.List<java.lang.ref.WeakReference<Object>> arrays = new java.util.ArrayList<>();
        for (org.spikemesh.compiler.program.CoreProgram c : held[0].cores()) {
            arrays.add(new java.lang.ref.WeakReference<>(c.synapses().post()));
            arrays.add(new java.lang.ref.WeakReference<>(c.synapses().weight()));
            // (the axon offsets and the slots' cores are held by the memory and route objects themselves, whose
            // post, weight and route arrays are followed)
            arrays.add(new java.lang.ref.WeakReference<>(c.routes().neuronRoutes()));
        }
        long synapses = held[0].synapses();
        try (ChipEngine kept = engine(g, threads); ChipEngine e = new ChipEngine(g, held[0], RunConfig.defaults(),
                threads)) {
            held[0] = null;
            for (int i = 0; i < 10 && arrays.stream().anyMatch(r -> r.get() != null); i++) {
                System.gc();
            }
            assertEquals(0, arrays.stream().filter(r -> r.get() != null).count(),
                    "compiled arrays still reachable from the engine");
            assertTrue(e.program().cores().stream().noneMatch(c -> c.synapses().hasTables() || c.routes().hasTables()));
            assertEquals(synapses, e.program().synapses(), "counts survive the arrays");
            kept.run(300);
            e.run(300);
            assertEquals(kept.accounts().spikes(), e.accounts().spikes());
            assertTrue(e.accounts().spikes() > 0, "CUBA spikes within 300 steps");
            for (int c = 0; c < e.program().cores().size(); c++) {
                assertArrayEquals(kept.coreTotals(c), e.coreTotals(c), "core " + c);
            }
        }
    }

    /** A guard against a hang: generous, so that it fails only a run or close that never returns. */
    private static final java.time.Duration HANG_GUARD = java.time.Duration.ofSeconds(60);

    /** @return the live threads named as the engine names its workers ("spikemesh-shard-" and the shard) */
    private static java.util.Set<Thread> workerThreads() {
        java.util.Set<Thread> found = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("spikemesh-shard-") && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    /**
     * @return the worker threads the engine {@code make} builds started: one per shard but the first, which runs on
     *         the caller's thread
     */
    private static java.util.Set<Thread> workersOf(java.util.function.Supplier<ChipEngine> make,
                                                   ChipEngine[] made) {
        java.util.Set<Thread> before = workerThreads();
        made[0] = make.get();
        java.util.Set<Thread> mine = workerThreads();
        mine.removeAll(before);
        assertEquals(made[0].shards() - 1, mine.size(), "worker threads started: " + mine);
        return mine;
    }

    /** Asserts that close() left none of the engine's worker threads running. */
    private static void assertEnded(java.util.Set<Thread> workers) {
        for (Thread w : workers) {
            assertFalse(w.isAlive(), w.getName() + " still runs after close()");
        }
    }

    /**
     * A fault in a worker's shard (1, 3) reaches the caller wrapped, with the fault itself as the cause; a fault in
     * shard 0, which the caller's thread runs, reaches it as it is. Either way the later refusal to run on carries the
     * fault as its cause, and close() ends every worker.
     */
    @ParameterizedTest(name = "fault in shard {0}")
    @ValueSource(ints = {0, 1, 3})
    void shouldRethrowAWorkerFailureWithItsCause(int shard) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            ChipEngine[] made = new ChipEngine[1];
            java.util.Set<Thread> workers = workersOf(() -> engine(Cuba.build(400, 1).graph(), 4), made);
            ChipEngine e = made[0];
            assertEquals(4, e.shards());
            assertEquals(3, workers.size());
            e.injectFault(shard, 7);
            IllegalStateException ex = assertThrows(IllegalStateException.class, () -> e.run(20));
            String injected = "fault injected in shard " + shard + " at step 7";
            Throwable fault;
            if (shard == 0) {
                // the caller's own shard failed: its exception is thrown as it is, with nothing to wrap
                assertEquals(injected, ex.getMessage());
                fault = ex;
            } else {
                // a worker's failure: rethrown by the caller with the worker's exception as the cause
                fault = ex.getCause();
                assertNotNull(fault, "the failure of shard " + shard + " has no cause: " + ex);
                assertEquals(IllegalStateException.class, fault.getClass(), String.valueOf(fault));
                assertEquals(injected, fault.getMessage());
                assertEquals("chip engine failed: " + injected, ex.getMessage());
            }
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> e.run(1),
                    "a failed engine refuses to run on");
            assertSame(fault, again.getCause(), "the refusal names the fault as its cause: " + again);
            e.close();
            assertEnded(workers);
            assertThrows(IllegalStateException.class, () -> e.run(1), "a closed failed engine refuses to run on");
        });
    }

    /**
     * A shard that stops without an error (as a lost one would) must not hang the run: the shards waiting for its
     * batch give up after the stall limit (1 s here) and the caller gets an error that names the silent shard.
     */
    @org.junit.jupiter.api.Test
    void aShardThatStopsSilentlyEndsTheRunWithAnErrorNamingIt() {
        String key = "spikemesh.engine.stall-seconds";
        System.setProperty(key, "1");
        ChipEngine[] made = new ChipEngine[1];
        java.util.Set<Thread> workers;
        try {
            workers = workersOf(() -> engine(Cuba.build(400, 1).graph(), 2), made);
        } finally {
            System.clearProperty(key);
        }
        ChipEngine e = made[0];
        e.injectStall(1, 5);
        // a hang would fail here rather than block the build: the limit is 1 s, the guard 60 s
        IllegalStateException ex = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(IllegalStateException.class, () -> e.run(20)));
        boolean named = false;
        for (Throwable c = ex; c != null; c = c.getCause()) {
            named |= String.valueOf(c.getMessage()).contains("from shard 1, which stopped without an error");
        }
        assertTrue(named, String.valueOf(ex));
        assertTimeoutPreemptively(HANG_GUARD, e::close);
        // the stalled shard's thread ignores close(), as a lost one would (the injection parks it until released): it
        // is released here, so that it does not park on for the rest of the build, and must then end
        e.injectStall(1, 0);
        for (Thread w : workers) {
            assertTimeoutPreemptively(HANG_GUARD, () -> w.join());
        }
        assertEnded(workers);
    }

    /**
     * With a processor per shard, {@code run} does not wake an idle worker (a worker woken by the caller's thread was put
     * on the caller's processor): a worker left idle long enough to park (past its 5 ms of yielding) must find the next
     * run by itself, and the runs in pieces must equal one run of all the steps on 1 thread.
     */
    @org.junit.jupiter.api.Test
    void aParkedWorkerFindsTheNextRunByItself() throws InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2);
        ProcessGraph g = Cuba.build(400, 4).graph();
        double[] whole;
        try (ChipEngine e = engine(g, 1)) {
            e.run(60);
            whole = results(e);
        }
        try (ChipEngine e = engine(g, 2)) {
            for (int piece = 0; piece < 3; piece++) {
                e.run(20);
                Thread.sleep(30);
            }
            assertEquals(60, e.currentStep());
            assertArrayEquals(whole, results(e));
        }
    }

    /**
     * An engine left idle (open between runs, or never closed) polled for the next run every millisecond in each
     * worker for as long as the process lived. After a second idle a worker now sleeps until the next run wakes it:
     * in half a second of sleep it parks at most once or twice (polling, about 500 times), and the next runs, on 2 and
     * on 4 threads (whose workers park at once), still equal one run of all the steps on 1 thread.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void anIdleWorkerSleepsAfterASecondAndTheNextRunWakesIt(int threads) throws InterruptedException {
        ProcessGraph g = Cuba.build(400, 4).graph();
        double[] whole;
        try (ChipEngine e = engine(g, 1)) {
            e.run(60);
            whole = results(e);
        }
        // asleep workers look for a run by themselves only after 10 minutes: a run they do not wake for hangs, and
        // the guard ends the test
        System.setProperty("spikemesh.engine.idle-sleep-seconds", "600");
        try (ChipEngine e = engine(g, threads)) {
            System.clearProperty("spikemesh.engine.idle-sleep-seconds");
            e.run(20);
            for (int piece = 0; piece < 2; piece++) {
                Thread.sleep(1500);
                long before = e.idleParks.get();
                Thread.sleep(500);
                long parks = e.idleParks.get() - before;
                assertTrue(parks <= 2 * (threads - 1), parks + " parks of " + (threads - 1) + " idle workers in 0.5 s");
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                        () -> e.run(20), "the next run must wake the sleeping workers");
            }
            assertEquals(60, e.currentStep());
            assertArrayEquals(whole, results(e));
        } finally {
            System.clearProperty("spikemesh.engine.idle-sleep-seconds");
        }
    }

    /**
     * A shard held up (as a shard whose processor the host took away is) makes the other wait for its batch: that wait,
     * over 50 us, is counted as a long wait with its time, and in that shard's waits (the held shard waits less), and
     * the run's results are those of a run without it. Alone, a shard never waits.
     */
    @org.junit.jupiter.api.Test
    void aShardHeldUpIsALongWaitOfTheOtherAndChangesNoResult() {
        ProcessGraph g = Cuba.build(400, 1).graph();
        double[] plain;
        try (ChipEngine e = engine(g, 1)) {
            e.run(20);
            assertArrayEquals(new long[]{0, 0}, e.diagnostics().longWaits(), "one shard has no other to wait for");
            assertArrayEquals(new long[]{0}, e.diagnostics().shardWaitNanos(), "nor any wait at all");
            plain = results(e);
        }
        // long waits are counted where the shards spin while they wait: when each has a processor of its own
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2);
        try (ChipEngine e = engine(g, 2)) {
            e.injectHold(1, 5, 200);
            e.run(20);
            long[] waits = e.diagnostics().longWaits();
            assertTrue(waits[0] >= 1, "long waits: " + waits[0]);
            assertTrue(waits[1] >= 100_000_000L, "their time: " + waits[1] + " ns, for a shard held 200 ms");
            // shard 0 waited the 200 ms for shard 1's batch of step 5; shard 1 waited for nothing that long
            long[] each = e.diagnostics().shardWaitNanos();
            assertEquals(2, each.length);
            assertTrue(each[0] >= 150_000_000L, "shard 0 waited " + each[0] + " ns");
            assertTrue(each[1] < each[0], "shard 1 waited " + each[1] + " ns, shard 0 " + each[0]);
            // every long wait is a wait: the shards' waits hold the long ones
            assertTrue(each[0] + each[1] >= waits[1], java.util.Arrays.toString(each) + " against " + waits[1]);
            assertArrayEquals(plain, results(e), "the wait changed the run");
        }
    }

    /** @return the run's spikes, synaptic events, simulated time and energy */
    private static double[] results(ChipEngine e) {
        Accounts a = e.accounts();
        return new double[]{a.spikes(), a.synops(), a.timeNs(), a.energyByKind().get("total")};
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldGetAndSetStateBetweenRunsAsTheReferenceDoes(int threads) {
        ProcessGraph chipGraph = Cuba.build(400, 2).graph();
        ProcessGraph refGraph = Cuba.build(400, 2).graph();
        LIF chipLif = (LIF) chipGraph.process("cuba");
        LIF refLif = (LIF) refGraph.process("cuba");
        try (Simulation chip = new Simulation(engine(chipGraph, threads));
             Simulation ref = Simulation.reference(refGraph, RunConfig.defaults())) {
            chip.run(30);
            ref.run(30);
            assertArrayEquals(ref.get(refLif.v()), chip.get(chipLif.v()));
            double[] v = new double[400];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i * 997) % 6_000_000;
            }
            chip.set(chipLif.v(), v);
            ref.set(refLif.v(), v);
            chip.set(chipLif.vth(), 90000);
            ref.set(refLif.vth(), 90000);
            chip.run(40);
            ref.run(40);
            assertArrayEquals(ref.get(refLif.u()), chip.get(chipLif.u()));
            assertArrayEquals(ref.get(refLif.v()), chip.get(chipLif.v()));
        }
    }

    /** Closing an engine never run, closing twice, and closing after runs: each returns and ends every worker. */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void shouldCloseIdleAndUnusedEngines(int threads) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            ChipEngine[] made = new ChipEngine[1];
            java.util.Set<Thread> unused = workersOf(() -> engine(Cuba.build(200, 3).graph(), threads), made);
            ChipEngine e = made[0];
            assertEquals(threads, e.shards());
            e.close();
            assertEnded(unused);
            e.close();
            java.util.Set<Thread> used = workersOf(() -> engine(Cuba.build(200, 3).graph(), threads), made);
            ChipEngine f = made[0];
            f.run(5);
            // a negative count is refused and leaves the engine where it was
            assertThrows(IllegalArgumentException.class, () -> f.run(-1));
            assertEquals(5, f.currentStep());
            f.run(0);
            assertEquals(5, f.currentStep());
            f.close();
            assertEnded(used);
            assertThrows(IllegalStateException.class, () -> f.run(1));
        });
    }

    @org.junit.jupiter.api.Test
    void shouldCountPerCoreWindowsThatSumToTheTotalsForAnyThreadCount() {
        long[][] one = null;
        for (int threads : new int[]{1, 4}) {
            try (ChipEngine e = engine(Cuba.build(400, 5).graph(), threads)) {
                e.coreCountersEvery(7);
                e.run(30);
                e.run(20);
                long[][] rows = e.coreCountersByWindow();
                // windows end at steps 7, 14, ..., 49 and the partial one at 50: 8 windows per core
                assertEquals(8 * e.program().cores().size(), rows.length);
                for (int c = 0; c < e.program().cores().size(); c++) {
                    long synops = 0;
                    long spikes = 0;
                    int global = e.program().cores().get(c).globalCore();
                    for (long[] r : rows) {
                        if (r[1] == global) {
                            synops += r[2];
                            spikes += r[4];
                        }
                    }
                    assertEquals(e.coreTotals(c)[0], synops, "synaptic ops of core " + global);
                    assertEquals(e.coreTotals(c)[3], spikes, "spikes of core " + global);
                }
                if (one == null) {
                    one = rows;
                } else {
                    assertEquals(one.length, rows.length);
                    for (int k = 0; k < rows.length; k++) {
                        assertArrayEquals(one[k], rows[k], "row " + k);
                    }
                }
            }
        }
    }

    /**
     * A program compiled from one network and an engine given another (here the same CUBA network built twice, whose
     * processes are other objects), in a run that reports its spikes, is refused when the engine is made, with the
     * process and core named, instead of failing in the first step that reports a spike.
     */
    @org.junit.jupiter.api.Test
    void shouldRefuseAProgramCompiledFromAnotherNetwork() {
        ChipProgram program = program(Cuba.build(200, 3).graph());
        ProcessGraph other = Cuba.build(200, 3).graph();
        RunConfig recording = RunConfig.defaults().listener(EngineTraces.recorder(new StringBuilder()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChipEngine(other, program, recording, 1));
        String firstProcess = program.cores().get(0).process().name();
        assertTrue(e.getMessage().startsWith("the program was compiled from another network: process '"
                + firstProcess + "' of core 0 is not in the network given"), e.getMessage());
    }
}
