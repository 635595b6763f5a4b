package org.spikemesh.simulator.reference;

import java.util.Arrays;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * Dense, Sparse and DelayDense in Lava's bit-accurate fixed point. Weights are prepared once (clip and truncate by
 * sign mode); a spike at step t through a synapse of delay d is summed into the slot sent at step t+1+d. The weight
 * exponent is applied to each step's sum per delay, as Lava does: a left shift distributes over int32 sums, so
 * raw sums are shifted when sent; a right shift (floor) does not, so with delays each step's sums are shifted
 * before they join the slot.
 */
final class SynapseFixedNode extends Node {
    private final Synapses syn;
    private final SpikeInPort in;
    private final ActivationBuffer out;
    private final int numOutputs;
    private int[] rowStart;
    private int[] post;
    private short[] weight;
    private int[] delay;
    private int slots;
    private int[][] ring;
    private int[][] scratch;
    private int head;
    private final int weightExp;

    SynapseFixedNode(Synapses syn, SpikeInPort in, ActivationBuffer out) {
        super(syn);
        this.syn = syn;
        this.in = in;
        this.out = out;
        this.numOutputs = syn.numOutputs();
        this.weightExp = syn.weightExp();
        loadTable();
    }

    private void loadTable() {
        SynapseTable t = syn.table();
        int[] prepared = syn.preparedWeights();
        rowStart = t.rowStart();
        post = t.post();
        weight = new short[prepared.length];
        for (int k = 0; k < prepared.length; k++) {
            weight[k] = (short) prepared[k];
        }
        int maxDelay = t.maxDelay();
        delay = maxDelay > 0 ? t.delay() : null;
        if (ring == null || ring.length != maxDelay + 1) {
            slots = maxDelay + 1;
            ring = new int[slots][numOutputs];
            scratch = maxDelay > 0 && weightExp < 0 ? new int[slots][numOutputs] : null;
            head = 0;
        }
    }

    /** @return bytes held per synapse by the tables (index + weight) */
    static int bytesPerSynapse() {
        return Integer.BYTES + Short.BYTES;
    }

    @Override
    void emit(int step) {
        int[] slot = ring[head];
        if (scratch == null && weightExp != 0) {
            for (int i = 0; i < numOutputs; i++) {
                slot[i] = FixedPoint.applyWeightExp(slot[i], weightExp);
            }
        }
        int[] old = out.fixed;
        out.fixed = slot;
        Arrays.fill(old, 0);
        ring[head] = old;
        head = head + 1 == slots ? 0 : head + 1;
    }

    @Override
    void receive(int step) {
        SpikeBuffer s = in.read();
        if (s.n == 0) {
            return;
        }
        if (delay == null) {
            accumulate(s, ring[head]);
        } else if (scratch == null) {
            for (int k = 0; k < s.n; k++) {
                int i = s.idx[k];
                for (int j = rowStart[i], e = rowStart[i + 1]; j < e; j++) {
                    int target = head + delay[j];
                    ring[target >= slots ? target - slots : target][post[j]] += weight[j];
                }
            }
        } else {
            for (int k = 0; k < s.n; k++) {
                int i = s.idx[k];
                for (int j = rowStart[i], e = rowStart[i + 1]; j < e; j++) {
                    scratch[delay[j]][post[j]] += weight[j];
                }
            }
            for (int d = 0; d < slots; d++) {
                int target = head + d;
                int[] dst = ring[target >= slots ? target - slots : target];
                int[] src = scratch[d];
                for (int o = 0; o < numOutputs; o++) {
                    dst[o] += FixedPoint.applyWeightExp(src[o], weightExp);
                    src[o] = 0;
                }
            }
        }
    }

    private void accumulate(SpikeBuffer s, int[] acc) {
        int[] rs = rowStart;
        int[] ps = post;
        short[] ws = weight;
        for (int k = 0; k < s.n; k++) {
            int i = s.idx[k];
            for (int j = rs[i], e = rs[i + 1]; j < e; j++) {
                acc[ps[j]] += ws[j];
            }
        }
    }

    /** Reads a Var; the weights as Lava's bit-accurate Dense reads them back, clipped and truncated. */
    @Override
    double[] read(Var var) {
        return "weights".equals(var.name()) ? syn.preparedWeightValues(var) : var.get();
    }

    @Override
    void write(Var var, double[] values) {
        var.set(values);
        syn.validate(NumericModel.FIXED_PT);
        loadTable();
    }
}
