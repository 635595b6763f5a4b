package org.spikemesh.simulator.reference;

import java.util.Arrays;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.simulator.learning.FixedPlasticity;
import org.spikemesh.simulator.learning.FloatPlasticity;
import org.spikemesh.simulator.learning.LearningRandom;
import org.spikemesh.simulator.learning.Plasticity;

/**
 * A {@link LearningDense} in the reference backend, as Lava's learning Dense models run it within step t: send the
 * activation accumulated at t-1; accumulate the pre spikes of step t with the current weights; record the pre spikes
 * and the post spikes of step t ({@code s_in_bap}); at the end of an epoch, learn. New weights therefore act from
 * step t+1. Fixed point uses {@link FixedPlasticity} (the weight exponent applies to each step's sum, as in Dense);
 * floating point {@link FloatPlasticity} with the raw weights.
 */
final class LearningNode extends Node {
    private final LearningDense proc;
    private final SpikeInPort in;
    private final SpikeInPort bap;
    private final ActivationBuffer out;
    private final int pres;
    private final int posts;
    private final boolean fixed;
    private final FixedPlasticity fx;
    private final FloatPlasticity fl;
    private final Plasticity plasticity;
    private int[] accFixed;
    private double[] accFloat;
    private long updates;

    LearningNode(LearningDense proc, SpikeInPort in, SpikeInPort bap, ActivationBuffer out, boolean fixed, long runSeed) {
        super(proc);
        this.proc = proc;
        this.in = in;
        this.bap = bap;
        this.out = out;
        this.pres = proc.numInputs();
        this.posts = proc.numOutputs();
        this.fixed = fixed;
        if (fixed) {
            long seed = proc.rule().seed() != null ? proc.rule().seed() : runSeed;
            fx = new FixedPlasticity(proc.rule(), proc.declaredSignMode(), pres, posts, 0,
                    new LearningRandom(seed, proc.name()), proc.preparedWeights());
            fl = null;
            plasticity = fx;
            accFixed = new int[posts];
        } else {
            try {
                fl = new FloatPlasticity(proc.rule(), proc.declaredSignMode(), pres, posts, 0, proc.table().weight(),
                        proc.name());
            } catch (IllegalArgumentException e) {
                throw new ModelException(e.getMessage());
            }
            fx = null;
            plasticity = fl;
            accFloat = new double[posts];
        }
    }

    @Override
    void emit(int step) {
        if (fixed) {
            int[] old = out.fixed;
            out.fixed = accFixed;
            int exp = proc.weightExp();
            if (exp != 0) {
                for (int q = 0; q < posts; q++) {
                    accFixed[q] = FixedPoint.applyWeightExp(accFixed[q], exp);
                }
            }
            Arrays.fill(old, 0);
            accFixed = old;
        } else {
            double[] old = out.flt;
            out.flt = accFloat;
            Arrays.fill(old, 0);
            accFloat = old;
        }
    }

    @Override
    void receive(int t) {
        SpikeBuffer s = in.read();
        for (int k = 0; k < s.n; k++) {
            int i = s.idx[k];
            int base = i * posts;
            if (fixed) {
                int[] w = fx.weights();
                for (int q = 0; q < posts; q++) {
                    accFixed[q] += w[base + q];
                }
            } else {
                double[] w = fl.weights();
                for (int q = 0; q < posts; q++) {
                    accFloat[q] += w[base + q];
                }
            }
            plasticity.preSpike(i, t);
        }
        SpikeBuffer b = bap.read();
        for (int k = 0; k < b.n; k++) {
            plasticity.postSpike(b.idx[k], t);
        }
        if (plasticity.learnsAt(t)) {
            updates += plasticity.learn(t);
        }
    }

    /** @return synaptic updates made so far */
    long updates() {
        return updates;
    }

    @Override
    double[] read(Var var) {
        String n = var.name();
        switch (n) {
            case "weights":
                return fixed ? matrix(fx.weights()) : matrix(fl.weights());
            case "tag_1":
                return fixed ? matrix(fx.tag1()) : matrix(fl.tag1());
            case "tag_2":
                return fixed ? matrix(fx.tag2()) : matrix(fl.tag2());
            case "x1":
            case "x2": {
                int k = n.charAt(1) - '1';
                return fixed ? toDouble(fx.preTrace(k)) : fl.preTrace(k).clone();
            }
            default: {
                int k = n.charAt(1) - '1';
                return fixed ? toDouble(fx.postTrace(k)) : fl.postTrace(k).clone();
            }
        }
    }

    /** [out][in] row-major from pre-major storage. */
    private double[] matrix(int[] preMajor) {
        double[] m = new double[posts * pres];
        for (int i = 0; i < pres; i++) {
            for (int q = 0; q < posts; q++) {
                m[q * pres + i] = preMajor[i * posts + q];
            }
        }
        return m;
    }

    private double[] matrix(double[] preMajor) {
        double[] m = new double[posts * pres];
        for (int i = 0; i < pres; i++) {
            for (int q = 0; q < posts; q++) {
                m[q * pres + i] = preMajor[i * posts + q];
            }
        }
        return m;
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Override
    void write(Var var, double[] values) {
        String n = var.name();
        if (fixed) {
            org.spikemesh.simulator.learning.LearningState.writeFixed(proc.name(), n, values, fx, pres, posts, 0);
        } else {
            org.spikemesh.simulator.learning.LearningState.writeFloat(n, values, fl, pres, posts);
        }
        var.set(read(var));
    }
}
