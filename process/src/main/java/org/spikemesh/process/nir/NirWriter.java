package org.spikemesh.process.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikemesh.process.ModelException;

/**
 * Writes a {@link NirFile} as NIR HDF5, the layout {@code nir.write} produces and {@code nir.read} reads:
 * {@code /version} (string), {@code /node/type = NIRGraph}, {@code /node/edges} (E x 2 strings, source then
 * target) and {@code /node/nodes/NAME/} with the node's {@code type} (string) and its parameters as datasets: float64
 * with the parameter's shape (a scalar for shape []), int64 for the integer parameters ({@code shape},
 * {@code stride}, {@code padding}, ...), strings for text parameters. A nested {@code NIRGraph} node repeats the
 * layout. Strings are fixed-length (jHDF 0.13 writes no variable-length strings); h5py reads them as bytes, as it
 * reads the variable-length ones nir writes.
 */
public final class NirWriter {
    /** Parameters that NIR stores as integers. */
    static final Set<String> INTEGER_KEYS = Set.of("shape", "input_shape", "stride", "padding", "dilation", "groups",
            "kernel_size", "start_dim", "end_dim", "input_type", "output_type");

    private final String file;

    private NirWriter(String file) {
        this.file = file;
    }

    /**
     * Writes the file (replacing it). Callers that need an atomic result write to a temporary file and move it.
     *
     * @param path where to write
     * @param nir the version and graph
     * @throws ModelException one line naming the file when the graph cannot be written
     */
    public static void write(Path path, NirFile nir) {
        NirWriter w = new NirWriter(path.toString());
        try (WritableHdfFile f = HdfFile.write(path)) {
            f.putDataset("version", nir.version() == null ? NirExporter.NIR_VERSION : nir.version());
            WritableGroup node = f.putGroup("node");
            w.graph(node, nir.graph(), "");
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelException(path + ": cannot write the HDF5 file: " + e.getMessage());
        }
    }

    private void graph(WritableGroup g, NirGraph graph, String prefix) {
        g.putDataset("type", "NIRGraph");
        List<NirEdge> edges = graph.edges();
        if (edges.isEmpty()) {
            throw new ModelException(file + ": graph '" + (prefix.isEmpty() ? "/" : prefix) + "' has no edges; a NIR"
                    + " graph connects its nodes");
        }
        String[][] e = new String[edges.size()][];
        for (int i = 0; i < e.length; i++) {
            e[i] = new String[]{edges.get(i).from(), edges.get(i).to()};
        }
        g.putDataset("edges", e);
        WritableGroup nodes = g.putGroup("nodes");
        for (NirNode n : graph.nodes().values()) {
            WritableGroup ng = nodes.putGroup(n.name());
            if (n.graph() != null) {
                graph(ng, n.graph(), prefix + n.name() + ".");
                continue;
            }
            ng.putDataset("type", n.type());
            for (Map.Entry<String, NirArray> p : n.numbers().entrySet()) {
                ng.putDataset(p.getKey(), data(p.getKey(), p.getValue(), prefix + n.name()));
            }
            for (Map.Entry<String, String> t : n.texts().entrySet()) {
                ng.putDataset(t.getKey(), t.getValue());
            }
        }
    }

    private Object data(String key, NirArray a, String node) {
        if (a.size() == 0) {
            throw new ModelException(file + ": node '" + node + "': parameter '" + key + "' is empty; jHDF writes no"
                    + " empty datasets");
        }
        boolean integer = INTEGER_KEYS.contains(key);
        int[] shape = a.shape();
        if (shape.length == 0) {
            return integer ? (Object) (long) a.get(0) : (Object) a.get(0);
        }
        Object array = Array.newInstance(integer ? long.class : double.class, shape);
        fill(array, a.values(), 0, shape, 0);
        return array;
    }

    private static int fill(Object array, double[] values, int at, int[] shape, int dim) {
        int pos = at;
        for (int i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) {
                if (array instanceof long[]) {
                    ((long[]) array)[i] = (long) values[pos++];
                } else {
                    ((double[]) array)[i] = values[pos++];
                }
            } else {
                pos = fill(Array.get(array, i), values, pos, shape, dim + 1);
            }
        }
        return pos;
    }
}
