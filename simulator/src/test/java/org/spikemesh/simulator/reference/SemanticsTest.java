package org.spikemesh.simulator.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Composite;
import org.spikemesh.process.lib.DelayDense;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/** Network-level rules of ARCHITECTURE.md "Semantics", each with its expected values derived by hand. */
class SemanticsTest {

    private static Monitor run(LIF probe, int steps, NumericModel model) {
        Monitor m = new Monitor();
        RunConfig cfg = RunConfig.defaults().model(model).probe(probe.u(), probe.v()).listener(m);
        try (Simulation sim = Simulation.reference(probe, cfg)) {
            sim.run(steps);
        }
        return m;
    }

    private static SpikeInput stim(String name, int n, Map<Integer, int[]> spikes) {
        return SpikeInput.of(name, new int[]{n}, spikes);
    }

    @Test
    void shouldDeliverASpikeOneStepLater() {
        SpikeInput s = stim("s", 1, Map.of(0, new int[]{3}));
        Dense d = Dense.of("d", new double[][]{{5}});
        LIF lif = LIF.builder("lif").shape(1).du(4095).dv(4095).vth(100000).build();
        s.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        double[][] u = run(lif, 5, NumericModel.FIXED_PT).trace(lif.u());
        // spike at step 3 -> Dense sends at step 4 -> u = 5 << 6 = 320 at step 4 only (du = 4095 clears u)
        assertEquals(0, u[2][0]);
        assertEquals(320, u[3][0]);
        assertEquals(0, u[4][0]);
    }

    @Test
    void shouldSumFanInAfterEachDenseAppliesItsOwnExponent() {
        SpikeInput s = stim("s", 1, Map.of(0, new int[]{1}));
        Dense d1 = Dense.of("d1", new double[][]{{10}}, 8, 1, null);               // 10 << 1 = 20
        Dense d2 = Dense.of("d2", new double[][]{{-3}}, 8, -1, SignMode.INHIBITORY); // -3 >> 1 = -2 (floor)
        LIF lif = LIF.builder("lif").shape(1).du(4095).dv(4095).vth(100000).build();
        s.sOut().connect(d1.sIn());
        s.sOut().connect(d2.sIn());
        d1.aOut().connect(lif.aIn());
        d2.aOut().connect(lif.aIn());
        double[][] u = run(lif, 2, NumericModel.FIXED_PT).trace(lif.u());
        assertEquals((20 - 2) << 6, (int) u[1][0]); // 1152
    }

    @Test
    void shouldShiftTheSumNotEachWeightForNegativeExponent() {
        SpikeInput s = stim("s", 2, Map.of(0, new int[]{1}, 1, new int[]{1}));
        Dense d = Dense.of("d", new double[][]{{7, 7}}, 8, -1, null);
        LIF lif = LIF.builder("lif").shape(1).du(4095).dv(4095).vth(100000).build();
        s.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        double[][] u = run(lif, 2, NumericModel.FIXED_PT).trace(lif.u());
        // (7 + 7) >> 1 = 7, not (7>>1) + (7>>1) = 6
        assertEquals(7 << 6, (int) u[1][0]);
    }

    @Test
    void shouldAddScaledBiasEveryStep() {
        LIF lif = LIF.builder("lif").shape(1).du(0).dv(0).vth(1000).biasMant(3).biasExp(4).build();
        double[][] v = run(lif, 3, NumericModel.FIXED_PT).trace(lif.v());
        // bias = 3 << 4 = 48, dv = 0 keeps v: 48, 96, 144
        assertEquals(48, v[0][0]);
        assertEquals(96, v[1][0]);
        assertEquals(144, v[2][0]);
    }

    @Test
    void shouldSpikeStrictlyAboveThresholdAndResetVKeepingU() {
        // vth = 1 -> 64; bias 32 per step: v = 32, 64 (not > 64), 96 > 64 -> spike, v = 0
        LIF lif = LIF.builder("lif").shape(1).du(0).dv(0).vth(1).biasMant(32).build();
        Monitor m = run(lif, 4, NumericModel.FIXED_PT);
        assertFalse(m.fired(lif, 2, 0));
        assertTrue(m.fired(lif, 3, 0));
        assertEquals(0, m.trace(lif.v())[2][0]);
        assertEquals(32, m.trace(lif.v())[3][0]);
    }

    @Test
    void shouldDelaySynapsesByTheirDelay() {
        SpikeInput s = stim("s", 1, Map.of(0, new int[]{1}));
        DelayDense d = DelayDense.of("d", new double[][]{{4}, {6}}, new double[][]{{0}, {2}}, 8, 0, null);
        LIF lif = LIF.builder("lif").shape(2).du(4095).dv(4095).vth(100000).build();
        s.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        double[][] u = run(lif, 5, NumericModel.FIXED_PT).trace(lif.u());
        // delay 0: step 1 + 1 = 2; delay 2: step 1 + 1 + 2 = 4
        assertEquals(256, u[1][0]);
        assertEquals(0, u[1][1]);
        assertEquals(0, u[2][1]);
        assertEquals(384, u[3][1]);
    }

