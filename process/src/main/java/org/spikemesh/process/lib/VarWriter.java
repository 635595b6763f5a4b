package org.spikemesh.process.lib;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Process;
import org.spikemesh.process.RefPort;
import org.spikemesh.process.Shape;
import org.spikemesh.process.Var;

/**
 * Writes another process's Var through its RefPort {@code ref} at given steps: after step t the target takes the
 * values given for t (one value broadcasts). Backends apply writes after the step's reads, so the target starts step
 * t+1 from them: a reset, a stimulus or a third factor scheduled from outside the network.
 */
public final class VarWriter extends Process {
    /** Type name in network files. */
    public static final String TYPE = "VarWriter";

    private final RefPort ref;
    private final TreeMap<Integer, double[]> writes;
    private final int size;

    private VarWriter(String name, int[] shape, Map<Integer, double[]> writes) {
        super(name);
        this.ref = addRefPort("ref", shape);
        this.size = Shape.size(shape);
        this.writes = new TreeMap<>();
        for (Map.Entry<Integer, double[]> e : writes.entrySet()) {
            if (e.getKey() < 1) {
                throw ModelException.of(name, "writes", "step " + e.getKey() + " is invalid; steps start at 1");
            }
            double[] v = e.getValue();
            if (v.length != 1 && v.length != size) {
                throw ModelException.of(name, "writes", "step " + e.getKey() + " gives " + v.length
                        + " values; give 1 or " + size);
            }
            this.writes.put(e.getKey(), v.clone());
        }
    }

    /**
     * @param name process name
     * @param shape shape of the Var it will write
     * @param writes step -&gt; values
     * @return the process, its RefPort not yet connected
     */
    public static VarWriter of(String name, int[] shape, Map<Integer, double[]> writes) {
        return new VarWriter(name, shape, writes);
    }

    /**
     * @param name process name
     * @param target the Var to write
     * @param writes step -&gt; values
     * @return the process, connected to the target
     */
    public static VarWriter of(String name, Var target, Map<Integer, double[]> writes) {
        VarWriter w = new VarWriter(name, target.shape(), writes);
        w.ref.connectVar(target);
        return w;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return the reference port */
    public RefPort ref() {
        return ref;
    }

    /** @return the writes, by step */
    public Map<Integer, double[]> writes() {
        TreeMap<Integer, double[]> copy = new TreeMap<>();
        writes.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /**
     * @param step the step just ended
     * @return the values to write after it (broadcast to the target's size), or null
     */
    public double[] valuesAfter(int step) {
        double[] v = writes.get(step);
        if (v == null) {
            return null;
        }
        if (v.length == size) {
            return v.clone();
        }
        double[] r = new double[size];
        Arrays.fill(r, v[0]);
        return r;
    }
}
