package org.spikemesh.examples;

import java.nio.file.Path;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.NetworkFile;
import org.spikemesh.process.nir.NirExporter;
import org.spikemesh.process.nir.NirReader;
import org.spikemesh.process.nir.NirWriter;
import org.spikemesh.simulator.reference.ReferenceBackend;

/**
 * Exports a network file (e.g. examples/networks/synfire_chain.yaml) as a NIR graph for a time step dt, writes it,
 * and lists the file's top-level nodes as NIR reads them (docs/nir.md, "Export"). A fixed_pt network is exported as
 * its continuous equivalent. Arguments: {@code NETWORK.yaml OUT.nir [DT]}.
 */
public final class NirExportExample {
    private NirExportExample() {
    }

    /**
     * @param args the network file, the NIR file to write and optionally dt in seconds (default 1e-4)
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: NirExportExample NETWORK.yaml OUT.nir [DT]");
            return;
        }
        double dt = args.length > 2 ? Double.parseDouble(args[2]) : 1e-4;
        ProcessGraph g = NetworkFile.load(Path.of(args[0])).graph();
        NumericModel model = ReferenceBackend.resolveModel(g, null);           // as `spikemesh run` decides it
        NirExporter.Result r = NirExporter.export(g, new NirExporter.Options(dt, model));
        r.warnings().forEach(w -> System.err.println("warning: " + w));
        NirWriter.write(Path.of(args[1]), r.file());
        NirReader.read(Path.of(args[1])).graph().nodes().forEach((name, node) ->
                System.out.println(name + ": " + node.type()));
        System.out.println("import with dt = " + dt + (r.reset() == null ? "" : ", reset " + r.reset().tag()));
    }
}
