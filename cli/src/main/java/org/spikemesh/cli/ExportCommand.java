package org.spikemesh.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.NetworkFile;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.nir.NirDataWriter;
import org.spikemesh.process.nir.NirExporter;
import org.spikemesh.process.nir.NirImporter;
import org.spikemesh.process.nir.NirReader;
import org.spikemesh.process.nir.NirWriter;
import org.spikemesh.simulator.reference.ReferenceBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikemesh export}: writes a network file as a NIR graph (docs/nir.md, "Export"). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a network file (spikemesh-network/1) as a NIR graph (HDF5, the layout nir.write produces).")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NETWORK", description = "network file (YAML, spikemesh-network/1)")
    Path network;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the NIR file to write (atomically)")
    Path out;

    @Option(names = "--dt", paramLabel = "SECONDS",
            description = "time step the NIR time constants are computed for; import with the same --dt (default 1e-4)")
    Double dt;

    @Option(names = "--model", description = "fixed_pt or float_pt: the arithmetic whose network is exported"
            + " (default: as the network says, else fixed_pt; fixed_pt is exported as its continuous equivalent)")
    String model;

    @Option(names = "--input-data", paramLabel = "FILE",
            description = "also write the spikes of the network's SpikeInputs as a NIRGraphData file, for run --input")
    Path inputData;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (NirReader.looksLikeNir(network)) {
            throw new ModelException(network + ": is a NIR graph already; export takes a network file (YAML)");
        }
        AtomicFiles.requireWritable("--out " + out, out);
        if (inputData != null) {
            AtomicFiles.requireWritable("--input-data " + inputData, inputData);
        }
        ProcessGraph g = NetworkFile.load(network).graph();
        NumericModel m = ReferenceBackend.resolveModel(g, model == null ? null : NumericModel.parse(model));
        double step = dt == null ? NirImporter.Options.DEFAULT_DT : dt;
        NirExporter.Result r = NirExporter.export(g, new NirExporter.Options(step, m));
        AtomicFiles.write(out, tmp -> NirWriter.write(tmp, r.file()));
        if (inputData != null) {
            writeInputs(g, step);
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        r.warnings().forEach(w -> err.println("spikemesh export: warning: " + w));
        String reset = r.reset() == null ? "" : " --reset " + r.reset().tag();
        String input = inputData == null ? "" : " --input " + inputData;
        // a command that runs as printed: the steps and the output directory are required by run
        String name = out.getFileName().toString().replaceFirst("\\.nir$", "");
        spec.commandLine().getOut().println("wrote " + out + " (" + r.file().graph().nodes().size() + " top-level nodes, "
                + m.tag() + " at dt = " + step + " s); run it with: spikemesh run " + out + " --dt " + step + reset + input
                + " --steps 1000 --out out/" + name);
        return 0;
    }

    /** Writes every SpikeInput's spikes as one NIRGraphData node named after it (its NIR Input node). */
    private void writeInputs(ProcessGraph g, double step) throws java.io.IOException {
        Map<String, NirDataWriter.Events> nodes = new LinkedHashMap<>();
        int last = 1;
        for (Process p : g.processes()) {
            if (p instanceof SpikeInput) {
                SpikeInput in = (SpikeInput) p;
                List<int[]> events = new ArrayList<>();
                in.spikes().forEach((neuron, steps) -> {
                    for (int k : steps) {
                        events.add(new int[]{k, neuron});
                    }
                });
                events.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
                int[] steps = events.stream().mapToInt(e -> e[0]).toArray();
                int[] index = events.stream().mapToInt(e -> e[1]).toArray();
                last = Math.max(last, steps.length == 0 ? 1 : steps[steps.length - 1]);
                nodes.put(in.name(), new NirDataWriter.Events(in.size(), steps, index));
            }
        }
        int steps = last;
        AtomicFiles.write(inputData, tmp -> NirDataWriter.write(tmp, nodes, step, steps));
    }
}
