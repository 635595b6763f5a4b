package org.spikemesh.simulator.reference;

import org.spikemesh.process.Var;
import org.spikemesh.process.lib.LIF;

/**
 * LIF in floating point as Lava's {@code PyLifModelFloat}: {@code u <- u(1-du) + a}, {@code v <- v(1-dv) + u +
 * bias_mant}, spike when {@code v > vth}, reset v to 0.
 */
final class LifFloatNode extends Node {
    private final LIF lif;
    private final ActivationInPort in;
    private final SpikeBuffer out;
    private final int n;
    private final double[] u;
    private final double[] v;
    private final double[] keepU;
    private final double[] keepV;
    private final double[] bias;
    private final double[] vth;
    private final double[] zeros;

    LifFloatNode(LIF lif, ActivationInPort in) {
        super(lif);
        this.lif = lif;
        this.in = in;
        this.n = lif.size();
        this.out = new SpikeBuffer(n);
        this.u = lif.u().get();
        this.v = lif.v().get();
        this.keepU = new double[n];
        this.keepV = new double[n];
        this.bias = new double[n];
        this.vth = new double[n];
        this.zeros = in == null ? new double[n] : null;
        loadParameters();
    }

    private void loadParameters() {
        for (int i = 0; i < n; i++) {
            keepU[i] = 1 - lif.du().get(i);
            keepV[i] = 1 - lif.dv().get(i);
            bias[i] = lif.biasMant().get(i);
            vth[i] = lif.vth().get(i);
        }
    }

    @Override
    void step(int step) {
        double[] a = in == null ? zeros : in.readFloat();
        int count = 0;
        for (int i = 0; i < n; i++) {
            double nu = u[i] * keepU[i] + a[i];
            u[i] = nu;
            double nv = v[i] * keepV[i] + nu + bias[i];
            if (nv > vth[i]) {
                out.idx[count++] = i;
                nv = 0;
            }
            v[i] = nv;
        }
        out.n = count;
    }

    @Override
    SpikeBuffer spikesOut() {
        return out;
    }

    @Override
    double[] read(Var var) {
        if (var == lif.u()) {
            return u.clone();
        }
        if (var == lif.v()) {
            return v.clone();
        }
        return var.get();
    }

    @Override
    void write(Var var, double[] values) {
        var.set(values);
        if (var == lif.u()) {
            System.arraycopy(var.get(), 0, u, 0, n);
        } else if (var == lif.v()) {
            System.arraycopy(var.get(), 0, v, 0, n);
        } else {
            loadParameters();
        }
    }
}
