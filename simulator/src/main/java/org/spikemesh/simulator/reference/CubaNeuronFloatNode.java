package org.spikemesh.simulator.reference;

import org.spikemesh.process.Var;
import org.spikemesh.process.lib.CubaNeuron;

/**
 * {@link CubaNeuron} in floating point: {@code u <- u(1-du) + u_gain(a + bias)},
 * {@code v <- v(1-dv) + dv*v_leak + v_gain*u}; a spiking neuron spikes when {@code v > vth}, then resets v to
 * {@code v_reset} (reset zero) or subtracts {@code vth} (reset subtract).
 */
final class CubaNeuronFloatNode extends Node {
    private final CubaNeuron neuron;
    private final ActivationInPort in;
    private final SpikeBuffer out;
    private final boolean subtract;
    private final int n;
    private final double[] u;
    private final double[] v;
    private final double[] keepU;
    private final double[] keepV;
    private final double[] uGain;
    private final double[] vGain;
    private final double[] bias;
    private final double[] leak;
    private final double[] vth;
    private final double[] vReset;
    private final double[] zeros;

    CubaNeuronFloatNode(CubaNeuron neuron, ActivationInPort in) {
        super(neuron);
        this.neuron = neuron;
        this.in = in;
        this.n = neuron.size();
        this.out = neuron.spiking() ? new SpikeBuffer(n) : null;
        this.subtract = neuron.reset() == CubaNeuron.Reset.SUBTRACT;
        this.u = neuron.u().get();
        this.v = neuron.v().get();
        this.keepU = new double[n];
        this.keepV = new double[n];
        this.uGain = new double[n];
        this.vGain = new double[n];
        this.bias = new double[n];
        this.leak = new double[n];
        this.vth = new double[n];
        this.vReset = new double[n];
        this.zeros = in == null ? new double[n] : null;
        loadParameters();
    }

    private void loadParameters() {
        for (int i = 0; i < n; i++) {
            keepU[i] = 1 - neuron.du().get(i);
            keepV[i] = 1 - neuron.dv().get(i);
            uGain[i] = neuron.uGain().get(i);
            vGain[i] = neuron.vGain().get(i);
            bias[i] = neuron.bias().get(i);
            leak[i] = neuron.dv().get(i) * neuron.vLeak().get(i);
            vth[i] = neuron.vth().get(i);
            vReset[i] = neuron.vReset().get(i);
        }
    }

    @Override
    void step(int step) {
        double[] a = in == null ? zeros : in.readFloat();
        int count = 0;
        for (int i = 0; i < n; i++) {
            double nu = u[i] * keepU[i] + uGain[i] * (a[i] + bias[i]);
            u[i] = nu;
            double nv = v[i] * keepV[i] + leak[i] + vGain[i] * nu;
            if (out != null && nv > vth[i]) {
                out.idx[count++] = i;
                nv = subtract ? nv - vth[i] : vReset[i];
            }
            v[i] = nv;
        }
        if (out != null) {
            out.n = count;
        }
    }

    @Override
    SpikeBuffer spikesOut() {
        return out;
    }

    @Override
    double[] read(Var var) {
        if (var == neuron.u()) {
            return u.clone();
        }
        if (var == neuron.v()) {
            return v.clone();
        }
        return var.get();
    }

    @Override
    void write(Var var, double[] values) {
        var.set(values);
        if (var == neuron.u()) {
            System.arraycopy(var.get(), 0, u, 0, n);
        } else if (var == neuron.v()) {
            System.arraycopy(var.get(), 0, v, 0, n);
        } else {
            loadParameters();
        }
    }
}
