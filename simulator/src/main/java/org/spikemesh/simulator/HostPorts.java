package org.spikemesh.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.RefPort;
import org.spikemesh.process.Var;
import org.spikemesh.process.lib.VarMonitor;
import org.spikemesh.process.lib.VarWriter;

/**
 * The RefPort processes of a network, which the host runs between steps (as Loihi's host reads and writes a chip's
 * state through RefPorts): after step t every {@link VarMonitor} reads its target, then every {@link VarWriter}
 * writes its values for step t. Both backends run them through the same {@link Backend#read}/{@link Backend#write}.
 */
public final class HostPorts {
    private final List<VarMonitor> monitors = new ArrayList<>();
    private final List<VarWriter> writers = new ArrayList<>();
    /** the monitors and the writers, by identity. */
    private final Set<Process> both = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param graph the network
     * @throws ModelException when a RefPort is not connected to a Var
     */
    public HostPorts(ProcessGraph graph) {
        for (Process p : graph.processes()) {
            if (p instanceof VarMonitor || p instanceof VarWriter) {
                RefPort r = p.refPorts().get("ref");
                if (r.target() == null) {
                    throw ModelException.of(p.name(), "ref", "is not connected to a Var (give 'target: PROCESS.VAR')");
                }
                both.add(p);
                if (p instanceof VarMonitor) {
                    monitors.add((VarMonitor) p);
                } else {
                    writers.add((VarWriter) p);
                }
            }
        }
    }

    /**
     * @param p a process
     * @return whether the host runs it between steps (a VarMonitor or VarWriter of this network): it has no state on
     *         either backend, so its Vars are read as it holds them (a monitor's recording) and not written
     */
    public boolean runs(Process p) {
        return both.contains(p);
    }

    /**
     * @param var a Var of a process the host runs ({@link #runs})
     * @return the error for writing it, the same on both backends
     */
    public static ModelException notWritable(Var var) {
        return ModelException.of(var.owner().name(), var.name(), "belongs to a process the host runs between steps"
                + " (a VarMonitor or VarWriter): it can be read, not written");
    }

    /** @return true when the network has no RefPort process */
    public boolean isEmpty() {
        return monitors.isEmpty() && writers.isEmpty();
    }

    /**
     * RefPort reads, then writes, between step t and t+1.
     *
     * @param t the step that just ended
     * @param backend the backend holding the state
     */
    public void apply(int t, Backend backend) {
        for (VarMonitor m : monitors) {
            m.record(t, backend.read(m.ref().target().var()));
        }
        for (VarWriter w : writers) {
            double[] v = w.valuesAfter(t);
            if (v != null) {
                backend.write(w.ref().target().var(), v);
            }
        }
    }
}
