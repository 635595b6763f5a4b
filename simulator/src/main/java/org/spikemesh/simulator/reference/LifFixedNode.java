package org.spikemesh.simulator.reference;

import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.LIF;

/** LIF in Lava's bit-accurate fixed point ({@code PyLifModelBitAcc}); see {@link FixedPoint}. */
final class LifFixedNode extends Node {
    private final LIF lif;
    private final ActivationInPort in;
    private final SpikeBuffer out;
    private final int n;
    private final int[] u;
    private final int[] v;
    private final int[] factorU;
    private final int[] factorV;
    private final int[] bias;
    private final int[] vth;
    private final int[] zeros;
    private final int[] flag;
    private boolean uniform;

    LifFixedNode(LIF lif, ActivationInPort in) {
        super(lif);
        this.lif = lif;
        this.in = in;
        this.n = lif.size();
        this.out = new SpikeBuffer(n);
        this.u = new int[n];
        this.v = new int[n];
        this.factorU = new int[n];
        this.factorV = new int[n];
        this.bias = new int[n];
        this.vth = new int[n];
        this.zeros = in == null ? new int[n] : null;
        this.flag = new int[n];
        for (int i = 0; i < n; i++) {
            u[i] = (int) lif.u().get(i);
            v[i] = (int) lif.v().get(i);
        }
        loadParameters();
    }

    private void loadParameters() {
        for (int i = 0; i < n; i++) {
            factorU[i] = FixedPoint.DECAY_UNITY - ((int) lif.du().get(i) + 1);
            factorV[i] = FixedPoint.DECAY_UNITY - (int) lif.dv().get(i);
            bias[i] = (int) lif.biasMant().get(i) << (int) lif.biasExp().get(i);
            vth[i] = (int) lif.vth().get(i) << FixedPoint.VTH_SHIFT;
        }
        uniform = lif.du().isUniform() && lif.dv().isUniform() && lif.vth().isUniform()
                && lif.biasMant().isUniform() && lif.biasExp().isUniform();
    }

    @Override
    void step(int step) {
        int[] a = in == null ? zeros : in.readFixed();
        if (uniform) {
            updateUniform(a, factorU[0], factorV[0], bias[0], vth[0]);
        } else {
            updatePerNeuron(a);
        }
        collectSpikes();
    }

    /**
     * Sub-threshold update and reset with per-population parameters; int-only and branch-free so C2 vectorises it.
     * The spike flag (all ones when v &gt; vth) is kept for {@link #collectSpikes()}.
     */
    private void updateUniform(int[] a, int fu, int fv, int b, int th) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = flag;
        for (int i = 0; i < n; i++) {
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], fu) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], fv) + nu + b);
            int spike = (th - nv) >> 31;
            fl[i] = spike;
            vv[i] = nv & ~spike;
        }
    }

    private void updatePerNeuron(int[] a) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = flag;
        for (int i = 0; i < n; i++) {
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], factorU[i]) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], factorV[i]) + nu + bias[i]);
            int spike = (vth[i] - nv) >> 31;
            fl[i] = spike;
            vv[i] = nv & ~spike;
        }
    }

    private void collectSpikes() {
        int[] fl = flag;
        int[] idx = out.idx;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (fl[i] != 0) {
                idx[count++] = i;
            }
        }
        out.n = count;
    }

    @Override
    SpikeBuffer spikesOut() {
        return out;
    }

    @Override
    double[] read(Var var) {
        if (var == lif.u() || var == lif.v()) {
            int[] src = var == lif.u() ? u : v;
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = src[i];
            }
            return r;
        }
        return var.get();
    }

    @Override
    void write(Var var, double[] values) {
        var.set(values);
        lif.validate(org.spikemesh.process.NumericModel.FIXED_PT);
        if (var == lif.u() || var == lif.v()) {
            int[] dst = var == lif.u() ? u : v;
            for (int i = 0; i < n; i++) {
                dst[i] = (int) var.get(i);
            }
        } else {
            loadParameters();
        }
    }
}
