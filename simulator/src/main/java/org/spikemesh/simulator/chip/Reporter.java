package org.spikemesh.simulator.chip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Process;
import org.spikemesh.process.Var;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.RunListener;

/**
 * Gathers each step's spikes and probed state from every shard at shard 0 (other shards send theirs inside the
 * step's batch) and calls the listeners in the reference backend's order: spiking processes in schedule order,
 * neurons ascending, then probes in the order given.
 */
final class Reporter {
    private final List<RunListener> listeners;
    private final List<Var> probes;
    private final boolean recordSpikes;
    private final List<Process> spiking;
    private final Map<Process, Integer> spikingIndex = new IdentityHashMap<>();
    private final CoreRuntime[] cores;
    private final int[] shardFirst;
    private final int[] shardLast;
    private final Batch[] copies;
    private final int[][] bucket;
    private final int[] bucketCount;
    private final double[][] values;
    /** probe k reads u (0), v (1), a static Var (-1) or learning state (-2), of {@code probeProcess[k]}. */
    private final int[] probeKind;
    private final Process[] probeProcess;

    Reporter(List<RunListener> listeners, List<Var> probes, boolean recordSpikes, List<Process> spiking,
             CoreRuntime[] cores, int[] shardFirst, int[] shardLast) {
        this.listeners = listeners;
        this.probes = probes;
        this.recordSpikes = recordSpikes;
        this.spiking = spiking;
        this.cores = cores;
        this.shardFirst = shardFirst;
        this.shardLast = shardLast;
        this.copies = new Batch[shardFirst.length];
        for (int r = 0; r < copies.length; r++) {
            copies[r] = new Batch();
        }
        for (int k = 0; k < spiking.size(); k++) {
            spikingIndex.put(spiking.get(k), k);
        }
        this.bucket = new int[spiking.size()][];
        this.bucketCount = new int[spiking.size()];
        for (int k = 0; k < spiking.size(); k++) {
            bucket[k] = new int[16];
        }
        this.probeKind = new int[probes.size()];
        this.probeProcess = new Process[probes.size()];
        this.values = new double[probes.size()][];
        for (int k = 0; k < probes.size(); k++) {
            Var v = probes.get(k);
            Process p = v.owner();
            probeProcess[k] = p;
            probeKind[k] = p instanceof LIF ? (v == ((LIF) p).u() ? 0 : v == ((LIF) p).v() ? 1 : -1)
                    : p instanceof org.spikemesh.process.lib.LearningSynapses ? -2 : -1;
            values[k] = new double[v.size()];
        }
    }

    /** Records a core's spikes and probed state of this step: into the batch to shard 0, or locally on shard 0. */
    void record(CoreRuntime core, Batch toShard0) {
        Batch b = toShard0 != null ? toShard0 : copies[0];
        if (recordSpikes) {
            for (int k = 0; k < core.spikeCount; k++) {
                b.addSpike(core.index, core.spikes[k]);
            }
        }
        for (int k = 0; k < probeKind.length; k++) {
            if (probeKind[k] >= 0 && probeProcess[k] == core.program.process()) {
                b.addState(probeKind[k] == 0 ? core.neurons.u : core.neurons.v, core.base, core.n);
            }
        }
    }

    /** Shard 0 starts a step: its own records go into copy 0. */
    void begin(int t) {
        copies[0].reset(t);
    }

    /** Shard 0 copies shard r's records out of the ring buffer before releasing the slot. */
    void receive(int r, Batch b) {
        Batch c = copies[r];
        c.reset(b.step);
        if (c.spikes.length < b.spikeInts) {
            c.spikes = new int[b.spikes.length];
        }
        System.arraycopy(b.spikes, 0, c.spikes, 0, b.spikeInts);
        c.spikeInts = b.spikeInts;
        c.state = Arrays.copyOf(b.state, Math.max(b.stateInts, c.state.length));
        c.stateInts = b.stateInts;
    }

    /** Calls the listeners for step t, once every shard's records of t are in. */
    void flush(int t) {
        if (recordSpikes) {
            Arrays.fill(bucketCount, 0);
            for (Batch b : copies) {
                for (int k = 0; k < b.spikeInts; k += 2) {
                    CoreRuntime c = cores[b.spikes[k]];
                    int p = spikingIndex.get(c.program.process());
                    if (bucketCount[p] == bucket[p].length) {
                        bucket[p] = Arrays.copyOf(bucket[p], bucket[p].length * 2);
                    }
                    bucket[p][bucketCount[p]++] = c.program.lo() + b.spikes[k + 1];
                }
            }
            for (int p = 0; p < spiking.size(); p++) {
                // gathered in program core order, which is the cores' order on the chip, not the neurons'
                Arrays.sort(bucket[p], 0, bucketCount[p]);
                for (RunListener l : listeners) {
                    l.spikes(t, spiking.get(p), bucket[p], bucketCount[p]);
                }
            }
        }
        if (!probes.isEmpty()) {
            gatherProbes();
            for (int k = 0; k < probes.size(); k++) {
                for (RunListener l : listeners) {
                    l.values(t, probes.get(k), values[k]);
                }
            }
        }
        for (RunListener l : listeners) {
            l.stepEnded(t);
        }
    }

    /** Reads learning state (weights, tags, traces) of a learning process; set by the engine. */
    java.util.function.Function<Var, double[]> plasticReader;

    /** @return true when a probe reads learning state, which the engine must let every shard finish first */
    boolean needsLockstep() {
        for (int k : probeKind) {
            if (k == -2) {
                return true;
            }
        }
        return false;
    }

    private void gatherProbes() {
        for (int k = 0; k < probes.size(); k++) {
            if (probeKind[k] == -1) {
                values[k] = EngineVars.staticValue(probes.get(k));
            } else if (probeKind[k] == -2) {
                values[k] = plasticReader.apply(probes.get(k));
            }
        }
        for (int r = 0; r < copies.length; r++) {
            int at = 0;
            int[] st = copies[r].state;
            for (int c = shardFirst[r]; c < shardLast[r]; c++) {
                CoreRuntime core = cores[c];
                for (int k = 0; k < probeKind.length; k++) {
                    if (probeKind[k] >= 0 && probeProcess[k] == core.program.process()) {
                        for (int i = 0; i < core.n; i++) {
                            values[k][core.program.lo() + i] = st[at + i];
                        }
                        at += core.n;
                    }
                }
            }
        }
    }

    static List<Process> spikingOf(List<Process> schedule) {
        List<Process> r = new ArrayList<>();
        for (Process p : schedule) {
            if (p.outPorts().containsKey("s_out")) {
                r.add(p);
            }
        }
        return r;
    }
}
