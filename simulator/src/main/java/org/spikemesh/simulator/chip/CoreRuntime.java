package org.spikemesh.simulator.chip;

import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.NeuronState;
import org.spikemesh.compiler.program.SynapseMemory;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.CounterRng;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.SpikeInput;

/**
 * The mutable state of one core during a run: LIF state (or a spike source), the input ring of delay slots, the lanes
 * of negative-exponent groups, this step's spikes and this step's operation counts. The neuron kernel is the
 * reference backend's (Lava's bit-accurate LIF) applied to the core's slice.
 */
final class CoreRuntime {
    final CoreProgram program;
    final int index;
    final int n;
    final int[] u;
    final int[] v;
    private final NeuronState p;
    private final SynapseMemory mem;
    final int slots;
    private boolean uniform;
    final int[][] ring;
    private final int[][][] laneAcc;
    final int[] spikes;
    int spikeCount;
    private final SpikeInput.Schedule schedule;
    private final double[] rate;
    private final long poissonSeed;
    private final long poissonStream;

    // this step's counts
    long synops;
    long messagesIn;
    int active;
    // per-slot message counts of this step, with the slots touched
    final int[] slotCount;
    final int[] touched;
    int touchedCount;

    CoreRuntime(CoreProgram program, long runSeed) {
        this.program = program;
        this.index = program.index();
        this.n = program.size();
        this.p = program.neurons();
        this.mem = program.synapses();
        this.slots = mem.maxDelay() + 1;
        this.uniform = p != null && p.uniform();
        this.spikes = new int[n];
        this.slotCount = new int[program.routes().slots()];
        this.touched = new int[program.routes().slots()];
        if (p != null) {
            this.u = p.u().clone();
            this.v = p.v().clone();
            this.ring = new int[slots][n];
        } else {
            this.u = null;
            this.v = null;
            this.ring = null;
        }
        this.laneAcc = mem.lanes() > 1 ? new int[mem.lanes()][slots][n] : null;
        if (program.process() instanceof SpikeInput) {
            this.schedule = ((SpikeInput) program.process()).schedule();
        } else {
            this.schedule = null;
        }
        if (program.process() instanceof PoissonSource) {
            PoissonSource ps = (PoissonSource) program.process();
            this.rate = ps.rate().get();
            this.poissonSeed = ps.seed() != null ? ps.seed() : runSeed;
            this.poissonStream = CounterRng.hash(ps.name());
        } else {
            this.rate = null;
            this.poissonSeed = 0;
            this.poissonStream = 0;
        }
    }

    /** Updates the neurons (or draws the source's spikes) of step t and collects the spikes. */
    void update(int t) {
        synops = 0;
        messagesIn = 0;
        if (p != null) {
            int[] a = ring[t % slots];
            long r = uniform ? updateUniform(a, p.factorU()[0], p.factorV()[0], p.bias()[0], p.vth()[0])
                    : updatePerNeuron(a);
            active = (int) r;
            java.util.Arrays.fill(a, 0);
            if (r >>> 32 != 0) {
                collect();
            } else {
                spikeCount = 0;
            }
            nextAcc = ring[(t + 1) % slots];
        } else if (schedule != null) {
            active = 0;
            spikeCount = 0;
            if (t <= schedule.maxStep()) {
                int lo = program.lo();
                int hi = program.hi();
                for (int k = schedule.stepStart()[t], e = schedule.stepStart()[t + 1]; k < e; k++) {
                    int i = schedule.neurons()[k];
                    if (i >= lo && i < hi) {
                        spikes[spikeCount++] = i - lo;
                    }
                }
                java.util.Arrays.sort(spikes, 0, spikeCount);
            }
        } else {
            active = 0;
            spikeCount = 0;
            int lo = program.lo();
            for (int k = 0; k < n; k++) {
                if (CounterRng.uniform(poissonSeed, poissonStream, lo + k, t) < rate[lo + k]) {
                    spikes[spikeCount++] = k;
                }
            }
        }
    }

