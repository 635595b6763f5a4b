package org.spikemesh.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.NetworkFile;
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

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (NirReader.looksLikeNir(network)) {
            throw new ModelException(network + ": is a NIR graph already; export takes a network file (YAML)");
        }
        ProcessGraph g = NetworkFile.load(network).graph();
        NumericModel m = ReferenceBackend.resolveModel(g, model == null ? null : NumericModel.parse(model));
        double step = dt == null ? NirImporter.Options.DEFAULT_DT : dt;
        NirExporter.Result r = NirExporter.export(g, new NirExporter.Options(step, m));
        AtomicFiles.write(out, tmp -> NirWriter.write(tmp, r.file()));
        java.io.PrintWriter err = spec.commandLine().getErr();
        r.warnings().forEach(w -> err.println("spikemesh export: warning: " + w));
        String reset = r.reset() == null ? "" : " --reset " + r.reset().tag();
        spec.commandLine().getOut().println("wrote " + out + " (" + r.file().graph().nodes().size() + " top-level nodes, "
                + m.tag() + " at dt = " + step + " s); run it with: spikemesh run " + out + " --dt " + step + reset);
        return 0;
    }
}
