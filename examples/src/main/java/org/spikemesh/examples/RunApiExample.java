package org.spikemesh.examples;

import java.util.Arrays;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * The Java API in the Lava spirit: build LIF -> Dense -> LIF (the network of Lava's tutorials and of
 * examples/networks/lif_dense_lif.yaml), run it bit-accurately for 50 steps, read and write a Var between runs,
 * then run continuously and pause.
 */
public final class RunApiExample {
    private RunApiExample() {
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        // processes and ports, with Lava's names
        LIF lif1 = LIF.builder("lif1").shape(3).du(0).dv(256).vth(10).biasMant(100, 60, 45).biasExp(1, 1, 2).build();
        Dense dense = Dense.of("dense", new double[][]{{41, 25, -13}, {-20, 35, 17}});
        LIF lif2 = LIF.builder("lif2").shape(2).du(1024).dv(128).vth(60).biasMant(0, 3).build();
        lif1.sOut().connect(dense.sIn());
        dense.aOut().connect(lif2.aIn());

        // probes, arithmetic (Lava's select_tag) and seed
        Monitor monitor = new Monitor();
        RunConfig cfg = RunConfig.defaults().model(NumericModel.FIXED_PT).seed(42).probe(lif2.v()).listener(monitor);
        try (Simulation sim = Simulation.reference(lif1, cfg)) {
            sim.run(50);
            System.out.println("lif2.v after 50 steps: " + Arrays.toString(sim.get(lif2.v())));
            System.out.println("lif2 spikes: " + monitor.spikes(lif2).size());

            sim.set(lif2.v(), 0, 0);               // write a Var between runs
            sim.start();                           // run continuously ...
            sim.awaitStep(1000, 10_000);
            sim.pause();                           // ... until paused
            System.out.println("paused at step " + sim.step() + ", lif2.u = " + Arrays.toString(sim.get(lif2.u())));
        }
    }
}
