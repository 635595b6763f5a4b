package org.spikemesh.cluster.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep files for tests. */
public final class SweepFiles {
    private SweepFiles() {
    }

    /**
     * 16 points of CUBA (100 neurons) on loihi-like: 4 core sizes x 2 hop energies x 2 seeds; the 24-neuron cores
     * need 5 cores where 128-neuron cores need 1.
     *
     * @param steps steps per point
     * @return the sweep file text
     */
    public static String sixteen(int steps) {
        return "format: spikemesh-sweep/1\n"
                + "name: sixteen\n"
                + "network: {builtin: cuba, neurons: 100}\n"
                + "chip: loihi-like\n"
                + "steps: " + steps + "\n"
                + "grid:\n"
                + "  core.max_neurons: [24, 50, 100, 128]\n"
                + "  router.hop_east_west.energy_pj: [3.5, 7]\n"
                + "  seed: [1, 2]\n";
    }

    /**
     * @param dir a directory
     * @param name file name
     * @param text content
     * @return the file written
     */
    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
