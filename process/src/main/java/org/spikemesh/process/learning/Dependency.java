package org.spikemesh.process.learning;

/** What gates a product: a pre spike in the epoch, a post spike in the epoch, or the epoch counter u. */
public enum Dependency {
    /** pre-synaptic neuron spiked in the epoch; traces are read at its last spike. */
    X0,
    /** post-synaptic neuron spiked in the epoch; traces are read at its last spike. */
    Y0,
    /** every 2^k epochs (k from {@code u<k>}); traces are read at the end of the epoch. */
    U
}
