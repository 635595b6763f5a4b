package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.Simulation;

/**
 * The run API's lifecycle, from a check of it against the chip engine's promises (stop and close always return, a
 * failure reaches the caller with its cause, Vars behave as on the reference backend), on both backends.
 */
class SimulationLifecycleTest {
    /** An input firing every 3rd step into 8 LIFs (a bias keeps them active), on cores of 2 neurons: 5 cores. */
    private record Net(ProcessGraph graph, LIF lif, Dense dense) {
    }

    private static Net net() {
        int[] steps = new int[100];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = 3 * i + 1;
        }
        SpikeInput in = SpikeInput.of("in", new int[]{2}, Map.of(0, steps, 1, steps));
        double[][] w = new double[8][2];
        for (double[] row : w) {
            java.util.Arrays.fill(row, 60);
        }
        Dense d = Dense.of("d", w);
        LIF lif = LIF.builder("lif").shape(8).du(400).dv(300).vth(200).biasMant(5).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        return new Net(ProcessGraph.of(in), lif, d);
    }

    private static Simulation sim(Net n, int threads, RunConfig cfg) {
        if (threads == 0) {
            return Simulation.reference(n.graph(), cfg);
        }
        return new Simulation(new ChipEngine(n.graph(), Compiler.compile(n.graph(), ChipEngineEquivalenceTest.tinyCores(
                ChipConfigs.preset("loihi-like"), 2), CompileOptions.defaults()).program(), cfg, threads));
    }

    private static RunConfig fixed() {
        return RunConfig.defaults().model(NumericModel.FIXED_PT);
    }

    /**
     * close() from another thread ended a run(n) in progress only when all n steps were done (it waited for the lock
     * run held), and on one chip thread not at all. Now the run ends after its chunk in progress and says where.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2, 4})
    void shouldEndARunInProgressWhenClosedFromAnotherThread(int threads) throws InterruptedException {
        Net n = net();
        Simulation s = sim(n, threads, fixed());
        AtomicReference<Throwable> ended = new AtomicReference<>();
        int steps = 50_000_000;
        Thread runner = new Thread(() -> {
            try {
                s.run(steps);
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        runner.start();
        while (s.backend().currentStep() < 2000) {
            Thread.onSpinWait();
        }
        s.close();
        runner.join();
        assertInstanceOf(IllegalStateException.class, ended.get());
        assertTrue(ended.get().getMessage().startsWith("the simulation was stopped at step "), ended.get().getMessage());
        assertTrue(s.backend().currentStep() < steps, "the run did not go on to its end");
    }

    /**
     * pause() and resume() of a continuous run ({@link Simulation#start()}): a pause ends the run after a whole step,
     * the one {@link Simulation#step()} reports, and the state read then equals that of the reference backend run for
     * exactly that many steps; resume() goes on from there, and the next pause equals the reference run on to that
     * step. CUBA spikes (counted on the reference), so the state depends on every step's spikes being delivered. On
     * cores of 50 neurons CUBA at 400 neurons takes 8 cores and more: 4 threads make 4 shards.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2, 4})
    void shouldPauseAndResumeAContinuousRunAtWholeSteps(int threads) {
        // a hang guard only: the runs take well under a second
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
            ProcessGraph g = Cuba.build(400, 6).graph();
            LIF lif = (LIF) g.process("cuba");
            ProcessGraph refGraph = Cuba.build(400, 6).graph();
            LIF refLif = (LIF) refGraph.process("cuba");
            long[] refSpikes = {0};
            RunListener counter = new RunListener() {
                @Override
                public void spikes(int step, org.spikemesh.process.Process process, int[] neurons, int count) {
                    if (process == refLif) {
                        refSpikes[0] += count;
                    }
                }
            };
            try (Simulation s = threads == 0 ? Simulation.reference(g, RunConfig.defaults())
                    : new Simulation(new ChipEngine(g, Compiler.compile(g, ChipEngineEquivalenceTest.tinyCores(
                            ChipConfigs.preset("loihi-like"), 50), CompileOptions.defaults()).program(),
                            RunConfig.defaults(), threads));
                 Simulation ref = Simulation.reference(refGraph, RunConfig.defaults().listener(counter))) {
                if (threads > 0) {
                    assertEquals(threads, ((ChipEngine) s.backend()).shards());
                }
                s.start();
                assertTrue(s.awaitStep(100, 60_000), "the continuous run reached step 100");
                s.pause();
                assertFalse(s.isRunning(), "paused");
                int first = s.step();
                assertTrue(first >= 100, "paused at step " + first);
                double[] v = s.get(lif.v());
                double[] u = s.get(lif.u());
                assertEquals(first, s.step(), "a paused run stays at its step");
                ref.run(first);
                assertTrue(refSpikes[0] > 0, "CUBA spiked in the first " + first + " steps");
                assertArrayEquals(ref.get(refLif.v()), v, "v at the pause at step " + first);
                assertArrayEquals(ref.get(refLif.u()), u, "u at the pause at step " + first);

                s.resume();
                assertTrue(s.awaitStep(first + 100, 60_000), "the resumed run reached step " + (first + 100));
                s.pause();
                int second = s.step();
                assertTrue(second >= first + 100, "paused again at step " + second);
                long before = refSpikes[0];
                ref.run(second - first);
                assertTrue(refSpikes[0] > before, "CUBA spiked between the pauses");
                assertArrayEquals(ref.get(refLif.v()), s.get(lif.v()), "v at the pause at step " + second);
                assertArrayEquals(ref.get(refLif.u()), s.get(lif.u()), "u at the pause at step " + second);
            }
        });
    }

    /** run(Integer.MAX_VALUE) after 5 steps overflowed the chip engine's last step: it returned having run nothing. */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2})
    void shouldRefuseARunPastTheLastStep(int threads) {
        try (Simulation s = sim(net(), threads, fixed())) {
            s.run(5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run(Integer.MAX_VALUE));
            assertEquals("run(2147483647) from step 5 would pass step 2147483647, the last a simulation can reach",
                    e.getMessage());
        }
    }

    /**
     * A listener that throws a checked exception unchecked (Kotlin, Lombok's @SneakyThrows) got past the engine's
     * catch: the caller saw it, but the engine was not failed and its workers ran on. Now it fails the engine with the
     * exception as the cause, as an unchecked one does.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldFailTheEngineOnACheckedExceptionFromAListener(int threads) {
        Net n = net();
        RunListener sneaky = new RunListener() {
            @Override
            public void stepEnded(int step) {
                if (step == 30) {
                    throwUnchecked(new java.io.IOException("disk full"));
                }
            }
        };
        try (Simulation s = sim(n, threads, fixed().listener(sneaky))) {
            Throwable e = assertThrows(Throwable.class, () -> s.run(100));
            Throwable cause = e;
            while (cause != null && !(cause instanceof java.io.IOException)) {
                cause = cause.getCause();
            }
            assertTrue(cause != null, "the IOException is the cause: " + e);
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> s.run(5));
            assertTrue(again.getMessage().contains("disk full"), again.getMessage());
        } catch (IllegalStateException closing) {
            // close() rethrows the failure it still holds: the engine is failed, as it should be
            assertTrue(closing.getMessage().contains("disk full"), closing.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUnchecked(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * An interrupt of the caller's thread failed the engine for good when it had more threads than processors (its
     * waits block), and was ignored otherwise. Now no run ends by an interrupt: it runs to the end, equal to one
     * thread, and the caller's interrupt flag is kept.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldRunToTheEndWithTheCallersInterruptFlagSet(int threads) {
        Net n1 = net();
        double[] expected;
        try (Simulation one = sim(n1, 1, fixed())) {
            one.run(200);
            expected = one.get(n1.lif().v());
        }
        Net n = net();
        try (Simulation s = sim(n, threads, fixed())) {
            Thread.currentThread().interrupt();
            s.run(200);
            assertTrue(Thread.interrupted(), "the flag is kept (and cleared here)");
            assertArrayEquals(expected, s.get(n.lif().v()));
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * A value refused by set() (du 5000, out of 0..4095) stayed in the Var: get() read 5000 while the run went on
     * with the old du, and every later set of the LIF failed on it.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2})
    void shouldKeepTheOldValueOfARefusedSet(int threads) {
        Net n = net();
        try (Simulation s = sim(n, threads, fixed())) {
            s.run(3);
            assertThrows(ModelException.class, () -> s.set(n.lif().du(), 5000));
            assertEquals(400, s.get(n.lif().du())[0]);
            s.set(n.lif().v(), 7);
            assertEquals(7, s.get(n.lif().v())[3]);
        }
    }

    /** A Dense's weights were "not mapped to the chip in this run"; the engine's own message was unreachable. */
    @Test
    void shouldSayWhatTheChipCanChangeBetweenRuns() {
        Net n = net();
        try (Simulation s = sim(n, 2, fixed())) {
            s.run(3);
            ModelException e = assertThrows(ModelException.class, () -> s.set(n.dense().weights(), 1));
            assertEquals("process 'd', field 'weights': cannot be changed on the chip engine between runs; only LIF"
                    + " state and parameters can", e.getMessage());
        }
    }

    /** A probe of another network's Var recorded its values as built every step; the reference refuses it. */
    @Test
    void shouldRefuseAProbeOfAVarNotInTheNetwork() {
        Net n = net();
        LIF stranger = LIF.builder("stranger").shape(1).build();
        ModelException e = assertThrows(ModelException.class,
                () -> sim(n, 2, fixed().probe(stranger.v()).listener(new Monitor())));
        assertEquals("process 'stranger', field 'v': is not part of this run", e.getMessage());
    }

    /** A listener failing at step 30, with an unchecked exception. */
    private static RunListener failingAt(int at) {
        return new RunListener() {
            @Override
            public void stepEnded(int step) {
                if (step == at) {
                    throw new IllegalArgumentException("listener broke at " + step);
                }
            }
        };
    }

    /**
     * After a listener failed, the reference backend ran on from the failed step while the chip engine refused every
     * later run (its workers may be past the step that failed). Now both refuse, naming the first failure as the cause,
     * and refuse get and set too; close() returns.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2})
    void shouldRefuseToRunOnAfterARunFailedOnEveryBackend(int threads) {
        Net n = net();
        Simulation s = sim(n, threads, fixed().listener(failingAt(30)));
        Throwable first = assertThrows(RuntimeException.class, () -> s.run(100));
        assertTrue(String.valueOf(first).contains("listener broke at 30"), String.valueOf(first));
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> s.run(5));
        assertTrue(again.getMessage().startsWith("the simulation failed at step "), again.getMessage());
        assertTrue(again.getMessage().contains("listener broke at 30"), again.getMessage());
        assertTrue(again.getMessage().endsWith("close it and build a new one"), again.getMessage());
        assertTrue(again.getCause() != null && String.valueOf(again.getCause()).contains("listener broke at 30"));
        assertThrows(IllegalStateException.class, () -> s.start());
        IllegalStateException read = assertThrows(IllegalStateException.class, () -> s.get(n.lif().v()));
        assertTrue(read.getMessage().startsWith("the simulation failed at step "), read.getMessage());
        assertThrows(IllegalStateException.class, () -> s.set(n.lif().v(), 1));
        closeFailed(s);
    }

    /** close() returns; the chip engine rethrows the failure it still holds when it closes, as it should. */
    private static void closeFailed(Simulation s) {
        try {
            s.close();
        } catch (IllegalStateException closing) {
            assertTrue(String.valueOf(closing).contains("listener broke at 30"), String.valueOf(closing));
        }
    }

    /**
     * A continuous run that failed left its thread recorded as running: the next run() said "the simulation is
     * running; pause() first" although nothing ran. Now it throws the failure itself, then refuses as above.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2})
    void shouldReportTheFailureOfAContinuousRunRatherThanAskForAPause(int threads) throws InterruptedException {
        Net n = net();
        Simulation s = sim(n, threads, fixed().listener(failingAt(30)));
        s.start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (s.isRunning() && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertTrue(!s.isRunning(), "the continuous run ended at its failure");
        Throwable first = assertThrows(RuntimeException.class, () -> s.run(5));
        assertTrue(String.valueOf(first).contains("listener broke at 30"), String.valueOf(first));
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> s.run(5));
        assertTrue(again.getMessage().startsWith("the simulation failed at step "), again.getMessage());
        closeFailed(s);
    }

    /**
     * get and set after close() read and wrote the chip engine's arrays while the reference backend said the Var "is
     * not part of this run". Now both the simulation and each backend say that it is closed.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2})
    void shouldRefuseVarsAfterClose(int threads) {
        Net n = net();
        Simulation s = sim(n, threads, fixed());
        s.run(10);
        s.close();
        IllegalStateException get = assertThrows(IllegalStateException.class, () -> s.get(n.lif().v()));
        assertEquals("the simulation was stopped", get.getMessage());
        IllegalStateException set = assertThrows(IllegalStateException.class, () -> s.set(n.lif().v(), 1));
        assertEquals("the simulation was stopped", set.getMessage());
        String backend = threads == 0 ? "reference backend is closed" : "chip engine is closed";
        assertEquals(backend, assertThrows(IllegalStateException.class,
                () -> s.backend().read(n.lif().v())).getMessage());
        assertEquals(backend, assertThrows(IllegalStateException.class,
                () -> s.backend().write(n.lif().v(), new double[]{1})).getMessage());
        assertEquals(backend, assertThrows(IllegalStateException.class, () -> s.backend().run(1)).getMessage());
    }

    /** @return a listener that, at the end of step 30, does {@code what} to the simulation {@code self} holds */
    private static RunListener atStep30(AtomicReference<Simulation> self,
                                        java.util.function.Consumer<Simulation> what) {
        return new RunListener() {
            @Override
            public void stepEnded(int step) {
                if (step == 30) {
                    what.accept(self.get());
                }
            }
        };
    }

    /**
     * close() from a listener during run(5 000): the reference failed at once ("reference backend is closed"), one chip
     * thread ran to the end of the chunk, two and four threads failed with "chip engine was closed during a run". Now
     * every backend ends the run after the chunk in progress, as a close() from another thread does, then closes.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2, 4})
    void shouldStopAfterTheChunkWhenAListenerClosesTheSimulation(int threads) {
        Net n = net();
        AtomicReference<Simulation> self = new AtomicReference<>();
        RunListener stopper = atStep30(self, Simulation::close);
        Simulation s = sim(n, threads, fixed().listener(stopper));
        self.set(s);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.run(5000));
        // chunks of Simulation.CHUNK = 1 000 steps: the close at step 30 takes effect at the end of the first
        assertEquals("the simulation was stopped at step 1000, 4000 steps before the end of run(5000)", e.getMessage());
        assertEquals("the simulation was stopped", assertThrows(IllegalStateException.class,
                () -> s.get(n.lif().v())).getMessage());
        s.close();
    }

    /**
     * stop() from a listener of a continuous run: the run's thread joined itself for 5 s before closing. Now the run
     * ends after the step and closes the simulation itself; later calls say it was stopped.
     */
    @ParameterizedTest(name = "{0} threads (0: reference)")
    @ValueSource(ints = {0, 1, 2, 4})
    void shouldEndAContinuousRunStoppedByItsListener(int threads) throws InterruptedException {
        Net n = net();
        AtomicReference<Simulation> self = new AtomicReference<>();
        RunListener stopper = atStep30(self, Simulation::stop);
        Simulation s = sim(n, threads, fixed().listener(stopper));
        self.set(s);
        s.start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (s.isRunning() && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertTrue(!s.isRunning(), "the run ended");
        assertEquals(30, s.backend().currentStep(), "it ended after the step whose listener stopped it");
        assertEquals("the simulation was stopped", assertThrows(IllegalStateException.class, () -> s.run(1))
                .getMessage());
        s.close();
    }
}
