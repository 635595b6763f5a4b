package org.spikemesh.process.lib;

import org.spikemesh.process.ModelException;
import org.spikemesh.process.Process;
import org.spikemesh.process.RefPort;
import org.spikemesh.process.Var;

/**
 * Lava's Monitor as a process: reads another process's Var through its RefPort {@code ref} at the end of every step
 * and keeps the values in its own Var {@code data} (one row per step, {@code num_steps} rows). Backends apply the read
 * after the step, before any {@link VarWriter} writes.
 */
public final class VarMonitor extends Process {
    /** Type name in network files. */
    public static final String TYPE = "VarMonitor";

    private final RefPort ref;
    private final Var data;
    private final int numSteps;
    private final int size;

    private VarMonitor(String name, int[] shape, int numSteps) {
        super(name);
        if (numSteps < 1) {
            throw ModelException.of(name, "num_steps", numSteps + " is invalid; give at least 1");
        }
        this.ref = addRefPort("ref", shape);
        this.numSteps = numSteps;
        this.size = org.spikemesh.process.Shape.size(shape);
        this.data = addVar("data", new int[]{numSteps, size}, false, 0);
    }

    /**
     * @param name process name
     * @param shape shape of the Var it will read
     * @param numSteps steps to keep
     * @return the process, its RefPort not yet connected
     */
    public static VarMonitor of(String name, int[] shape, int numSteps) {
        return new VarMonitor(name, shape, numSteps);
    }

    /**
     * @param name process name
     * @param target the Var to read
     * @param numSteps steps to keep
     * @return the process, connected to the target
     */
    public static VarMonitor of(String name, Var target, int numSteps) {
        VarMonitor m = new VarMonitor(name, target.shape(), numSteps);
        m.ref.connectVar(target);
        return m;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return the reference port */
    public RefPort ref() {
        return ref;
    }

    /** @return the recorded values, {@code [num_steps, size]} row-major */
    public Var data() {
        return data;
    }

    /** @return steps kept */
    public int numSteps() {
        return numSteps;
    }

    /**
     * Stores the values read after step t (steps beyond {@code num_steps} are not kept).
     *
     * @param step the step just ended (1-based)
     * @param values the target's values
     */
    public void record(int step, double[] values) {
        if (step < 1 || step > numSteps) {
            return;
        }
        double[] all = data.get();
        System.arraycopy(values, 0, all, (step - 1) * size, size);
        data.set(all);
    }

    /**
     * @param step a step (1-based)
     * @return the values read after it
     */
    public double[] at(int step) {
        double[] r = new double[size];
        System.arraycopy(data.get(), (step - 1) * size, r, 0, size);
        return r;
    }
}
