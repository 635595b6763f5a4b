package org.spikemesh.process.nir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.LIF;

/**
 * One neuron process as a NIR neuron node (docs/nir.md, "Export"): a {@link LIF} or {@link CubaNeuron} is first
 * brought to the CubaNeuron form {@code u <- u(1-du) + ug(a + bias)}, {@code v <- v(1-dv) + dv vl + vg u}, then
 * written as the NIR node whose import (forward Euler at the given dt) gives these numbers back: LIF / LI when
 * {@code du = 1} and {@code ug = 1}, CubaLIF / CubaLI when {@code dv > 0}, IF / I when {@code dv = 0} and
 * {@code du = ug = 1}. A float LIF's voltage bias becomes {@code v_leak = bias / dv} (or a current bias when
 * {@code dv = 0}); a fixed-point LIF is exported as its continuous equivalent in threshold units (u and v divided
 * by 64): {@code du = (du + 1) / 4096}, {@code dv = dv / 4096}, bias {@code bias_mant 2^bias_exp / 64}.
 */
final class NeuronExport {
    private final double dt;
    private final List<String> warnings;
    private boolean float64Exact;

    /**
     * @param node the NIR node
     * @param currentBias per neuron the constant input to u (NIR: an Affine bias), or null when it is zero
     * @param reset the reset mode the import must use (spiking neurons), or null
     */
    record Result(NirNode node, double[] currentBias, CubaNeuron.Reset reset) {
    }

    /** The CubaNeuron form of a neuron process. */
    private record Form(int[] shape, boolean spiking, CubaNeuron.Reset reset, double[] du, double[] dv, double[] ug,
                        double[] vg, double[] bias, double[] vl, double[] vth, double[] vr) {
    }

    NeuronExport(double dt, List<String> warnings) {
        this.dt = dt;
        this.warnings = warnings;
    }

    static boolean isNeuron(Process p) {
        return p instanceof LIF || p instanceof CubaNeuron;
    }

    Result export(Process p, String name, NumericModel model) {
        float64Exact = model == NumericModel.FLOAT_PT;
        Form f = p instanceof CubaNeuron ? cuba((CubaNeuron) p) : lif((LIF) p, model);
        int n = f.du.length;
        boolean leaky = all(f.dv, x -> x > 0);
        boolean noLeak = all(f.dv, x -> x == 0);
        boolean plainCurrent = all(f.du, x -> x == 1) && all(f.ug, x -> x == 1);
        Map<String, NirArray> params = new LinkedHashMap<>();
        String type;
        if (leaky && plainCurrent) {
            type = f.spiking ? "LIF" : "LI";
            params.put("tau", array(f.shape, taus(p, "dv", f.dv)));
            params.put("r", array(f.shape, factors(p, "v_gain", f.dv, f.vg)));
            params.put("v_leak", array(f.shape, f.vl));
        } else if (leaky) {
            if (!all(f.du, x -> x > 0)) {
                throw unsupported(p, "du = 0 (a current that never decays) has no NIR time constant");
            }
            type = f.spiking ? "CubaLIF" : "CubaLI";
            params.put("tau_syn", array(f.shape, taus(p, "du", f.du)));
            params.put("tau_mem", array(f.shape, taus(p, "dv", f.dv)));
            params.put("r", array(f.shape, factors(p, "v_gain", f.dv, f.vg)));
            params.put("v_leak", array(f.shape, f.vl));
            params.put("w_in", array(f.shape, factors(p, "u_gain", f.du, f.ug)));
        } else if (noLeak && plainCurrent) {
            type = f.spiking ? "IF" : "I";
            params.put("r", array(f.shape, f.vg));
        } else {
            throw unsupported(p, noLeak ? "dv = 0 (no voltage leak) with a decaying current (du < 1) or a current gain"
                    + " != 1 has no NIR equivalent" : "dv is 0 for some neurons and > 0 for others");
        }
        if (f.spiking) {
            params.put("v_threshold", array(f.shape, f.vth));
            params.put("v_reset", array(f.shape, f.vr));
        }
        boolean anyBias = false;
        for (int i = 0; i < n; i++) {
            anyBias |= f.bias[i] != 0;
        }
        return new Result(new NirNode(name, type, params, Map.of(), null), anyBias ? f.bias : null,
                f.spiking ? f.reset : null);
    }

