package org.spikemesh.simulator.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.io.NetworkFile;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/** The reference backend reproduces Lava's bit-accurate trace of lif_dense_lif exactly (all 50 steps). */
class LavaGoldenTest {

    @Test
    void shouldReproduceLavaGoldenTraceFromNetworkFile() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/lava-golden/lif_dense_lif.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Network net = NetworkFile.parse(yaml, "lif_dense_lif.yaml", null);
        ProcessGraph g = net.graph();
        check(g, (LIF) g.process("lif1"), (LIF) g.process("lif2"));
    }

    @Test
    void shouldReproduceLavaGoldenTraceFromJavaApi() throws IOException {
        LIF lif1 = LIF.builder("lif1").shape(3).du(0).dv(256).vth(10).biasMant(100, 60, 45).biasExp(1, 1, 2).build();
        Dense dense = Dense.of("dense", new double[][]{{41, 25, -13}, {-20, 35, 17}});
        LIF lif2 = LIF.builder("lif2").shape(2).du(1024).dv(128).vth(60).biasMant(0, 3).biasExp(0, 0).build();
        lif1.sOut().connect(dense.sIn());
        dense.aOut().connect(lif2.aIn());
        check(ProcessGraph.of(lif1), lif1, lif2);
        // the weights after Lava's clip and truncation, as the trace header reads them back
        assertArrayEquals(new int[]{40, -20, 24, 34, -14, 16}, dense.preparedWeights());
    }

    /**
     * Lava's golden trace header: the Dense weights given [[41, 25, -13], [-20, 35, 17]] read back through get() after
     * the run as [[40, 24, -14], [-20, 34, 16]] (clipped and truncated by the bit-accurate model). A probe of
     * dense.weights reads those on the reference backend and on the chip engine, at every step.
     */
    @Test
    void shouldReadTheDenseWeightsBackAsLavaDoes() {
        double[] lava = {40, 24, -14, -20, 34, 16};
        for (boolean chip : new boolean[]{false, true}) {
            LIF lif1 = LIF.builder("lif1").shape(3).du(0).dv(256).vth(10).biasMant(100, 60, 45).biasExp(1, 1, 2)
                    .build();
            Dense dense = Dense.of("dense", new double[][]{{41, 25, -13}, {-20, 35, 17}});
            LIF lif2 = LIF.builder("lif2").shape(2).du(1024).dv(128).vth(60).biasMant(0, 3).biasExp(0, 0).build();
            lif1.sOut().connect(dense.sIn());
            dense.aOut().connect(lif2.aIn());
            ProcessGraph g = ProcessGraph.of(lif1);
            Monitor m = new Monitor();
            RunConfig cfg = RunConfig.defaults().model(NumericModel.FIXED_PT).probe(dense.weights()).listener(m);
            try (Simulation sim = chip ? new Simulation(new org.spikemesh.simulator.chip.ChipEngine(g,
                    org.spikemesh.compiler.Compiler.compile(g, org.spikemesh.chip.ChipConfigs.preset("loihi-like"),
                            org.spikemesh.compiler.CompileOptions.defaults()).program(), cfg, 1))
                    : Simulation.reference(g, cfg)) {
                sim.run(3);
                assertArrayEquals(lava, sim.get(dense.weights()), chip ? "chip" : "reference");
            }
            for (int t = 0; t < 3; t++) {
                assertArrayEquals(lava, m.trace(dense.weights())[t], (chip ? "chip" : "reference") + " step " + (t + 1));
            }
        }
    }

    private static void check(ProcessGraph g, LIF lif1, LIF lif2) throws IOException {
        Monitor m = new Monitor();
        RunConfig cfg = RunConfig.defaults().model(NumericModel.FIXED_PT)
                .probe(lif1.u(), lif1.v(), lif2.u(), lif2.v()).listener(m);
        try (Simulation sim = Simulation.reference(g, cfg)) {
            sim.run(50);
        }
        List<int[][]> rows = GoldenTrace.load().rows;
        assertEquals(50, rows.size());
        for (int[][] row : rows) {
            int t = row[0][0];
            for (int i = 0; i < 3; i++) {
                assertEquals(row[1][i] == 1, m.fired(lif1, t, i), "lif1 spike " + i + " step " + t);
                assertEquals(row[2][i], (int) m.trace(lif1.u())[t - 1][i], "lif1.u step " + t);
                assertEquals(row[3][i], (int) m.trace(lif1.v())[t - 1][i], "lif1.v step " + t);
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(row[4][i] == 1, m.fired(lif2, t, i), "lif2 spike " + i + " step " + t);
                assertEquals(row[5][i], (int) m.trace(lif2.u())[t - 1][i], "lif2.u step " + t);
                assertEquals(row[6][i], (int) m.trace(lif2.v())[t - 1][i], "lif2.v step " + t);
            }
        }
    }
}
