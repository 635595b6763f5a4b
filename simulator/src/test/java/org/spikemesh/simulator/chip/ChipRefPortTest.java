package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.lib.VarMonitor;
import org.spikemesh.process.lib.VarWriter;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * RefPort reads and writes on the chip engine, run by the host between steps as in the reference backend: the same
 * hand-computed values as RefPortTest, and a reward written into a plastic synapse's third factor.
 */
class ChipRefPortTest {
    private static Simulation onChip(ProcessGraph g, int threads) {
        return new Simulation(new ChipEngine(g, Compiler.compile(g, ChipEngineEquivalenceTest.tinyCores(
                ChipConfigs.preset("loihi-like"), 2), CompileOptions.defaults()).program(), RunConfig.defaults(),
                threads));
    }

    /**
     * A LIF with du = dv = 0, bias 1 and an unreachable threshold integrates v = 1, 2, 3, ...; the monitor reads v
     * after each step; after step 3 the writer sets v to 100, 200, 300 (the monitor still saw 3), so step 4 gives
     * 101, 201, 301. Three neurons on cores of two: they span two cores (and shards).
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void monitorsReadAndWritersWriteBetweenSteps(int threads) {
        LIF lif = LIF.builder("lif").shape(3).du(0).dv(0).vth(100000).biasMant(1).biasExp(0).build();
        VarMonitor mon = VarMonitor.of("mon", lif.v(), 5);
        VarWriter kick = VarWriter.of("kick", lif.v(), Map.of(3, new double[]{100, 200, 300}));
        try (Simulation sim = onChip(ProcessGraph.of(lif, mon, kick), threads)) {
            sim.run(4);
            assertArrayEquals(new double[]{1, 1, 1}, mon.at(1));
            assertArrayEquals(new double[]{3, 3, 3}, mon.at(3));
            assertArrayEquals(new double[]{101, 201, 301}, mon.at(4));
        }
    }

    /**
     * A probe of the monitor's own {@code data} (its recording, 5 rows of 3, step t in row t - 1) reads it as the
     * monitor holds it, on both backends; the reference backend failed at the first step ("mon is not part of this
     * run"). Both read a step's probes before the host runs the monitor for that step, so the probe of step t holds
     * steps 1 .. t - 1: with v = 1, 2, 3 after steps 1-3 (as above), nothing at step 1 and rows 0-1 = 1, 2 at step 3;
     * read after the run, rows 0-2 = 1, 2, 3. Its Vars cannot be written on either backend.
     */
    @ParameterizedTest(name = "chip engine: {0}")
    @ValueSource(booleans = {false, true})
    void aMonitorsRecordingCanBeProbed(boolean chip) {
        LIF lif = LIF.builder("lif").shape(3).du(0).dv(0).vth(100000).biasMant(1).biasExp(0).build();
        VarMonitor mon = VarMonitor.of("mon", lif.v(), 5);
        ProcessGraph g = ProcessGraph.of(lif, mon);
        java.util.List<double[]> seen = new java.util.ArrayList<>();
        RunConfig cfg = RunConfig.defaults().probe(mon.data()).listener(new org.spikemesh.simulator.RunListener() {
            @Override
            public void values(int t, org.spikemesh.process.Var v, double[] values) {
                seen.add(values.clone());
            }
        });
        try (Simulation sim = chip
                ? new Simulation(new ChipEngine(g, Compiler.compile(g, ChipConfigs.preset("loihi-like"),
                        CompileOptions.defaults()).program(), cfg, 1))
                : Simulation.reference(g, cfg)) {
            sim.run(3);
            org.junit.jupiter.api.Assertions.assertEquals(3, seen.size());
            assertArrayEquals(new double[15], seen.get(0));
            assertArrayEquals(new double[]{1, 1, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0}, seen.get(2));
            assertArrayEquals(new double[]{1, 1, 1, 2, 2, 2, 3, 3, 3, 0, 0, 0, 0, 0, 0}, sim.get(mon.data()));
            org.junit.jupiter.api.Assertions.assertThrows(org.spikemesh.process.ModelException.class,
                    () -> sim.set(mon.data(), new double[15]));
        }
    }

    /**
     * Reward-modulated STDP with the reward written by a VarWriter: pre at 2, post at 4 makes the eligibility
     * t = 16 (as in ThreeFactorTest); the reward y2 = 8 written after step 5 adds (16 * 8) >> 5 = 4 units per step:
     * w = 40, then 44, 48 after steps 6 and 7. Both backends.
     */
    @ParameterizedTest(name = "chip engine: {0}")
    @ValueSource(booleans = {false, true})
    void aWrittenRewardGatesLearning(boolean chip) {
        Map<String, Object> p = org.spikemesh.simulator.learning.ThreeFactorTest.rstdp();
        SpikeInput pre = SpikeInput.of("pre", new int[]{1}, Map.of(0, new int[]{2}));
        SpikeInput teacher = SpikeInput.of("teacher", new int[]{1}, Map.of(0, new int[]{3}));
        LIF post = LIF.builder("post").shape(1).du(4095).dv(4095).vth(60).build();
        Dense drive = Dense.of("drive", new double[][]{{100}});
        LearningDense plastic = LearningDense.of("plastic", new double[][]{{40}}, 8, 0, SignMode.MIXED,
                LearningRules.fromParameters(p));
        teacher.sOut().connect(drive.sIn());
        drive.aOut().connect(post.aIn());
        pre.sOut().connect(plastic.sIn());
        plastic.aOut().connect(post.aIn());
        post.sOut().connect(plastic.sInBap());
        VarWriter reward = VarWriter.of("reward", plastic.trace(3), Map.of(5, new double[]{8}));
        VarMonitor w = VarMonitor.of("w", plastic.weights(), 7);
        ProcessGraph g = ProcessGraph.of(pre, teacher, drive, post, plastic, reward, w);
        try (Simulation sim = chip ? onChip(g, 2) : Simulation.reference(g, RunConfig.defaults())) {
            sim.run(7);
        }
        double[] seen = new double[7];
        for (int t = 1; t <= 7; t++) {
            seen[t - 1] = w.at(t)[0];
        }
        assertArrayEquals(new double[]{40, 40, 40, 40, 40, 44, 48}, seen);
    }
}
