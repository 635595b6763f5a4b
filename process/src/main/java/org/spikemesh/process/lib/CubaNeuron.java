package org.spikemesh.process.lib;

import java.util.Locale;
import org.spikemesh.process.InPort;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;
import org.spikemesh.process.Shape;
import org.spikemesh.process.Var;

/**
 * A floating-point current-based neuron with explicit gains, leak voltage, reset value and reset mode: the
 * discrete-time form of NIR's LIF, LI, IF, I, CubaLIF, CubaLI and Threshold (see docs/nir.md). Per neuron and step,
 * with {@code a} the summed input of port {@code a_in}:
 * <pre>
 *   u &lt;- u * (1 - du) + u_gain * (a + bias)
 *   v &lt;- v * (1 - dv) + dv * v_leak + v_gain * u
 *   spiking and v &gt; vth:  spike, then v &lt;- v_reset (reset zero) or v &lt;- v - vth (reset subtract)
 * </pre>
 * A non-spiking neuron (NIR's LI, CubaLI, I, or an Output readout) has no {@code s_out} port. Runs in float_pt only.
 */
public final class CubaNeuron extends Process {
    /** Type name in network files. */
    public static final String TYPE = "CubaNeuron";

    /** What a spike does to the voltage. */
    public enum Reset {
        /** {@code v <- v_reset} (0 unless set). */
        ZERO,
        /** {@code v <- v - vth}. */
        SUBTRACT;

        /** @return the name used on the command line */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param text {@code zero} or {@code subtract}
         * @return the mode
         */
        public static Reset parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Reset r : values()) {
                if (r.tag().equals(t)) {
                    return r;
                }
            }
            throw new ModelException("unknown reset '" + text + "': valid are zero, subtract");
        }
    }

    private final boolean spiking;
    private final Reset reset;
    private final InPort aIn;
    private final OutPort sOut;
    private final Var u;
    private final Var v;
    private final Var du;
    private final Var dv;
    private final Var uGain;
    private final Var vGain;
    private final Var bias;
    private final Var vLeak;
    private final Var vth;
    private final Var vReset;

    private CubaNeuron(Builder b) {
        super(b.name);
        int[] shape = b.shape;
        this.spiking = b.spiking;
        this.reset = b.reset;
        aIn = addInPort("a_in", shape, Port.Kind.ACTIVATION);
        sOut = spiking ? addOutPort("s_out", shape, Port.Kind.SPIKE) : null;
        u = addVar("u", shape, false, b.u);
        v = addVar("v", shape, false, b.v);
        du = addVar("du", shape, false, b.du);
        dv = addVar("dv", shape, false, b.dv);
        uGain = addVar("u_gain", shape, false, b.uGain);
        vGain = addVar("v_gain", shape, false, b.vGain);
        bias = addVar("bias", shape, false, b.bias);
        vLeak = addVar("v_leak", shape, false, b.vLeak);
        vth = addVar("vth", shape, false, b.vth);
        vReset = addVar("v_reset", shape, false, b.vReset);
    }

    /**
     * @param name process name
     * @return a builder: one neuron, du = 1, dv = 0, gains 1, no bias, v_leak = 0, vth = 1, v_reset = 0, spiking,
     *         reset zero
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return true when the neuron sends spikes through {@code s_out} */
    public boolean spiking() {
        return spiking;
    }

    /** @return the reset mode */
    public Reset reset() {
        return reset;
    }

    /** @return input port of activations */
    public InPort aIn() {
        return aIn;
    }

    /** @return output port of spikes, or null for a non-spiking neuron */
    public OutPort sOut() {
        return sOut;
    }

    /** @return synaptic current */
    public Var u() {
        return u;
    }

    /** @return voltage */
    public Var v() {
        return v;
    }

    /** @return fraction of u lost per step */
    public Var du() {
        return du;
    }

    /** @return fraction of (v - v_leak) lost per step */
    public Var dv() {
        return dv;
    }

    /** @return gain from input to current */
    public Var uGain() {
        return uGain;
    }

    /** @return gain from current to voltage */
    public Var vGain() {
        return vGain;
    }

    /** @return constant input added to a_in every step */
    public Var bias() {
        return bias;
    }

    /** @return leak (rest) voltage */
    public Var vLeak() {
        return vLeak;
    }

    /** @return threshold */
    public Var vth() {
        return vth;
    }

    /** @return voltage after a spike with reset zero */
    public Var vReset() {
        return vReset;
    }

    /** @return number of neurons */
    public int size() {
        return u.size();
    }

    @Override
    public void validate(NumericModel model) {
        if (model != NumericModel.FLOAT_PT) {
            throw ModelException.of(name(), null, TYPE + " runs in float_pt only; run with --model float_pt");
        }
        du.requireRange(0, 1);
        dv.requireRange(0, 1);
        for (Var x : new Var[]{u, v, uGain, vGain, bias, vLeak, vth, vReset}) {
            x.requireRange(-Double.MAX_VALUE, Double.MAX_VALUE);
        }
    }

    /** Builds a {@link CubaNeuron}. */
    public static final class Builder {
        private final String name;
        private int[] shape = {1};
        private boolean spiking = true;
        private Reset reset = Reset.ZERO;
        private double[] u = {0};
        private double[] v = {0};
        private double[] du = {1};
        private double[] dv = {0};
        private double[] uGain = {1};
        private double[] vGain = {1};
        private double[] bias = {0};
        private double[] vLeak = {0};
        private double[] vth = {1};
        private double[] vReset = {0};

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

        /** @param s true for a spiking neuron @return this */
        public Builder spiking(boolean s) {
            this.spiking = s;
            return this;
        }

        /** @param r reset mode @return this */
        public Builder reset(Reset r) {
            this.reset = r;
            return this;
        }

        /** @param x initial current @return this */
        public Builder u(double... x) {
            this.u = x.clone();
            return this;
        }

        /** @param x initial voltage @return this */
        public Builder v(double... x) {
            this.v = x.clone();
            return this;
        }

        /** @param x current decay per step, 0..1 @return this */
        public Builder du(double... x) {
            this.du = x.clone();
            return this;
        }

        /** @param x voltage decay per step, 0..1 @return this */
        public Builder dv(double... x) {
            this.dv = x.clone();
            return this;
        }

        /** @param x gain from input to current @return this */
        public Builder uGain(double... x) {
            this.uGain = x.clone();
            return this;
        }

        /** @param x gain from current to voltage @return this */
        public Builder vGain(double... x) {
            this.vGain = x.clone();
            return this;
        }

        /** @param x constant input @return this */
        public Builder bias(double... x) {
            this.bias = x.clone();
            return this;
        }

        /** @param x leak voltage @return this */
        public Builder vLeak(double... x) {
            this.vLeak = x.clone();
            return this;
        }

        /** @param x threshold @return this */
        public Builder vth(double... x) {
            this.vth = x.clone();
            return this;
        }

        /** @param x voltage after a spike (reset zero) @return this */
        public Builder vReset(double... x) {
            this.vReset = x.clone();
            return this;
        }

        /** @return the process */
        public CubaNeuron build() {
            return new CubaNeuron(this);
        }
    }
}
