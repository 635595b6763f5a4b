package org.spikemesh.simulator.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.io.NetworkFile;
import org.spikemesh.process.io.NetworkWriter;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.VarMonitor;
import org.spikemesh.process.lib.VarWriter;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * RefPort reads and writes between steps. A LIF with du = dv = 0 (no decay), no input, bias 1 and a threshold it never
 * reaches integrates v_t = v_{t-1} + 1: v = 1, 2, 3, ... by hand.
 */
class RefPortTest {
    private static LIF integrator(String name, int n) {
        return LIF.builder(name).shape(n).du(0).dv(0).vth(100000).biasMant(1).biasExp(0).build();
    }

    @Test
    void shouldRecordAVarEveryStepThroughARefPort() {
        LIF lif = integrator("lif", 2);
        VarMonitor mon = VarMonitor.of("mon", lif.v(), 5);
        try (Simulation sim = Simulation.reference(ProcessGraph.of(lif, mon), RunConfig.defaults())) {
            sim.run(7);
        }
        for (int t = 1; t <= 5; t++) {
            assertArrayEquals(new double[]{t, t}, mon.at(t), "v after step " + t);
        }
    }

    @Test
    void shouldWriteAVarAfterTheGivenStepAndContinueFromIt() {
        LIF lif = integrator("lif", 3);
        // the monitor reads before the writer writes: after step 3 it sees 3, then v becomes 100 (neuron 0), 200, 300;
        // step 4 continues from there: 101, 201, 301
        VarMonitor mon = VarMonitor.of("mon", lif.v(), 5);
        VarWriter kick = VarWriter.of("kick", lif.v(), Map.of(3, new double[]{100, 200, 300}));
        try (Simulation sim = Simulation.reference(ProcessGraph.of(lif, mon, kick), RunConfig.defaults())) {
            sim.run(4);
            assertArrayEquals(new double[]{3, 3, 3}, mon.at(3));
            assertArrayEquals(new double[]{101, 201, 301}, mon.at(4));
            assertArrayEquals(new double[]{101, 201, 301}, sim.get(lif.v()));
        }
    }

    @Test
    void shouldBroadcastOneValueAndWriteParametersToo() {
        LIF lif = integrator("lif", 2);
        // after step 2 the bias becomes 5: v = 1, 2, then 7, 12
        VarWriter bias = VarWriter.of("bias", lif.biasMant(), Map.of(2, new double[]{5}));
        VarMonitor mon = VarMonitor.of("mon", lif.v(), 4);
        try (Simulation sim = Simulation.reference(ProcessGraph.of(lif, bias, mon), RunConfig.defaults())) {
            sim.run(4);
        }
        assertArrayEquals(new double[]{7, 7}, mon.at(3));
        assertArrayEquals(new double[]{12, 12}, mon.at(4));
    }

    @Test
    void shouldRoundTripRefPortProcessesThroughTheNetworkFile() {
        String yaml = "format: spikemesh-network/1\n"
                + "processes:\n"
                + "  - {name: lif, type: LIF, shape: [2], du: 0, dv: 0, vth: 100000, bias_mant: 1, bias_exp: 0}\n"
                + "  - {name: mon, type: VarMonitor, shape: [2], target: lif.v, num_steps: 4}\n"
                + "  - {name: kick, type: VarWriter, shape: [2], target: lif.v, writes: {2: [10, 20]}}\n"
                + "connections: []\n";
        Network net = NetworkFile.parse(yaml, "refs.yaml", null);
        String written = NetworkWriter.toYaml(net);
        Network again = NetworkFile.parse(written, "again.yaml", null);
        assertEquals(written, NetworkWriter.toYaml(again));
        ProcessGraph g = again.graph();
        try (Simulation sim = Simulation.reference(g, RunConfig.defaults())) {
            sim.run(4);
        }
        // v = 1, 2 -> written 10, 20 -> 11, 21 -> 12, 22
        assertArrayEquals(new double[]{12, 22}, ((VarMonitor) g.process("mon")).at(4));
    }

    @Test
    void shouldNameTheProblemWhenATargetIsWrong() {
        String bad = "format: spikemesh-network/1\n"
                + "processes:\n"
                + "  - {name: lif, type: LIF, shape: [2]}\n"
                + "  - {name: mon, type: VarMonitor, shape: [3], target: lif.v, num_steps: 4}\n"
                + "connections: []\n";
        ModelException e = assertThrows(ModelException.class, () -> NetworkFile.parse(bad, "bad.yaml", null));
        assertTrue(e.getMessage().startsWith("bad.yaml: process 'mon' (VarMonitor): field 'target'"), e.getMessage());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        String noVar = bad.replace("shape: [3], target: lif.v", "shape: [2], target: lif.w");
        ModelException e2 = assertThrows(ModelException.class, () -> NetworkFile.parse(noVar, "bad.yaml", null));
        assertTrue(e2.getMessage().contains("has no Var 'w'; its Vars are"), e2.getMessage());
    }
}
