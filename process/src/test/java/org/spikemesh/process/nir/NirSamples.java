package org.spikemesh.process.nir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NIR fixtures in test resources {@code /nir/} (see PROVENANCE.md there), copied to files so that jHDF can open
 * them from a test jar too, and the golden LIF traces.
 */
public final class NirSamples {
    /** The sample graphs shipped with NIR that every import must accept. */
    public static final List<String> SAMPLES = List.of("lif_norse.nir", "lif_rockpool.nir", "two_lif_neurons.nir",
            "cnn_sinabs.nir", "braille_noDelay_bias_zero.nir", "braille_noDelay_bias_zero_subgraph.nir",
            "braille_noDelay_noBias_subtract.nir", "braille_noDelay_noBias_subtract_subgraph.nir",
            "lif_gzip_subgraph.nir");

    private NirSamples() {
    }

    /**
     * @param name a file in /nir/
     * @param dir where to put the copy
     * @return the copy
     */
    public static Path file(String name, Path dir) {
        try (InputStream in = NirSamples.class.getResourceAsStream("/nir/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /nir/" + name);
            }
            Path p = dir.resolve(name);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A golden trace: one row per step (step 1 first) with input spike, v and output spike.
     *
     * @param name e.g. lif_norse.csv
     * @return rows of three values
     */
    public static double[][] trace(String name) {
        try (InputStream in = NirSamples.class.getResourceAsStream("/nir/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /nir/" + name);
            }
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(",");
                rows.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param trace a golden trace
     * @return the input spikes of its first column, for the Input node named {@code input}
     */
    public static Map<String, Map<Integer, int[]>> inputOf(double[][] trace) {
        return Map.of("input", Map.of(0, stepsWhere(trace, 0)));
    }

    /**
     * @param trace a golden trace
     * @param column 0 for input, 2 for output spikes
     * @return the 1-based steps where the column is positive
     */
    public static int[] stepsWhere(double[][] trace, int column) {
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < trace.length; i++) {
            if (trace[i][column] > 0) {
                s.add(i + 1);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Builds an in-memory node.
     *
     * @param name node name
     * @param type NIR type
     * @param params alternating parameter name and {@link NirArray}
     * @return the node
     */
    public static NirNode node(String name, String type, Object... params) {
        Map<String, NirArray> numbers = new TreeMap<>();
        for (int i = 0; i < params.length; i += 2) {
            numbers.put((String) params[i], (NirArray) params[i + 1]);
        }
        return new NirNode(name, type, numbers, Map.of(), null);
    }

    /**
     * @param shape shape
     * @param values flat values
     * @return an array parameter
     */
    public static NirArray array(int[] shape, double... values) {
        return new NirArray(shape, values);
    }

    /**
     * @param values values of a 1-d parameter
     * @return an array parameter of shape [values.length]
     */
    public static NirArray vec(double... values) {
        return new NirArray(new int[]{values.length}, values);
    }
}
