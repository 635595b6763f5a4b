package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.chip.TimeModel;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.PlacementFile;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.simulator.RunConfig;

/**
 * Energy and time of tiny pinned programs on loihi-calibrated, worked out by hand from SANA-FE's Loihi figures:
 * dense synop 35.5 pJ / 3.8 ns; every LIF neuron every step 51.2 pJ / 6.0 ns, plus 21.6 pJ / 3.7 ns when it changes
 * state, plus 69.3 pJ / 30 ns when it fires; a message per (spike, destination core) 111 pJ / 5.1 ns; a message
 * received 0 pJ / 16 ns; hops 3.0 pJ / 4.1 ns east-west, 4.2 pJ / 6.5 ns north-south; barrier 600 / 1000 / 1400 /
 * 1800 ns from 1 / 2 / 4 / 29 tiles (step interpolation); detailed time model; no static power. Core c is on tile
 * c / 4 at x = tile % 8, y = tile / 8.
 */
class CalibratedCostTest {
    private static final ChipConfig CALIBRATED = ChipConfigs.preset("loihi-calibrated");

    @TempDir
    Path tmp;

    private ChipEngine run(ProcessGraph g, ChipConfig chip, String pins, int steps) throws IOException {
        Path file = tmp.resolve("pins.csv");
        Files.writeString(file, "population,first_neuron,chip,core\n" + pins);
        ChipProgram p = Compiler.compile(g, chip, new CompileOptions(0, 1, 0, null)
                .withPins(PlacementFile.read(file))).program();
        ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), 1);
        e.run(steps);
        return e;
    }

    /** in -> src (fires at step 2) -> a and b, one neuron each. */
    private static ProcessGraph oneToTwo() {
        SpikeInput in = SpikeInput.of("in", new int[]{1}, Map.of(0, new int[]{1}));
        Dense w = Dense.of("w", new double[][]{{100}}, 8, 0, null);
        LIF src = LIF.builder("src").shape(1).du(4095).dv(0).vth(1).build();
        Dense da = Dense.of("da", new double[][]{{10}}, 8, 0, null);
        Dense db = Dense.of("db", new double[][]{{10}}, 8, 0, null);
        LIF a = LIF.builder("a").shape(1).du(4095).dv(0).vth(1000).build();
        LIF b = LIF.builder("b").shape(1).du(4095).dv(0).vth(1000).build();
        in.sOut().connect(w.sIn());
        w.aOut().connect(src.aIn());
        src.sOut().connect(da.sIn());
        src.sOut().connect(db.sIn());
        da.aOut().connect(a.aIn());
        db.aOut().connect(b.aIn());
        return ProcessGraph.of(in, w, src, da, db, a, b);
    }

    @Test
    void shouldCostOneNeuronFiringToTwoCoresExactly() throws IOException {
        // in on core 0 (tile (0,0)), src on core 4 (tile (1,0)), a on core 36 (tile (1,1)), b on core 12 (tile (3,0)):
        // in -> src 1 east-west hop, src -> a 1 north-south hop, src -> b 2 east-west hops; 4 tiles -> barrier 1400 ns.
        String pins = "in,0,0,0\nsrc,0,0,4\na,0,0,36\nb,0,0,12\n";
        try (ChipEngine e = run(oneToTwo(), CALIBRATED, pins, 2)) {
            Accounts a = e.accounts();
            // step 1, energy: src, a, b at rest 3 x 51.2 = 153.6; in's message 111; 1 east-west hop 3.0; the synop at
            // src 35.5 -> 303.1 pJ.
            assertEquals(303.1, a.stepPj(0), 1e-9);
            // step 1, time: in's message leaves at 5.1 (send), arrives 5.1 + 4.1 = 9.2, src takes it in 16 + 3.8 =
            // 19.8 -> 29.0; src, a and b end their neuron updates at 6.0. Step = 29.0 + 1400 = 1429.0 ns, set by src's
            // core on the link east of tile (0,0).
            assertEquals(1429.0, a.stepNs(0), 1e-9);
            assertEquals(4, a.criticalCore(0));
            assertEquals("0:0:east", a.criticalLink(0));
            // step 2, energy: src changes state and fires 51.2 + 21.6 + 69.3 = 142.1; a and b at rest 2 x 51.2 =
            // 102.4; two messages 2 x 111 = 222; hops: 1 north-south 4.2 + 2 east-west 6.0 = 10.2; a synop at a and at
            // b 2 x 35.5 = 71 -> 547.7 pJ.
            assertEquals(547.7, a.stepPj(1), 1e-9);
            // by kind, from the sums above: step 1: synop 35.5; updates 153.6; in's message 111; hop 3.0
            ChipCostTest.assertKinds(a, 0, 35.5, 153.6, 111, 3.0, 0, 0, 0, 0);
            // step 2: synops 71; updates 142.1 - 69.3 (the fire is a spike's) + 102.4 = 175.2; spikes: fire 69.3 +
            // messages 222 = 291.3; hops 10.2
            ChipCostTest.assertKinds(a, 1, 71, 175.2, 291.3, 10.2, 0, 0, 0, 0);
            // step 2, time: src's first message (to a, its first route) leaves after 6.0 + 3.7 + 30 + 5.1 = 44.8 ns,
            // the second (to b) 5.1 later, at 49.9. To a: arrives 44.8 + 6.5 = 51.3, done 51.3 + 19.8 = 71.1. To b:
            // when it leaves, the message to a is still in flight (1 of them, mean receive time 19.8 ns) and shares
            // src's port into its router, density 1/3 (a 1-hop message spreads 1 over 1 + 2 links): congestion
            // 1/3 x 19.8 / (2 + 1) = 2.2 ns < its path 2 x 4.1 = 8.2, so it arrives 49.9 + 8.2 = 58.1, done 77.9.
            // Step = 77.9 + 1400 = 1477.9 ns, set by b (core 12), on the link east of tile (1,0) (its first link; both
            // links of its path are empty).
            assertEquals(1477.9, a.stepNs(1), 1e-9);
            assertEquals(12, a.criticalCore(1));
            assertEquals("1:0:east", a.criticalLink(1));
            Map<String, Double> kind = a.energyByKind();
            // synaptic ops 3 x 35.5; neuron updates 6 x 51.2 + 21.6; spikes: 69.3 fire + 3 messages x 111;
            // hops 3.0 + 4.2 + 6.0
            assertEquals(106.5, kind.get("synaptic_ops"), 1e-9);
            assertEquals(328.8, kind.get("neuron_updates"), 1e-9);
            assertEquals(402.3, kind.get("spikes"), 1e-9);
            assertEquals(13.2, kind.get("hops"), 1e-9);
            assertEquals(850.8, kind.get("total"), 1e-9);
        }
    }

    @Test
    void shouldChargeTheSameEnergyUnderThePerStepModel() throws IOException {
        // energy does not depend on the time model (no static power): the same 303.1 and 547.7 pJ as above
        String pins = "in,0,0,0\nsrc,0,0,4\na,0,0,36\nb,0,0,12\n";
        try (ChipEngine e = run(oneToTwo(), CALIBRATED.withTimeModel(TimeModel.PER_STEP), pins, 2)) {
            assertEquals(303.1, e.accounts().stepPj(0), 1e-9);
            assertEquals(547.7, e.accounts().stepPj(1), 1e-9);
            // per-step model, step 2: src's core is the slowest: 6.0 + 3.7 (update) + 30 (fire) + 2 x 5.1 (messages)
            // = 49.9 ns (a and b: 6.0 + 16 + 3.8 = 25.8 each)
            assertEquals(49.9, e.accounts().stepComputeNs(1), 1e-9);
            assertEquals(4, e.accounts().criticalCore(1));
        }
    }

    /** Seven input neurons, all spiking at step 1, into one LIF. */
    private static ProcessGraph sevenToOne() {
        Map<Integer, int[]> spikes = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            spikes.put(i, new int[]{1});
        }
        SpikeInput in = SpikeInput.of("in", new int[]{7}, spikes);
        double[][] w = new double[1][7];
        java.util.Arrays.fill(w[0], 10);
        Dense d = Dense.of("w", w, 8, 0, null);
        LIF lif = LIF.builder("lif").shape(1).du(4095).dv(0).vth(100000).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        return ProcessGraph.of(in, d, lif);
    }

    @Test
    void shouldSerialiseReceiversAndBlockSendersOnFullLinks() throws IOException {
        // link buffers of 1 message: a 1-hop route holds (1 + 1) x 1 = 2 before its sender waits. in on core 0 (tile
        // (0,0)), lif on core 4 (tile (1,0)): each message 1 east-west hop (4.1 ns), and adds 1/3 to each of its 2
        // links while in flight (2/3 on the route); the lif takes each in 16 + 3.8 = 19.8 ns. in sends one message
        // every 5.1 ns: m1 .. m7 leave at 5.1, 10.2, ..., 35.7 unless blocked.
        ChipConfig chip = ChipConfigs.parse(ChipConfigs.presetText("loihi-calibrated")
                .replace("buffer_depth: 16", "buffer_depth: 1"), "buffer-1");
        try (ChipEngine e = run(sevenToOne(), chip, "in,0,0,0\nlif,0,0,4\n", 1)) {
            Accounts a = e.accounts();
            // m1 at 5.1: empty route, arrives 9.2, done 29.0.
            // m2 at 10.2: m1 arrived (9.2) and left the network; arrives 14.3, waits for the lif until 29.0, done 48.8.
            // m3 at 15.3: m2 in flight (arrives 29.0): route density 2/3, congestion 2/3 x 19.8 / 2 = 6.6 ns > 4.1:
            //     arrives 21.9, waits until 48.8, done 68.6.
            // m4 at 20.4: m2, m3 in flight: 4/3 -> 13.2 ns, arrives 33.6, done 68.6 + 19.8 = 88.4.
            // m5 at 25.5: m2 .. m4 in flight: 2 (not above 2, no blocking) -> 19.8 ns, arrives 45.3, done 108.2.
            // m6 at 30.6: m2 arrived at 29.0 and left; m3 .. m5: 2 -> 19.8 ns, arrives 50.4, done 128.0.
            // m7 at 35.7: m3 .. m6 in flight (m3 arrives 48.8): 8/3 > 2, the sender waits (8/3 - 2) x 19.8 = 13.2 ns
            //     and sends at 48.9; congestion 8/3 x 19.8 / 2 = 26.4 ns: arrives 75.3, waits until 128.0, done 147.8.
            // The lif's own update ends at 6.0. Step = 147.8 + barrier 1000 (2 tiles) = 1147.8 ns, set by the lif.
            assertEquals(1147.8, a.stepNs(0), 1e-9);
            assertEquals(4, a.criticalCore(0));
            assertEquals("0:0:east", a.criticalLink(0));
            // the senders' side ends with m7 sent at 48.9 (after its 13.2 ns wait)
            assertEquals(48.9, a.stepComputeNs(0), 1e-9);
            // energy: lif at rest 51.2 + 7 messages x 111 + 7 hops x 3.0 + 7 synops x 35.5 = 1097.7 pJ
            assertEquals(1097.7, a.stepPj(0), 1e-9);
        }
    }
}
