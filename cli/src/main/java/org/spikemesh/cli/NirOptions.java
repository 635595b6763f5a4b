package org.spikemesh.cli;

import java.nio.file.Path;
import java.util.Map;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.io.NetworkFile;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.nir.NirChipCheck;
import org.spikemesh.process.nir.NirDataReader;
import org.spikemesh.process.nir.NirImporter;
import org.spikemesh.process.nir.NirInputs;
import org.spikemesh.process.nir.NirModel;
import org.spikemesh.process.nir.NirReader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of {@code spikemesh run} for NIR graphs ({@code --input}, {@code --dt}, {@code --reset},
 * {@code --discretisation}) and the choice between a network file and a NIR file: a file that starts with the HDF5
 * signature, or is named {@code *.nir}, is imported as NIR (docs/nir.md); anything else is loaded as
 * spikemesh-network/1.
 */
final class NirOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--input", paramLabel = "FILE",
            description = "NIR only: input spikes, CSV 'step,input,index' (step 1-based, input = NIR Input node, index flat)"
                    + " or a NIRGraphData HDF5 file (nir.write_data) with the observable 'spikes' of each Input node")
    Path input;

    @Option(names = "--dt", paramLabel = "SECONDS",
            description = "NIR only: time step used to discretise the graph (default 1e-4)")
    Double dt;

    @Option(names = "--reset", paramLabel = "MODE",
            description = "NIR only: zero (v <- v_reset, default) or subtract (v <- v - threshold)")
    String reset;

    @Option(names = "--discretisation", paramLabel = "SCHEME",
            description = "NIR only: euler (decay dt/tau, default) or exp (decay 1 - exp(-dt/tau))")
    String discretisation;

    /** The imported graph after {@link #load} read a NIR file, else null. */
    NirModel model;

    /** @return the time step of a NIR run */
    double dt() {
        return dt == null ? NirImporter.Options.DEFAULT_DT : dt;
    }

    /**
     * Loads the network the user named.
     *
     * @param file a network file or a NIR file
     * @param saveWeights true when the run is asked to write the network back
     * @return the network
     */
    Network load(Path file, boolean saveWeights) {
        if (!NirReader.looksLikeNir(file)) {
            if (input != null || dt != null || reset != null || discretisation != null) {
                throw new ModelException(file + ": --input, --dt, --reset and --discretisation are for NIR graphs (.nir); this is a"
                        + " network file, whose spikes and time step are in the file");
            }
            return NetworkFile.load(file);
        }
        if (saveWeights) {
            throw new ModelException(file + ": --save-weights writes spikemesh-network/1 files and is not available for NIR graphs");
        }
        double step = dt == null ? NirImporter.Options.DEFAULT_DT : dt;
        Map<String, Map<Integer, int[]>> spikes = input == null ? Map.of()
                : NirReader.isHdf5(input) ? NirDataReader.read(input, step) : NirInputs.load(input);
        CubaNeuron.Reset mode = reset == null ? CubaNeuron.Reset.ZERO : CubaNeuron.Reset.parse(reset);
        NirImporter.Discretisation scheme = discretisation == null ? NirImporter.Discretisation.EULER
                : NirImporter.Discretisation.parse(discretisation);
        NirModel m = NirImporter.load(file, new NirImporter.Options(step, mode, spikes, scheme));
        model = m;
        for (String w : m.warnings()) {
            warn(w);
        }
        if (input == null) {
            warn("no --input; the Input nodes " + m.inputs().keySet() + " send no spikes");
        }
        return m.network();
    }

    /**
     * For a NIR graph headed for a chip: warns about every time constant whose decay the chip's 1/4096 steps change
     * by more than 1 % ({@link NirChipCheck}), one line each.
     *
     * @param file the NIR file that {@link #load} read (nothing is said for a network file)
     */
    void warnAboutChip(Path file) {
        if (model != null) {
            NirChipCheck.check(NirReader.read(file), model).forEach(this::warn);
        }
    }

    private void warn(String line) {
        java.io.PrintWriter err = mixee == null ? new java.io.PrintWriter(System.err, true) : mixee.commandLine().getErr();
        String command = mixee == null ? "run" : mixee.commandLine().getCommandName();
        err.println("spikemesh " + command + ": warning: " + line);
    }
}
