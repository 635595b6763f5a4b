package org.spikemesh.examples;

import java.util.List;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.chip.Accounts;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * The same network on three chips, side by side: CUBA with 2 000 neurons for 2 000 steps (0.2 s of biological time)
 * on loihi-like, truenorth-like and spinnaker-like, each with as many chips as it needs. Prints cores and chips used,
 * simulated time per step, energy and energy per synaptic event; a chip the network does not fit says why (the
 * compiler's one-line error, a {@code MappingException}).
 * The spikes are the same on every chip (fixed point, bit-exact): only what they cost differs.
 */
public final class ChipComparison {
    private ChipComparison() {
    }

    /**
     * @param args optional: neurons (default 2000) and steps (default 2000)
     */
    public static void main(String[] args) {
        int neurons = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        System.out.printf("CUBA %d neurons, %d steps%n", neurons, steps);
        System.out.printf("%-16s %7s %6s %12s %12s %12s %10s%n", "chip", "cores", "chips", "ns/step", "energy uJ",
                "pJ/synop", "spikes");
        for (String preset : List.of("loihi-like", "truenorth-like", "spinnaker-like")) {
            ChipConfig chip = ChipConfigs.preset(preset);
            ProcessGraph g = Cuba.build(neurons, 1).graph();
            try {
                Compilation c = Compiler.compile(g, chip, CompileOptions.defaults().withChips(Compiler.AUTO_CHIPS));
                try (ChipEngine e = new ChipEngine(g, c.program(), RunConfig.defaults(), 1)) {
                    e.run(steps);
                    Accounts a = e.accounts();
                    double total = a.energyByKind().get("total");
                    System.out.printf("%-16s %7d %6d %12.1f %12.3f %12.1f %10d%n", preset, c.program().cores().size(),
                            c.program().chip().mesh().chips(), a.timeNs() / steps, total / 1e6,
                            a.synops() == 0 ? 0 : total / a.synops(), a.spikes());
                }
            } catch (IllegalArgumentException ex) {
                System.out.printf("%-16s does not fit: %s%n", preset, ex.getMessage());
            }
        }
    }
}
