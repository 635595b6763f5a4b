package org.spikemesh.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An input port. Values from several OutPorts are summed (spikes are OR-ed, as Lava casts spike inputs to bool).
 * In a hierarchical process, the parent's InPort forwards to InPorts of its children.
 */
public final class InPort extends Port {
    private final List<OutPort> sources = new ArrayList<>();
    private final List<InPort> forwards = new ArrayList<>();

    InPort(Process owner, String name, int[] shape, Kind kind) {
        super(owner, name, shape, kind);
    }

    void addSource(OutPort out) {
        sources.add(out);
    }

    /**
     * Inside a hierarchical process: forwards this (parent's) input to a child's input.
     *
     * @param child an InPort of a child process of this port's owner
     */
    public void connect(InPort child) {
        requireSameShape(child);
        if (child.owner().parent() != owner()) {
            throw ModelException.of(owner().name(), name(), "an InPort can only forward to an InPort of a child"
                    + " process, not to " + child.qualifiedName());
        }
        forwards.add(child);
    }

    /** @return the OutPorts feeding this port */
    public List<OutPort> sources() {
        return Collections.unmodifiableList(sources);
    }

    /** @return child InPorts this port forwards to (hierarchical processes only) */
    public List<InPort> forwards() {
        return Collections.unmodifiableList(forwards);
    }
}
