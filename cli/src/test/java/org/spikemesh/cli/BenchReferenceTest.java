package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * {@code bench reference}: the spikes and synaptic events it prints, which it counts from the reference backend's
 * spikes and each neuron's out-degree, against the chip engine's own counts of the same network (its synaptic ops,
 * counted where the synapses are read on the chip), and its rates against those counts over the loop time printed.
 */
class BenchReferenceTest {

    @Test
    void shouldCountTheSpikesAndSynapticEventsTheChipEngineCounts() {
        String text = BenchCubaTest.printedBy("bench", "reference", "--neurons", "800", "--steps", "400", "--seed", "3", "--repeat", "2",
                "-q");
        Matcher loop = BenchCubaTest.printed(text, "loop ([0-9.]+) s \\(median of 2\\): (\\d+) spikes \\([0-9.]+ Hz\\), (\\d+) synaptic"
                + " events");
        long spikes = Long.parseLong(loop.group(2));
        long events = Long.parseLong(loop.group(3));
        // 800 neurons, 80 % excitatory with 64 inputs each and 20 % inhibitory with 16 (Cuba's defaults)
        assertTrue(text.contains("CUBA N=800, 400 steps, " + 800 * (64 + 16) + " synapses"), text);
        ProcessGraph g = Cuba.build(800, 3).graph();
        ChipProgram p = Compiler.compile(g, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), 1)) {
            e.run(400);
            assertTrue(e.accounts().spikes() > 0, "the network must fire for the counts to mean anything");
            assertEquals(e.accounts().spikes(), spikes);
            assertEquals(e.accounts().synops(), events);
        }
        // the rate printed last is the events over the median loop: the loop is printed to 0.5 ms, so the rate from
        // it is off by up to 0.0005 / loop of itself, and the rate is printed to 0.05 M events/s
        double med = Double.parseDouble(loop.group(1));
        double rate = Double.parseDouble(BenchCubaTest.printed(text, "\n  ([0-9.]+) M events/s").group(1));
        double fromLoop = events / med / 1e6;
        assertEquals(fromLoop, rate, fromLoop * 0.0005 / med * 1.01 + 0.05);
    }
}
