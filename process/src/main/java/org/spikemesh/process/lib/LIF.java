package org.spikemesh.process.lib;

import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;
import org.spikemesh.process.Shape;
import org.spikemesh.process.Var;

/**
 * Leaky integrate-and-fire neurons with current-based synapses (Lava's {@code LIF}). Vars {@code u} (current),
 * {@code v} (voltage), {@code du}, {@code dv}, {@code vth}, {@code bias_mant}, {@code bias_exp}; ports {@code a_in},
 * {@code s_out}. Scalars broadcast over the population.
 * <p>
 * fixed_pt (Lava's {@code PyLifModelBitAcc}):
 * {@code u <- trunc0(u*(4096-(du+1))/4096) + (a<<6)} wrapped once into 24 bits,
 * {@code v <- clip(trunc0(v*(4096-dv)/4096) + u + (bias_mant<<bias_exp), +-(2^23-1))}, spike when
 * {@code v > vth<<6}, then {@code v <- 0}. float_pt: {@code u <- u(1-du) + a}, {@code v <- v(1-dv) + u + bias_mant},
 * spike when {@code v > vth}, then {@code v <- 0}.
 */
public final class LIF extends Process {
    /** Type name in network files. */
    public static final String TYPE = "LIF";

    private final NumericModel model;
    private final InPort aIn;
    private final OutPort sOut;
    private final Var u;
    private final Var v;
    private final Var du;
    private final Var dv;
    private final Var vth;
    private final Var biasMant;
    private final Var biasExp;

    private LIF(Builder b) {
        super(b.name);
        this.model = b.model;
        int[] shape = b.shape;
        aIn = addInPort("a_in", shape, Port.Kind.ACTIVATION);
        sOut = addOutPort("s_out", shape, Port.Kind.SPIKE);
        u = addVar("u", shape, false, b.u);
        v = addVar("v", shape, false, b.v);
        du = addVar("du", shape, false, b.du);
        dv = addVar("dv", shape, false, b.dv);
        vth = addVar("vth", shape, false, b.vth);
        biasMant = addVar("bias_mant", shape, false, b.biasMant);
        biasExp = addVar("bias_exp", shape, false, b.biasExp);
    }

    /**
     * @param name process name
     * @return a builder with Lava's defaults (du = dv = 0, vth = 10, no bias)
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return the declared arithmetic, or null when the run decides */
    public NumericModel model() {
        return model;
    }

    /** @return input port of activations */
    public InPort aIn() {
        return aIn;
    }

    /** @return output port of spikes */
    public OutPort sOut() {
        return sOut;
    }

    /** @return current */
    public Var u() {
        return u;
    }

    /** @return voltage */
    public Var v() {
        return v;
    }

    /** @return current decay */
    public Var du() {
        return du;
    }

    /** @return voltage decay */
    public Var dv() {
        return dv;
    }

    /** @return threshold */
    public Var vth() {
        return vth;
    }

    /** @return bias mantissa */
    public Var biasMant() {
        return biasMant;
    }

    /** @return bias exponent */
    public Var biasExp() {
        return biasExp;
    }

    /** @return number of neurons */
    public int size() {
        return u.size();
    }

    @Override
    public void validate(NumericModel runModel) {
        if (model != null && model != runModel) {
            throw ModelException.of(name(), "model", "is " + model.tag() + " but the run uses " + runModel.tag()
                    + "; remove the field or choose the same model");
        }
        if (runModel == NumericModel.FIXED_PT) {
            requireInt(du, 0, 4095);
            requireInt(dv, 0, 4095);
            requireInt(vth, 0, 131071);
            requireInt(biasMant, -4096, 4095);
            requireInt(biasExp, 0, 7);
            requireInt(u, -(1 << 23), (1 << 23));
            requireInt(v, -((1 << 23) - 1), (1 << 23) - 1);
        } else {
            du.requireRange(0, 1);
            dv.requireRange(0, 1);
        }
    }

    static void requireInt(Var var, long lo, long hi) {
        var.requireRange(lo, hi);
        for (int i = 0; i < var.size(); i++) {
            double x = var.get(i);
            if (x != Math.rint(x)) {
                throw ModelException.of(var.owner().name(), var.name(), "must be an integer in fixed_pt, got " + x
                        + (var.size() > 1 ? " at index " + i : ""));
            }
        }
    }

    /** Builds a {@link LIF}. */
    public static final class Builder {
        private final String name;
        private int[] shape = {1};
        private NumericModel model;
        private double[] u = {0};
        private double[] v = {0};
        private double[] du = {0};
        private double[] dv = {0};
        private double[] vth = {10};
        private double[] biasMant = {0};
        private double[] biasExp = {0};

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param dims shape
         * @return this
         */
        public Builder shape(int... dims) {
            if (dims.length == 0 || Shape.size(dims) == 0) {
                throw ModelException.of(name, "shape", "must have at least one neuron");
            }
            this.shape = dims.clone();
            return this;
        }

        /**
         * @param m fixed_pt or float_pt, or null to let the run decide
         * @return this
         */
        public Builder model(NumericModel m) {
            this.model = m;
            return this;
        }

        /** @param x initial current (scalar or per neuron) @return this */
        public Builder u(double... x) {
            this.u = x.clone();
            return this;
        }

        /** @param x initial voltage @return this */
        public Builder v(double... x) {
            this.v = x.clone();
            return this;
        }

        /** @param x current decay @return this */
        public Builder du(double... x) {
            this.du = x.clone();
            return this;
        }

        /** @param x voltage decay @return this */
        public Builder dv(double... x) {
            this.dv = x.clone();
            return this;
        }

        /** @param x threshold @return this */
        public Builder vth(double... x) {
            this.vth = x.clone();
            return this;
        }

        /** @param x bias mantissa @return this */
        public Builder biasMant(double... x) {
            this.biasMant = x.clone();
            return this;
        }

        /** @param x bias exponent @return this */
        public Builder biasExp(double... x) {
            this.biasExp = x.clone();
            return this;
        }

        /** @return the process */
        public LIF build() {
            return new LIF(this);
        }
    }
}
