package org.spikemesh.process.lib;

import org.spikemesh.process.InPort;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;

/**
 * A hierarchical process assembled at run time (e.g. from a network file): children, internal connections and
 * ports that forward to children's ports. Flattened away before running.
 */
public final class Composite extends Process {
    /** Type name in network files. */
    public static final String TYPE = "Composite";

    /** @param name process name */
    public Composite(String name) {
        super(name);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @param child a process to put inside
     * @param <P> its type
     * @return the child
     */
    public <P extends Process> P add(P child) {
        return addChild(child);
    }

    /**
     * Exposes an input port that forwards to the given child ports.
     *
     * @param name port name
     * @param targets child InPorts (same shape)
     * @return the new port
     */
    public InPort exposeIn(String name, InPort... targets) {
        InPort p = addInPort(name, targets[0].shape(), targets[0].kind());
        for (InPort t : targets) {
            p.connect(t);
        }
        return p;
    }

    /**
     * Exposes a child's output port as this process's port.
     *
     * @param name port name
     * @param source a child OutPort
     * @return the new port
     */
    public OutPort exposeOut(String name, OutPort source) {
        OutPort p = addOutPort(name, source.shape(), source.kind());
        source.connect(p);
        return p;
    }
}
