package org.spikemesh.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An output port. Connects to InPorts of the same shape; in a hierarchical process a child's OutPort may also be
 * connected to an OutPort of its parent, which then stands for it.
 */
public final class OutPort extends Port {
    private final List<InPort> targets = new ArrayList<>();
    private OutPort parentAlias;

    OutPort(Process owner, String name, int[] shape, Kind kind) {
        super(owner, name, shape, kind);
    }

    /**
     * Connects this port to an input port (several OutPorts may feed one InPort; their values are summed).
     *
     * @param in the destination
     */
    public void connect(InPort in) {
        requireSameShape(in);
        if (kind() == Kind.ACTIVATION && in.kind() == Kind.SPIKE) {
            throw ModelException.of(owner().name(), name(), "cannot connect activation port " + qualifiedName()
                    + " to spike port " + in.qualifiedName() + "; connect a_out ports to a_in ports");
        }
        if (targets.contains(in)) {
            throw ModelException.of(owner().name(), name(), qualifiedName() + " is already connected to "
                    + in.qualifiedName());
        }
        targets.add(in);
        in.addSource(this);
    }

    /**
     * Inside a hierarchical process: exposes this child's port as the parent's port {@code out}.
     *
     * @param out an OutPort of this process's parent
     */
    public void connect(OutPort out) {
        requireSameShape(out);
        if (owner().parent() != out.owner()) {
            throw ModelException.of(owner().name(), name(), "an OutPort can only be connected to an OutPort of its"
                    + " parent process, not to " + out.qualifiedName());
        }
        if (out.parentAliasSource != null) {
            throw ModelException.of(out.owner().name(), out.name(), "is already fed by " + out.parentAliasSource.qualifiedName());
        }
        this.parentAlias = out;
        out.parentAliasSource = this;
    }

    private OutPort parentAliasSource;

    /** @return the InPorts this port feeds */
    public List<InPort> targets() {
        return Collections.unmodifiableList(targets);
    }

    /** @return the parent OutPort this port stands behind, or null */
    public OutPort parentAlias() {
        return parentAlias;
    }

    /** @return for an OutPort of a hierarchical process, the child port that feeds it; else null */
    public OutPort innerSource() {
        return parentAliasSource;
    }
}