    private static ModelException unsupported(Process p, String why) {
        return ModelException.of(p.name(), null, p.type() + ": " + why + "; NIR can express LIF/LI (du = 1), CubaLIF/CubaLI"
                + " (du > 0, dv > 0) and IF/I (dv = 0, du = 1, no current gain)");
    }

    private Form cuba(CubaNeuron c) {
        requireZero(c, "u", c.u().get());
        requireZero(c, "v", c.v().get());
        return new Form(c.aIn().shape(), c.spiking(), c.reset(), c.du().get(), c.dv().get(), c.uGain().get(),
                c.vGain().get(), c.bias().get(), c.vLeak().get(), c.vth().get(), c.vReset().get());
    }

    private Form lif(LIF l, NumericModel model) {
        int n = l.size();
        boolean fixed = model == NumericModel.FIXED_PT;
        double[] du = new double[n];
        double[] dv = new double[n];
        double[] vBias = new double[n];
        double[] vth = l.vth().get();
        for (int i = 0; i < n; i++) {
            du[i] = fixed ? (l.du().get(i) + 1) / 4096 : l.du().get(i);
            dv[i] = fixed ? l.dv().get(i) / 4096 : l.dv().get(i);
            vBias[i] = fixed ? l.biasMant().get(i) * Math.pow(2, l.biasExp().get(i)) / 64 : l.biasMant().get(i);
        }
        requireZero(l, "u", l.u().get());
        requireZero(l, "v", l.v().get());
        double[] vl = new double[n];
        double[] iBias = new double[n];
        for (int i = 0; i < n; i++) {
            if (dv[i] > 0) {
                vl[i] = Exact.factor(dv[i], vBias[i]);
                exact(l, "bias", dv[i] * vl[i] == vBias[i]);
            } else if (du[i] == 1) {
                iBias[i] = vBias[i];
            } else if (vBias[i] != 0) {
                throw unsupported(l, "a bias with dv = 0 (no voltage leak) and a decaying current (du < 1, fixed_pt du < 4095)"
                        + " has no NIR equivalent");
            }
        }
        return new Form(l.aIn().shape(), true, CubaNeuron.Reset.ZERO, du, dv, ones(n), ones(n), iBias, vl, vth,
                new double[n]);
    }

    private double[] taus(Process p, String what, double[] d) {
        double[] t = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            t[i] = Exact.tau(dt, d[i]);
            exact(p, what, dt / t[i] == d[i]);
        }
        return t;
    }

    private double[] factors(Process p, String what, double[] d, double[] g) {
        double[] r = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = Exact.factor(d[i], g[i]);
            exact(p, what, d[i] * r[i] == g[i]);
        }
        return r;
    }

    /** Notes a float_pt parameter that imports back only within one rounding (fixed_pt is approximate anyway). */
    private void exact(Process p, String what, boolean ok) {
        String w = p.name() + ": " + what + " imports back within one rounding (no double gives it exactly at dt = " + dt + ")";
        if (float64Exact && !ok && !warnings.contains(w)) {
            warnings.add(w);
        }
    }

    private static void requireZero(Process p, String var, double[] x) {
        for (double v : x) {
            if (v != 0) {
                throw ModelException.of(p.name(), var, "initial value " + v + " cannot be exported: NIR has no initial"
                        + " state (every neuron starts at 0)");
            }
        }
    }

    private static boolean all(double[] x, DoublePredicate t) {
        for (double v : x) {
            if (!t.test(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] ones(int n) {
        double[] r = new double[n];
        java.util.Arrays.fill(r, 1);
        return r;
    }

    static NirArray array(int[] shape, double[] values) {
        return new NirArray(shape, values);
    }
}
