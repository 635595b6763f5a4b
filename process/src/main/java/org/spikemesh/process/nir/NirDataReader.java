package org.spikemesh.process.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spikemesh.process.ModelException;

/**
 * Reads input spikes from a NIRGraphData file ({@code nir.write_data}; layout in {@link NirDataWriter}): for each
 * top-level node, its observable {@code spikes}, either EventData (an event at time t is a spike at step
 * {@code floor(t / dt) + 1}, the step nir's {@code to_time_gridded} puts it in, 1-based; padding events with
 * {@code idx = -1} are skipped) or TimeGriddedData ({@code data[0][t][i] != 0} is a spike of neuron i at step
 * t + 1; its {@code dt} must be the run's). One sample only. The result has the form {@link NirInputs} gives.
 */
public final class NirDataReader {
    /** Slack for times written as (k - 1) * dt that land a rounding below a step boundary. */
    private static final double BOUNDARY = 1e-9;

    private final String file;
    private final double dt;

    private NirDataReader(String file, double dt) {
        this.file = file;
        this.dt = dt;
    }

    /**
     * @param path a NIRGraphData file
     * @param dt the run's time step in seconds
     * @return node name -&gt; flat neuron index -&gt; sorted 1-based steps
     * @throws ModelException one line naming the file, the node and the problem
     */
    public static Map<String, Map<Integer, int[]>> read(Path path, double dt) {
        return NirReader.withFile(path, "NIR data is stored as HDF5, as written by nir.write_data",
                "cannot read the NIRGraphData file", (name, f) -> new NirDataReader(name, dt).graph(f));
    }

    private Map<String, Map<Integer, int[]>> graph(HdfFile f) {
        String type = attribute(f, "__type__");
        if (!"NIRGraphData".equals(type)) {
            throw new ModelException(file + ": not a NIRGraphData file: the root's attribute __type__ is "
                    + (type == null ? "missing" : "'" + type + "'") + ", expected NIRGraphData (as nir.write_data writes)");
        }
        Map<String, Map<Integer, int[]>> r = new LinkedHashMap<>();
        for (Node n : group(f, "nodes", "/").getChildren().values()) {
            String where = "node '" + n.getName() + "'";
            String t = n instanceof Group ? attribute(n, "__type__") : null;
            if (!"NIRNodeData".equals(t)) {
                throw new ModelException(file + ": " + where + ": __type__ is " + t + "; input data gives NIRNodeData"
                        + " for top-level Input nodes");
            }
            Group obs = group((Group) n, "observables", where);
            Node s = obs.getChildren().get("spikes");
            if (!(s instanceof Group)) {
                throw new ModelException(file + ": " + where + " has no observable 'spikes'; it has "
                        + obs.getChildren().keySet());
            }
            r.put(n.getName(), spikes((Group) s, where));
        }
        return r;
    }

    private Map<Integer, int[]> spikes(Group g, String where) {
        String type = attribute(g, "__type__");
        Map<Integer, List<Integer>> byNeuron = new TreeMap<>();
        if ("EventData".equals(type) || "ValuedEventData".equals(type)) {
            events(g, where, byNeuron);
        } else if ("TimeGriddedData".equals(type)) {
            gridded(g, where, byNeuron);
        } else {
            throw new ModelException(file + ": " + where + ": spikes have __type__ " + type + "; valid are EventData,"
                    + " TimeGriddedData");
        }
        Map<Integer, int[]> r = new TreeMap<>();
        byNeuron.forEach((k, v) -> r.put(k, sorted(v, k, where)));
        return r;
    }

