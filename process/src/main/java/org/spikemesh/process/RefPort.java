package org.spikemesh.process;

import java.util.Arrays;

/**
 * A reference port: lets its process read or write a Var of another process (as Lava's RefPort), e.g. a third
 * factor written into a learning synapse. Backends apply reads and writes between time steps.
 */
public final class RefPort {
    private final Process owner;
    private final String name;
    private final int[] shape;
    private VarPort target;

    RefPort(Process owner, String name, int[] shape) {
        this.owner = owner;
        this.name = name;
        this.shape = shape.clone();
    }

    /**
     * Connects to a Var of another process.
     *
     * @param var the Var to read and write
     * @return the VarPort created on the Var's side
     */
    public VarPort connectVar(Var var) {
        if (var.owner() == owner) {
            throw ModelException.of(owner.name(), name, "a RefPort must reference a Var of another process");
        }
        if (Shape.size(shape) != var.size()) {
            throw ModelException.of(owner.name(), name, "shape " + Arrays.toString(shape) + " does not match "
                    + var.qualifiedName() + " " + Arrays.toString(var.shape()));
        }
        if (target != null) {
            throw ModelException.of(owner.name(), name, "already references " + target.var().qualifiedName());
        }
        target = new VarPort(var);
        return target;
    }

    /** @return the owning process */
    public Process owner() {
        return owner;
    }

    /** @return the port name */
    public String name() {
        return name;
    }

    /** @return the referenced Var's port, or null when unconnected */
    public VarPort target() {
        return target;
    }
}
