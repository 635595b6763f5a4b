package org.spikemesh.process.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Map;
import org.spikemesh.process.ModelException;

/**
 * Writes spikes as a NIRGraphData file, the layout {@code nir.write_data} produces and {@code nir.read_data} reads:
 * the root group has the attribute {@code __type__ = NIRGraphData} and a group {@code nodes}; each node a group with
 * {@code __type__ = NIRNodeData} holding {@code observables/spikes}, an EventData group ({@code __type__ = EventData},
 * attributes {@code n_neurons} and {@code t_max} in seconds, datasets {@code idx} (int64) and {@code time} (float64,
 * seconds) of shape [1 sample, events]). A spike at step k (1-based) is an event at time {@code (k - 1) * dt}, the
 * time nir's {@code TimeGriddedData.to_event} gives to time step k - 1. A node without spikes holds one padding event
 * ({@code idx = -1}, {@code time = inf}), nir's marker for "no event", as jHDF writes no empty datasets.
 */
public final class NirDataWriter {
    /**
     * The spikes of one node.
     *
     * @param neurons the node's size
     * @param steps 1-based step of each spike
     * @param index flat neuron index of each spike
     */
    public record Events(int neurons, int[] steps, int[] index) {
        /**
         * @param neurons size
         * @param steps steps
         * @param index indices
         */
        public Events {
            if (steps.length != index.length) {
                throw new IllegalArgumentException("steps and index differ in length");
            }
            steps = steps.clone();
            index = index.clone();
        }
    }

    private NirDataWriter() {
    }

    /**
     * @param path the file (replaced)
     * @param nodes node name -&gt; its spikes, in the order to write
     * @param dt the time step in seconds
     * @param steps the steps run (t_max = steps * dt)
     */
    public static void write(Path path, Map<String, Events> nodes, double dt, int steps) {
        try (WritableHdfFile f = HdfFile.write(path)) {
            f.putAttribute("__type__", "NIRGraphData");
            WritableGroup all = f.putGroup("nodes");
            for (Map.Entry<String, Events> e : nodes.entrySet()) {
                WritableGroup node = all.putGroup(e.getKey());
                node.putAttribute("__type__", "NIRNodeData");
                spikes(node.putGroup("observables").putGroup("spikes"), e.getValue(), dt, steps);
            }
        } catch (RuntimeException e) {
            throw new ModelException(path + ": cannot write the NIRGraphData file: " + e.getMessage());
        }
    }

    private static void spikes(WritableGroup g, Events ev, double dt, int steps) {
        g.putAttribute("__type__", "EventData");
        g.putAttribute("n_neurons", (long) ev.neurons());
        g.putAttribute("t_max", steps * dt);
        int n = ev.steps().length;
        long[] idx = n == 0 ? new long[]{-1} : new long[n];
        double[] time = n == 0 ? new double[]{Double.POSITIVE_INFINITY} : new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = ev.index()[i];
            time[i] = (ev.steps()[i] - 1) * dt;
        }
        g.putDataset("idx", new long[][]{idx});
        g.putDataset("time", new double[][]{time});
    }
}
