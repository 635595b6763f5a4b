package org.spikemesh.simulator.reference;

import java.util.Arrays;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.LearningSynapses;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.simulator.learning.FixedPlasticity;
import org.spikemesh.simulator.learning.FixedPreTraces;
import org.spikemesh.simulator.learning.FloatPreTraces;
import org.spikemesh.simulator.learning.FloatPlasticity;
import org.spikemesh.simulator.learning.LearningRandom;
import org.spikemesh.simulator.learning.LearningState;
import org.spikemesh.simulator.learning.Plasticity;

/**
 * A learning synapse group (LearningDense, LearningSparse) in the reference backend, as Lava's learning models run it
 * within step t: send the activation accumulated at t-1; accumulate the pre spikes of step t with the current
 * weights; record the pre spikes and the post spikes of step t ({@code s_in_bap}); at the end of an epoch, learn.
 * New weights therefore act from step t+1. Fixed point uses {@link FixedPlasticity} (the weight exponent applies to
 * each step's sum, as in Dense); floating point {@link FloatPlasticity} with the raw weights.
 */
final class LearningNode extends Node {
    private final LearningSynapses proc;
    private final SpikeInPort in;
    private final SpikeInPort bap;
    private final ActivationBuffer out;
    private final int posts;
    private final boolean fixed;
    private final FixedPlasticity fx;
    private final FloatPlasticity fl;
    private final Plasticity plasticity;
    private final int[] rowStart;
    private final int[] post;
    private final int[] varIndex;
    private int[] accFixed;
    private double[] accFloat;

    LearningNode(LearningSynapses proc, SpikeInPort in, SpikeInPort bap, ActivationBuffer out, boolean fixed,
                 long runSeed) {
        super(proc);
        this.proc = proc;
        this.in = in;
        this.bap = bap;
        this.out = out;
        int pres = proc.numInputs();
        this.posts = proc.numOutputs();
        this.fixed = fixed;
        SynapseTable t = proc.table();
        this.rowStart = t.rowStart();
        this.post = t.post();
        this.varIndex = new int[t.size()];
        for (int i = 0; i < pres; i++) {
            for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
                varIndex[s] = proc.varIndex(s, i);
            }
        }
        if (fixed) {
            long seed = proc.rule().seed() != null ? proc.rule().seed() : runSeed;
            LearningRandom random = new LearningRandom(seed, proc.name());
            fx = new FixedPlasticity(proc.rule(), proc.declaredSignMode(), pres, posts, 0, random,
                    new FixedPreTraces(proc.rule(), pres, random), rowStart, post, proc.preparedWeights());
            fl = null;
            plasticity = fx;
            accFixed = new int[posts];
        } else {
            try {
                fl = new FloatPlasticity(proc.rule(), proc.declaredSignMode(), pres, posts, 0,
                        new FloatPreTraces(proc.rule(), pres), rowStart, post, t.weight().toArray(), proc.name());
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
            if (fixed) {
                short[] w = fx.weights();
                for (int j = rowStart[i], e = rowStart[i + 1]; j < e; j++) {
                    accFixed[post[j]] += w[j];
                }
            } else {
                double[] w = fl.weights();
                for (int j = rowStart[i], e = rowStart[i + 1]; j < e; j++) {
                    accFloat[post[j]] += w[j];
                }
            }
            plasticity.inputs().spike(i, t);
        }
        SpikeBuffer b = bap.read();
        for (int k = 0; k < b.n; k++) {
            plasticity.postSpike(b.idx[k], t);
        }
        if (plasticity.learnsAt(t)) {
            plasticity.learnAlone(t);
        }
    }

    @Override
    double[] read(Var var) {
        double[] r = new double[var.size()];
        if (fixed) {
            LearningState.readFixed(var.name(), fx, varIndex, r);
        } else {
            LearningState.floatState(var.name(), r, fl, varIndex, false);
        }
        return r;
    }

    @Override
    void write(Var var, double[] values) {
        double[] full = var.expand(values);
        if (fixed) {
            LearningState.writeFixed(proc.name(), var.name(), full, fx, varIndex);
        } else {
            LearningState.floatState(var.name(), full, fl, varIndex, true);
        }
        var.set(read(var));
    }
}
