package org.spikemesh.simulator.chip;

import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.NeuronState;
import org.spikemesh.compiler.program.SynapseMemory;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.CounterRng;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.SpikeInput;

/**
 * One core during a run: where its neurons sit in its shard's {@link NeuronArray} (or, for a spike source, what it
 * emits), the lanes of its negative-exponent groups, this step's spikes and operation counts, and run totals.
 */
final class CoreRuntime {
    final CoreProgram program;
    final int index;
    final int n;
    /** first neuron in the shard's arrays (LIF cores). */
    int base;
    /**
     * whether some route entry of this core reaches a core in its own tile: with multicast routers its packet is then
     * also copied into its tile, one within-tile delivery (set by {@link InboundBuilder}).
     */
    boolean reachesOwnTile;
    NeuronArray neurons;
    private final NeuronState p;
    private final SynapseMemory mem;
    private final int[][][] laneAcc;
    final int[] spikes;
    int spikeCount;
    private final SpikeInput.Schedule schedule;
    private final double[] rate;
    private final long poissonSeed;
    private final long poissonStream;
    private boolean uniform;

    // this step's counts
    int active;
    /** spikes of neurons left at rest by their spike (u = 0 after the reset): state-changing updates for charging. */
    int restingSpikes;

    CoreRuntime(CoreProgram program, long runSeed) {
        this.program = program;
        this.index = program.index();
        this.n = program.size();
        this.p = program.neurons();
        this.mem = program.synapses();
        this.spikes = new int[n];
        this.uniform = p != null && p.uniform();
        this.laneAcc = mem.lanes() > 1 ? new int[mem.lanes()][mem.maxDelay() + 1][n] : null;
        this.schedule = program.process() instanceof SpikeInput ? ((SpikeInput) program.process()).schedule() : null;
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

    /** @return delay slots this core needs */
    int slots() {
        return mem.maxDelay() + 1;
    }

    /** @return whether its parameters are equal across the core */
    boolean uniform() {
        return uniform;
    }

    /** After the shard's kernel ran: this core's spikes and active count for step t (or a source's spikes). */
    void afterUpdate(int t) {
        if (p != null) {
            if (neurons.anyFlag(base, n)) {
                long r = neurons.scan(base, n, spikes, p);
                spikeCount = (int) r;
                active = n - (int) (r >>> 32);
                restingSpikes = 0;
                for (int k = 0; k < spikeCount; k++) {
                    restingSpikes += neurons.u[base + spikes[k]] == 0 ? 1 : 0;
                }
            } else {
                spikeCount = 0;
                active = n;
                restingSpikes = 0;
            }
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

    /**
     * Delivers the synapses {@code from .. to-1} of a segment with a delay or a lane, for a spike sent at step t.
     * Synapses are packed as in {@link InboundTable#data}; d is null when no synapse has a delay.
     */
    void deliverSlow(int t, int lane, int from, int to, int[] data, byte[] d) {
        int[][] ring = neurons.ring;
        int slots = neurons.slots;
        for (int j = from; j < to; j++) {
            int delay = d == null ? 0 : d[j];
            int x = data[j];
            if (lane == 0) {
                ring[(t + 1 + delay) % slots][base + (x & 0xFFFF)] += x >> 16;
            } else {
                laneAcc[lane][delay][x & 0xFFFF] += x >> 16;
            }
        }
    }

    /** Shifts this step's lane sums by their (negative) exponents into the ring, as Lava shifts each step's sum. */
    void flushLanes(int t) {
        if (laneAcc == null) {
            return;
        }
        int[][] ring = neurons.ring;
        int slots = neurons.slots;
        for (int lane = 1; lane < laneAcc.length; lane++) {
            int exp = mem.laneExp()[lane];
            for (int d = 0; d < laneAcc[lane].length; d++) {
                int[] src = laneAcc[lane][d];
                int[] dst = ring[(t + 1 + d) % slots];
                for (int i = 0; i < n; i++) {
                    dst[base + i] += FixedPoint.applyWeightExp(src[i], exp);
                    src[i] = 0;
                }
            }
        }
    }

    /** @return true when the core has negative-exponent lanes to flush each step */
    boolean hasLanes() {
        return laneAcc != null;
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