    @Test
    void shouldFlattenHierarchicalProcessesToTheSameSpikes() {
        // flat: stim -> d -> lif ; nested: stim -> [comp: d -> lif] with ports s_in, s_out
        Map<Integer, int[]> spikes = Map.of(0, new int[]{1, 2, 3, 5, 8}, 1, new int[]{2, 4, 6});
        double[][] w = {{60, 40}, {-20, 90}};
        SpikeInput s1 = stim("s", 2, spikes);
        Dense d1 = Dense.of("d", w);
        LIF l1 = LIF.builder("lif").shape(2).du(1000).dv(500).vth(20).build();
        s1.sOut().connect(d1.sIn());
        d1.aOut().connect(l1.aIn());
        Monitor flat = run(l1, 12, NumericModel.FIXED_PT);

        SpikeInput s2 = stim("s", 2, spikes);
        Composite comp = new Composite("comp");
        Dense d2 = comp.add(Dense.of("d", w));
        LIF l2 = comp.add(LIF.builder("lif").shape(2).du(1000).dv(500).vth(20).build());
        d2.aOut().connect(l2.aIn());
        comp.exposeIn("s_in", d2.sIn());
        comp.exposeOut("s_out", l2.sOut());
        s2.sOut().connect(comp.inPort("s_in"));
        ProcessGraph g = ProcessGraph.of(s2);
        assertEquals(List.of("s", "comp/d", "comp/lif"), g.processes().stream().map(p -> p.name()).toList());
        Monitor nested = run(l2, 12, NumericModel.FIXED_PT);
        assertEquals(flat.spikes(l1).size(), nested.spikes(l2).size());
        for (int i = 0; i < flat.spikes(l1).size(); i++) {
            assertEquals(flat.spikes(l1).get(i)[0], nested.spikes(l2).get(i)[0]);
            assertEquals(flat.spikes(l1).get(i)[1], nested.spikes(l2).get(i)[1]);
        }
        assertTrue(flat.spikes(l1).size() > 0);
    }

    @Test
    void shouldRejectACycleWithoutDelay() {
        LIF a = LIF.builder("a").shape(1).build();
        LIF b = LIF.builder("b").shape(1).build();
        a.sOut().connect(b.aIn());
        b.sOut().connect(a.aIn());
        ModelException e = assertThrows(ModelException.class,
                () -> Simulation.reference(a, RunConfig.defaults()).close());
        assertTrue(e.getMessage().contains("cycle with no delay"), e.getMessage());
    }

    @Test
    void shouldRejectOutOfRangeFixedPointParameters() {
        LIF a = LIF.builder("a").shape(1).du(5000).build();
        ModelException e = assertThrows(ModelException.class,
                () -> Simulation.reference(a, RunConfig.defaults().model(NumericModel.FIXED_PT)).close());
        assertEquals("process 'a', field 'du': value 5000 is out of range; valid is 0..4095", e.getMessage());
    }

    @Test
    void shouldMatchClosedFormInFloatModel() {
        // bias only: v_t = b * (1 - (1-dv)^t) / dv  (u stays 0, no input)
        double b = 0.3;
        double dv = 0.1;
        LIF lif = LIF.builder("lif").shape(1).du(0.5).dv(dv).vth(1e9).biasMant(b).build();
        double[][] v = run(lif, 30, NumericModel.FLOAT_PT).trace(lif.v());
        for (int t = 1; t <= 30; t++) {
            double expected = b * (1 - Math.pow(1 - dv, t)) / dv;
            assertEquals(expected, v[t - 1][0], 1e-12 * t);
        }
    }

    @Test
    void shouldDecayFloatCurrentGeometrically() {
        // a spike at step 1 through weight w reaches u at step 2; then u_t = w (1-du)^(t-2)
        SpikeInput s = stim("s", 1, Map.of(0, new int[]{1}));
        Dense d = Dense.of("d", new double[][]{{0.75}});
        LIF lif = LIF.builder("lif").shape(1).du(0.2).dv(0).vth(1e9).build();
        s.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        double[][] u = run(lif, 10, NumericModel.FLOAT_PT).trace(lif.u());
        assertEquals(0, u[0][0]);
        for (int t = 2; t <= 10; t++) {
            assertEquals(0.75 * Math.pow(0.8, t - 2), u[t - 1][0], 1e-12);
        }
    }

    @Test
    void shouldReadAndWriteVarsBetweenRunsAndRunContinuously() throws Exception {
        LIF lif = LIF.builder("lif").shape(1).du(0).dv(0).vth(100000).biasMant(1).build();
        try (Simulation sim = Simulation.reference(lif, RunConfig.defaults())) {
            sim.run(5);
            assertEquals(5, sim.get(lif.v())[0]);   // v grows by bias 1 per step
            sim.set(lif.v(), 100);
            sim.run(1);
            assertEquals(101, sim.get(lif.v())[0]);
            sim.start();
            assertTrue(sim.awaitStep(50, 10_000));
            sim.pause();
            int at = sim.step();
            assertEquals(100 + (at - 6) + 1, sim.get(lif.v())[0], "v counts every step run continuously");
            sim.run(2);
            assertEquals(at + 2, sim.step());
        }
    }
}
