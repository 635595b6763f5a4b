package org.spikemesh.process.lib;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;
import org.spikemesh.process.Shape;

/**
 * Emits given spikes: for each neuron the steps (1, 2, ...) at which it fires. Port {@code s_out}.
 */
public final class SpikeInput extends Process {
    /** Type name in network files. */
    public static final String TYPE = "SpikeInput";

    private final OutPort sOut;
    private final TreeMap<Integer, int[]> spikes;
    private final int size;

    private SpikeInput(String name, int[] shape, Map<Integer, int[]> spikes) {
        super(name);
        this.size = Shape.size(shape);
        this.sOut = addOutPort("s_out", shape, Port.Kind.SPIKE);
        this.spikes = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : spikes.entrySet()) {
            int n = e.getKey();
            if (n < 0 || n >= size) {
                throw ModelException.of(name, "spikes", "neuron " + n + " out of range; valid is 0.." + (size - 1));
            }
            int[] steps = e.getValue().clone();
            Arrays.sort(steps);
            for (int i = 0; i < steps.length; i++) {
                if (steps[i] < 1) {
                    throw ModelException.of(name, "spikes", "step " + steps[i] + " of neuron " + n
                            + " is invalid; steps start at 1");
                }
                if (i > 0 && steps[i] == steps[i - 1]) {
                    throw ModelException.of(name, "spikes", "step " + steps[i] + " given twice for neuron " + n);
                }
            }
            this.spikes.put(n, steps);
        }
    }

    /**
     * @param name process name
     * @param shape shape
     * @param spikes neuron -&gt; steps at which it fires
     * @return the process
     */
    public static SpikeInput of(String name, int[] shape, Map<Integer, int[]> spikes) {
        return new SpikeInput(name, shape, spikes);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return spike output */
    public OutPort sOut() {
        return sOut;
    }

    /** @return number of neurons */
    public int size() {
        return size;
    }

    /** @return neuron -&gt; sorted steps (copies) */
    public Map<Integer, int[]> spikes() {
        TreeMap<Integer, int[]> m = new TreeMap<>();
        spikes.forEach((k, v) -> m.put(k, v.clone()));
        return m;
    }

    /**
     * The spikes as a schedule by step: {@code stepStart[s]..stepStart[s+1]-1} index {@code neurons}, for steps
     * 1..maxStep (index 0 unused).
     *
     * @return the schedule
     */
    public Schedule schedule() {
        int maxStep = 0;
        int total = 0;
        for (int[] s : spikes.values()) {
            total += s.length;
            if (s.length > 0) {
                maxStep = Math.max(maxStep, s[s.length - 1]);
            }
        }
        int[] start = new int[maxStep + 2];
        for (int[] s : spikes.values()) {
            for (int t : s) {
                start[t + 1]++;
            }
        }
        for (int t = 0; t <= maxStep; t++) {
            start[t + 1] += start[t];
        }
        int[] fill = Arrays.copyOf(start, maxStep + 1);
        int[] neurons = new int[total];
        for (Map.Entry<Integer, int[]> e : spikes.entrySet()) {
            for (int t : e.getValue()) {
                neurons[fill[t]++] = e.getKey();
            }
        }
        return new Schedule(maxStep, start, neurons);
    }

    /**
     * Spikes grouped by step, neurons ascending within a step.
     *
     * @param maxStep last step with a spike
     * @param stepStart offsets by step, length maxStep + 2
     * @param neurons neuron indices
     */
    public record Schedule(int maxStep, int[] stepStart, int[] neurons) {
    }
}
