package org.spikemesh.process;

/** Common part of all ports: the owning process, a name and a shape. */
public abstract class Port {
    /** What travels through a port. */
    public enum Kind {
        /** Binary spikes (sent as the indices of the neurons that fired). */
        SPIKE,
        /** Integer or float activations, one value per element. */
        ACTIVATION
    }

    private final Process owner;
    private final String name;
    private final int[] shape;
    private final Kind kind;

    Port(Process owner, String name, int[] shape, Kind kind) {
        this.owner = owner;
        this.name = name;
        this.shape = shape.clone();
        this.kind = kind;
    }

    /** @return the owning process */
    public Process owner() {
        return owner;
    }

    /** @return the port name, e.g. {@code s_out} */
    public String name() {
        return name;
    }

    /** @return {@code process.port} */
    public String qualifiedName() {
        return owner.name() + "." + name;
    }

    /** @return the shape (a copy) */
    public int[] shape() {
        return shape.clone();
    }

    /** @return number of elements */
    public int size() {
        return Shape.size(shape);
    }

    /** @return what travels through this port */
    public Kind kind() {
        return kind;
    }

    void requireSameShape(Port other) {
        if (size() != other.size()) {
            throw ModelException.of(owner.name(), name, "cannot connect " + qualifiedName() + " " + Shape.text(shape)
                    + " to " + other.qualifiedName() + " " + Shape.text(other.shape)
                    + ": shapes differ; both ends must have the same number of elements");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + qualifiedName() + " " + Shape.text(shape) + ")";
    }
}
