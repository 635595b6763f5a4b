package org.spikemesh.process;

/**
 * A connection between two leaf processes after flattening.
 *
 * @param from the sending port
 * @param to the receiving port
 */
public record Connection(OutPort from, InPort to) {
    @Override
    public String toString() {
        return from.qualifiedName() + " -> " + to.qualifiedName();
    }
}