    private void events(Group g, String where, Map<Integer, List<Integer>> out) {
        int[] is = shapeOf(g, "idx", where);
        if (is.length == 2 && is[0] != 1) {
            throw new ModelException(file + ": " + where + ": spikes hold " + is[0] + " samples; a run takes one");
        }
        double[] idx = flat(g, "idx", where);
        double[] time = flat(g, "time", where);
        if (idx.length != time.length) {
            throw new ModelException(file + ": " + where + ": idx has " + idx.length + " events, time " + time.length);
        }
        long neurons = (long) number(g, "n_neurons", where);
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] == -1) {
                continue;
            }
            if (idx[i] < 0 || idx[i] >= neurons) {
                throw new ModelException(file + ": " + where + ": event " + i + " has neuron " + (long) idx[i]
                        + "; valid is 0.." + (neurons - 1));
            }
            if (!(time[i] >= 0) || Double.isInfinite(time[i])) {
                throw new ModelException(file + ": " + where + ": event " + i + " has time " + time[i]
                        + " s; valid is a finite time >= 0");
            }
            add(out, (int) idx[i], (int) Math.floor(time[i] / dt + BOUNDARY) + 1);
        }
    }

    private void gridded(Group g, String where, Map<Integer, List<Integer>> out) {
        double given = number(g, "dt", where);
        if (Math.abs(given - dt) > 1e-9 * dt) {
            throw new ModelException(file + ": " + where + ": the spikes are gridded at dt = " + given
                    + " s, the run uses " + dt + " s; run with --dt " + given);
        }
        int[] shape = shapeOf(g, "data", where);
        if (shape.length != 3 || shape[0] != 1) {
            throw new ModelException(file + ": " + where + ": data has shape " + java.util.Arrays.toString(shape)
                    + "; expected [1 sample, steps, neurons]");
        }
        double[] data = flat(g, "data", where);
        for (int t = 0; t < shape[1]; t++) {
            for (int i = 0; i < shape[2]; i++) {
                if (data[t * shape[2] + i] != 0) {
                    add(out, i, t + 1);
                }
            }
        }
    }

    private static void add(Map<Integer, List<Integer>> out, int neuron, int step) {
        out.computeIfAbsent(neuron, k -> new ArrayList<>()).add(step);
    }

    private int[] sorted(List<Integer> steps, int neuron, String where) {
        int[] r = steps.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int i = 1; i < r.length; i++) {
            if (r[i] == r[i - 1]) {
                throw new ModelException(file + ": " + where + ": neuron " + neuron + " spikes twice in step " + r[i]
                        + " (dt = " + dt + " s); a neuron spikes at most once per step, choose a smaller --dt");
            }
        }
        return r;
    }

    private Group group(Group parent, String key, String where) {
        Node n = parent.getChildren().get(key);
        if (!(n instanceof Group)) {
            throw new ModelException(file + ": " + where + " has no group '" + key + "'");
        }
        return (Group) n;
    }

    private Dataset dataset(Group g, String key, String where) {
        Node n = g.getChildren().get(key);
        if (!(n instanceof Dataset)) {
            throw new ModelException(file + ": " + where + ": spikes have no dataset '" + key + "'");
        }
        return (Dataset) n;
    }

    private int[] shapeOf(Group g, String key, String where) {
        return dataset(g, key, where).getDimensions();
    }

    private double[] flat(Group g, String key, String where) {
        Object data = dataset(g, key, where).getDataFlat();
        if (data == null || !data.getClass().isArray()) {
            throw new ModelException(file + ": " + where + ": '" + key + "' is not numeric");
        }
        double[] r = new double[Array.getLength(data)];
        for (int i = 0; i < r.length; i++) {
            Object x = Array.get(data, i);
            if (x instanceof Number) {
                r[i] = ((Number) x).doubleValue();
            } else if (x instanceof Boolean) {
                r[i] = (Boolean) x ? 1 : 0;
            } else {
                throw new ModelException(file + ": " + where + ": '" + key + "' is not numeric");
            }
        }
        return r;
    }

    private double number(Node g, String key, String where) {
        Attribute a = g.getAttribute(key);
        Object v = a == null ? null : a.getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        if (!(v instanceof Number)) {
            throw new ModelException(file + ": " + where + ": spikes have no numeric attribute '" + key + "'");
        }
        return ((Number) v).doubleValue();
    }

    private static String attribute(Node n, String key) {
        Attribute a = n.getAttribute(key);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof String[] && ((String[]) v).length == 1) {
            return ((String[]) v)[0];
        }
        return v instanceof String ? (String) v : String.valueOf(v);
    }
}
