package org.spikemesh.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * A synfire chain closed into a ring: 8 groups of 16 LIF neurons, each group driving the next through all-to-all
 * synapses, the last driving the first. One kick to group 0 sets off a volley that travels round the ring forever,
 * one group per step (each group fires the step after its input group: the synaptic delay of Dense). Every group is
 * its own population, so on a chip the volley hops from core to core: the best network to watch with
 * {@code spikemesh animate} (the same ring is in examples/networks/synfire_chain.yaml).
 */
public final class SynfireChain {
    static final int GROUPS = 8;
    static final int SIZE = 16;

    private SynfireChain() {
    }

    /** @return the ring, kicked at step 1 */
    static List<Process> build() {
        List<Process> ps = new ArrayList<>();
        Map<Integer, int[]> kick = new java.util.HashMap<>();
        for (int i = 0; i < SIZE; i++) {
            kick.put(i, new int[]{1});
        }
        SpikeInput in = SpikeInput.of("kick", new int[]{SIZE}, kick);
        ps.add(in);
        LIF[] g = new LIF[GROUPS];
        for (int k = 0; k < GROUPS; k++) {
            // du 4095: the current lasts one step; dv 0: v integrates; 16 inputs x weight 10 x 64 = 10 240 > 100 x 64
            g[k] = LIF.builder("group" + k).shape(SIZE).du(4095).dv(0).vth(100).build();
            ps.add(g[k]);
        }
        Dense first = allToAll("kick_to_0", 10);
        in.sOut().connect(first.sIn());
        first.aOut().connect(g[0].aIn());
        ps.add(first);
        for (int k = 0; k < GROUPS; k++) {
            Dense d = allToAll("link" + k, 10);
            g[k].sOut().connect(d.sIn());
            d.aOut().connect(g[(k + 1) % GROUPS].aIn());
            ps.add(d);
        }
        return ps;
    }

    private static Dense allToAll(String name, int w) {
        double[][] m = new double[SIZE][SIZE];
        for (double[] row : m) {
            java.util.Arrays.fill(row, w);
        }
        return Dense.of(name, m, 8, 0, null);
    }

    /**
     * Runs the ring for 40 steps on the chip engine (loihi-like) and prints which group fired at each step, the cores
     * it used and what the volley cost.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        ProcessGraph graph = ProcessGraph.of(build(), "synfire ring");
        Compilation c = Compiler.compile(graph, ChipConfigs.preset("loihi-like"), CompileOptions.defaults());
        Monitor monitor = new Monitor();
        RunConfig cfg = RunConfig.defaults().listener(monitor);
        try (ChipEngine engine = new ChipEngine(graph, c.program(), cfg, 2);
             Simulation sim = new Simulation(engine)) {
            sim.run(40);
            for (Process p : graph.processes()) {
                if (p instanceof LIF) {
                    List<Integer> steps = new ArrayList<>();
                    monitor.spikes(p).forEach(s -> {
                        if (!steps.contains(s[0])) {
                            steps.add(s[0]);
                        }
                    });
                    System.out.println(p.name() + " fired at steps " + steps);
                }
            }
            System.out.printf("%d cores, simulated %.2f us, %.3f nJ, %d messages%n", c.program().cores().size(),
                    engine.accounts().timeNs() / 1e3, engine.accounts().energyByKind().get("total") / 1e3,
                    engine.accounts().counts().get("messages"));
        }
    }
}
