package org.spikemesh.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Process;
import org.spikemesh.process.Var;

/**
 * Records probed Vars and spikes in memory, as Lava's {@code Monitor}: {@link #trace(Var)} gives a row per step,
 * {@link #spikes(Process)} the (step, neuron) pairs.
 */
public final class Monitor implements RunListener {
    private final Map<Var, List<double[]>> traces = new HashMap<>();
    private final Map<Process, List<int[]>> spikes = new HashMap<>();

    @Override
    public synchronized void spikes(int step, Process process, int[] neurons, int count) {
        List<int[]> l = spikes.computeIfAbsent(process, k -> new ArrayList<>());
        for (int i = 0; i < count; i++) {
            l.add(new int[]{step, neurons[i]});
        }
    }

    @Override
    public synchronized void values(int step, Var var, double[] values) {
        traces.computeIfAbsent(var, k -> new ArrayList<>()).add(values.clone());
    }

    /**
     * @param var a probed Var
     * @return one row per recorded step (row 0 = step 1 of the first run)
     */
    public synchronized double[][] trace(Var var) {
        List<double[]> l = traces.get(var);
        if (l == null) {
            throw new IllegalArgumentException(var.qualifiedName() + " was not probed; add it with RunConfig.probe");
        }
        return l.toArray(new double[0][]);
    }

    /**
     * @param p a spiking process
     * @return (step, neuron) pairs in order
     */
    public synchronized List<int[]> spikes(Process p) {
        return List.copyOf(spikes.getOrDefault(p, List.of()));
    }

    /**
     * @param p a spiking process
     * @param step a step
     * @param neuron a neuron
     * @return whether the neuron fired at that step
     */
    public synchronized boolean fired(Process p, int step, int neuron) {
        for (int[] s : spikes.getOrDefault(p, List.of())) {
            if (s[0] == step && s[1] == neuron) {
                return true;
            }
        }
        return false;
    }
}
