package org.spikemesh.simulator.reference;

/** The activations an OutPort sent this step, fixed or float. Reused every step. */
final class ActivationBuffer {
    int[] fixed;
    double[] flt;

    ActivationBuffer(int size, boolean isFixed) {
        this.fixed = isFixed ? new int[size] : null;
        this.flt = isFixed ? null : new double[size];
    }
}