    private long updateUniform(int[] a, int fu, int fv, int b, int th) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = spikes;
        int act = 0;
        int fired = 0;
        for (int i = 0; i < n; i++) {
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], fu) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], fv) + nu + b);
            int spike = (th - nv) >> 31;
            fl[i] = spike;
            int r = nv & ~spike;
            vv[i] = r;
            int s = nu | r;
            act += (s | -s) >>> 31;
            fired -= spike;
        }
        return (long) fired << 32 | act;
    }

    private long updatePerNeuron(int[] a) {
        int[] uu = u;
        int[] vv = v;
        int[] fl = spikes;
        int act = 0;
        int fired = 0;
        for (int i = 0; i < n; i++) {
            int nu = FixedPoint.wrap24(FixedPoint.decay(uu[i], p.factorU()[i]) + (a[i] << FixedPoint.ACT_SHIFT));
            uu[i] = nu;
            int nv = FixedPoint.clipV(FixedPoint.decay(vv[i], p.factorV()[i]) + nu + p.bias()[i]);
            int spike = (p.vth()[i] - nv) >> 31;
            fl[i] = spike;
            int r = nv & ~spike;
            vv[i] = r;
            int s = nu | r;
            act += (s | -s) >>> 31;
            fired -= spike;
        }
        return (long) fired << 32 | act;
    }

    /** Turns the spike flags (all ones where v crossed the threshold) into ascending local indices, in place. */
    private void collect() {
        int[] fl = spikes;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (fl[i] != 0) {
                fl[count++] = i;
            }
        }
        spikeCount = count;
    }

    /** Input slot of the next step (delay 0, lane 0), set by {@link #update}. */
    int[] nextAcc;

    /**
     * Delivers the synapses {@code from .. to-1} of a segment with a delay or a lane, for a spike sent at step t.
     *
     * @param t step the spike was sent
     * @param lane 0 for direct, else the lane of a negative-exponent group
     * @param from first synapse
     * @param to one past the last
     * @param post targets
     * @param w weights
     * @param d delays or null
     */
    void deliverSlow(int t, int lane, int from, int to, short[] post, short[] w, byte[] d) {
        for (int j = from; j < to; j++) {
            int delay = d == null ? 0 : d[j];
            int[] acc = lane == 0 ? ring[(t + 1 + delay) % slots] : laneAcc[lane][delay];
            acc[post[j] & 0xFFFF] += w[j];
        }
    }

    /** Shifts this step's lane sums by their (negative) exponents into the ring, as Lava shifts each step's sum. */
    void flushLanes(int t) {
        if (laneAcc == null) {
            return;
        }
        for (int lane = 1; lane < laneAcc.length; lane++) {
            int exp = mem.laneExp()[lane];
            for (int d = 0; d < slots; d++) {
                int[] src = laneAcc[lane][d];
                int[] dst = ring[(t + 1 + d) % slots];
                for (int i = 0; i < n; i++) {
                    dst[i] += FixedPoint.applyWeightExp(src[i], exp);
                    src[i] = 0;
                }
            }
        }
    }

    // totals over the run
    long totalSynops;
    long totalActive;
    long totalInactive;
    long totalSpikes;
    long totalMessagesIn;
    long messagesOut;
    double totalTimeNs;

    void addTotals(long inactive, double ns) {
        totalSynops += synops;
        totalActive += active;
        totalInactive += inactive;
        totalSpikes += spikeCount;
        totalMessagesIn += messagesIn;
        totalTimeNs += ns;
    }

    /** Re-reads whether the parameters are equal across the core after a write. */
    void refreshUniform() {
        boolean same = true;
        for (int i = 1; i < n && same; i++) {
            same = p.factorU()[i] == p.factorU()[0] && p.factorV()[i] == p.factorV()[0] && p.bias()[i] == p.bias()[0]
                    && p.vth()[i] == p.vth()[0];
        }
        uniform = same;
    }

    /** @return true when this core runs LIF neurons */
    boolean isNeuron() {
        return p != null;
    }
}
