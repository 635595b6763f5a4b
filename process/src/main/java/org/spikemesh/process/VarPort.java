package org.spikemesh.process;

/** The receiving end of a {@link RefPort}: exposes one Var of its process to another process. */
public final class VarPort {
    private final Var var;

    VarPort(Var var) {
        this.var = var;
    }

    /** @return the Var this port exposes */
    public Var var() {
        return var;
    }
}
