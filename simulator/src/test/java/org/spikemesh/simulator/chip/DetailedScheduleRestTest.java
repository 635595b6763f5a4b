package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.PlacementFile;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.RunConfig;

/**
 * The detailed model's send queue charges the neurons updated before a message as the core counted them: a neuron at
 * rest takes t_rest, not t_act. The log of spikes the queues are built from read the neurons' flags after the scan had
 * cleared them, which made every neuron before a spike active, so that messages left their core late (3.7 ns per
 * neuron at rest before them on loihi-calibrated) and the core's trailing entry came early by as much.
 */
class DetailedScheduleRestTest {
    @TempDir
    Path tmp;

    @Test
    void shouldChargeNeuronsAtRestBeforeAMessageAsAtRest() throws IOException {
        // src: 3 LIF neurons on core 0; only neuron 1 has a bias (100 > vth 1 << 6 = 64), so it fires every step with
        // u = 0 and v reset to 0: a spike that leaves its neuron at rest. Neurons 0 and 2 stay at rest (u = v = 0).
        // a: 1 LIF neuron on core 1, the same tile (0,0): a message within the tile, 0 hops, 0 ns of path.
        LIF src = LIF.builder("src").shape(3).du(0).dv(0).vth(1).biasMant(0, 100, 0).build();
        Dense w = Dense.of("w", new double[][]{{10, 10, 10}}, 8, 0, null);
        LIF a = LIF.builder("a").shape(1).du(4095).dv(0).vth(1000).build();
        src.sOut().connect(w.sIn());
        w.aOut().connect(a.aIn());
        ProcessGraph g = ProcessGraph.of(src, w, a);
        Path pins = tmp.resolve("pins.csv");
        Files.writeString(pins, "population,first_neuron,chip,core\nsrc,0,0,0\na,0,0,1\n");
        ChipProgram p = Compiler.compile(g, ChipConfigs.preset("loihi-calibrated"), new CompileOptions(0, 1, 0, null)
                .withPins(PlacementFile.read(pins))).program();
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), 1)) {
            e.run(1);
            Accounts acc = e.accounts();
            // step 1, src's send queue: neuron 0 at rest 6.0; neuron 1 fires at rest: 6.0 (access) + 3.7 (a neuron
            // that fires was updated, as SANA-FE counts it) + 30 (fire) + 5.1 (message) -> its message leaves at
            // 6.0 + 44.8 = 50.8; neuron 2 at rest 6.0 -> src's trailing entry at 56.8. a: at rest, 6.0.
            // The message: within the tile, nothing in flight (density 0): network time max(0, 0) = 0, arrives
            // 50.8, a takes it in 16 (receive) + 3.8 (dense synop) = 19.8 -> done 70.6, the step's last event.
            // Step = 70.6 + barrier 600 (1 tile) = 670.6 ns, set by a (core 1).
            // (Reading the cleared flags charged neurons 0 and 1 as active, 9.7 each, and neuron 1's fire at rest on
            // top, 3.7: the message left at 58.2 and the step took 678.0 ns.)
            assertEquals(670.6, acc.stepNs(0), 1e-9);
            assertEquals(1, acc.criticalCore(0));
            // the cores finish sending with src's trailing entry, 6.0 + 44.8 + 6.0 = 56.8 (before and after the fix)
            assertEquals(56.8, acc.stepComputeNs(0), 1e-9);
            // energy: 4 neurons accessed 4 x 51.2 = 204.8; neuron 1 updated 21.6, fires 69.3; its message 111; a's
            // synop 35.5 -> 442.2 pJ (the time model does not change it)
            assertEquals(442.2, acc.stepPj(0), 1e-9);
        }
    }
}
