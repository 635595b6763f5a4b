package org.spikemesh.examples;

import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.chip.Accounts;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * Brian2's CUBA benchmark network (4 000 LIF neurons, 80 % excitatory, 80 random inputs each, 0.1 ms steps) in Loihi
 * fixed point ({@link Cuba} documents the mapping of Brian2's parameters), compiled to loihi-like and run for one
 * biological second on the chip engine: the firing rate, and what the second costs the chip in time and energy.
 * {@code spikemesh bench cuba} times the same network; benchmarks/brian2-vs-spikemesh.sh runs Brian2 beside it.
 */
public final class CubaExample {
    private CubaExample() {
    }

    /**
     * @param args optional: neurons (default 4000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        ProcessGraph g = Cuba.build(n, 1).graph();
        Compilation c = Compiler.compile(g, ChipConfigs.preset("loihi-like"),
                CompileOptions.defaults().withChips(Compiler.AUTO_CHIPS));
        Monitor monitor = new Monitor();
        try (ChipEngine e = new ChipEngine(g, c.program(), RunConfig.defaults().listener(monitor), 2);
             Simulation sim = new Simulation(e)) {
            sim.run(10_000);
            Accounts a = e.accounts();
            System.out.printf("CUBA %d neurons on %d cores of loihi-like: %d spikes in 1 s (%.1f Hz per neuron)%n", n,
                    c.program().cores().size(), a.spikes(), a.spikes() / (double) n);
            System.out.printf("chip time %.1f ms for 1 s of network time, energy %.1f uJ, %.0f pJ per synaptic event%n",
                    a.timeNs() / 1e6, a.energyByKind().get("total") / 1e6, a.energyByKind().get("total") / a.synops());
            System.out.println("energy by kind (pJ): " + a.energyByKind());
        }
    }
}
