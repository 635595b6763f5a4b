package org.spikemesh.simulator.reference;

import org.spikemesh.process.Var;
import org.spikemesh.process.lib.SpikeInput;

/** Emits the spikes given for each step. */
final class SpikeInputNode extends Node {
    private final SpikeInput.Schedule schedule;
    private final SpikeBuffer out;

    SpikeInputNode(SpikeInput p) {
        super(p);
        this.schedule = p.schedule();
        this.out = new SpikeBuffer(p.size());
    }

    @Override
    void step(int step) {
        if (step > schedule.maxStep()) {
            out.n = 0;
            return;
        }
        int from = schedule.stepStart()[step];
        int to = schedule.stepStart()[step + 1];
        System.arraycopy(schedule.neurons(), from, out.idx, 0, to - from);
        out.n = to - from;
    }

    @Override
    SpikeBuffer spikesOut() {
        return out;
    }

    @Override
    double[] read(Var var) {
        return var.get();
    }

    @Override
    void write(Var var, double[] values) {
        var.set(values);
    }
}
