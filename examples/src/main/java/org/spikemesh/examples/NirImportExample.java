package org.spikemesh.examples;

import java.nio.file.Path;
import java.util.Map;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.nir.NirImporter;
import org.spikemesh.process.nir.NirInputs;
import org.spikemesh.process.nir.NirModel;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * Imports a NIR graph (e.g. ../shared/nir-samples/lif_norse.nir), discretised with dt = 0.1 ms, drives its Input
 * nodes from a {@code step,input,index} CSV and counts each neuron population's spikes (docs/nir.md).
 * Arguments: {@code MODEL.nir [INPUT.csv] [STEPS]}.
 */
public final class NirImportExample {
    private NirImportExample() {
    }

    /**
     * @param args the .nir file, optionally the input spikes and the number of steps (default 1000)
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: NirImportExample MODEL.nir [INPUT.csv] [STEPS]");
            return;
        }
        Map<String, Map<Integer, int[]>> spikes = args.length > 1 ? NirInputs.load(Path.of(args[1])) : Map.of();
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;

        NirModel m = NirImporter.load(Path.of(args[0]), new NirImporter.Options(1e-4, CubaNeuron.Reset.ZERO, spikes));
        m.warnings().forEach(w -> System.err.println("warning: " + w));
        ProcessGraph g = m.network().graph();     // m.processes(): NIR node -> process name
        Monitor monitor = new Monitor();
        try (Simulation sim = Simulation.reference(g, RunConfig.defaults().model(NumericModel.FLOAT_PT).listener(monitor))) {
            sim.run(steps);
        }
        m.processes().forEach((node, process) -> System.out.println("NIR node " + node + " -> " + process + ": "
                + monitor.spikes(g.process(process)).size() + " spikes"));
    }
}
