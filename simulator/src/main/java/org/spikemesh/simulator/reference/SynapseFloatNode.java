package org.spikemesh.simulator.reference;

import java.util.Arrays;
import org.spikemesh.process.Var;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;

/**
 * Dense, Sparse and DelayDense in floating point as Lava's float models: weights used as given, no exponent; a
 * spike at step t through a synapse of delay d reaches its target at step t+1+d.
 */
final class SynapseFloatNode extends Node {
    private final Synapses syn;
    private final SpikeInPort in;
    private final ActivationBuffer out;
    private final int numOutputs;
    private int[] rowStart;
    private int[] post;
    private double[] weight;
    private int[] delay;
    private int slots;
    private double[][] ring;
    private int head;

    SynapseFloatNode(Synapses syn, SpikeInPort in, ActivationBuffer out) {
        super(syn);
        this.syn = syn;
        this.in = in;
        this.out = out;
        this.numOutputs = syn.numOutputs();
        loadTable();
    }

    private void loadTable() {
        SynapseTable t = syn.table();
        rowStart = t.rowStart();
        post = t.post();
        weight = t.weight().toArray();
        int maxDelay = t.maxDelay();
        delay = maxDelay > 0 ? t.delay() : null;
        if (ring == null || ring.length != maxDelay + 1) {
            slots = maxDelay + 1;
            ring = new double[slots][numOutputs];
            head = 0;
        }
    }

    @Override
    void emit(int step) {
        double[] old = out.flt;
        out.flt = ring[head];
        Arrays.fill(old, 0);
        ring[head] = old;
        head = head + 1 == slots ? 0 : head + 1;
    }

    @Override
    void receive(int step) {
        SpikeBuffer s = in.read();
        for (int k = 0; k < s.n; k++) {
            int i = s.idx[k];
            for (int j = rowStart[i], e = rowStart[i + 1]; j < e; j++) {
                int target = delay == null ? head : head + delay[j];
                ring[target >= slots ? target - slots : target][post[j]] += weight[j];
            }
        }
    }

    @Override
    double[] read(Var var) {
        return var.get();
    }

    @Override
    void write(Var var, double[] values) {
        var.set(values);
        loadTable();
    }
}
