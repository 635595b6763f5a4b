package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.RouteTable;

/**
 * A contiguous range of cores run by one thread. Each step: update the cores' neurons, route their spikes (cores of
 * this shard directly, other shards through one batch per shard per step on a Disruptor ring buffer), wait for the
 * batches of every other shard for the same step (the barrier, built on ring-buffer sequences), deliver them, then
 * count the step's operations and traffic into a {@link StepPartial}.
 */
final class Shard {
    final int id;
    final int first;
    final int last;
    private final CoreRuntime[] cores;
    private final int[] neuronBase;
    private final long[] shardMask;
    private final InboundTable inbound;
    final NeuronArray neurons;
    private int[] nextAcc;
    private final ChipProgram program;
    private final CostModel cost;
    final StepPartial[] partials = new StepPartial[4];
    /** out[r]: ring this shard publishes to shard r (null for itself). */
    RingBuffer<Batch>[] out;
    /** in[r]: ring shard r publishes to this shard, its barrier and this shard's consumer sequence. */
    RingBuffer<Batch>[] in;
    SequenceBarrier[] barriers;
    Sequence[] consumed;
    private final long[] outSeq;
    private final Batch[] outBatch;
    final Reporter reporter;
    /** Fault injection for tests: the step at which this shard throws (0: never). */
    volatile int faultAtStep;
    /** Step this shard completed last; written by its thread, read by the engine. */
    volatile int completed;

    Shard(int id, int first, int last, CoreRuntime[] cores, int[] neuronBase, long[] shardMask, InboundTable inbound,
          NeuronArray neurons, ChipProgram program, CostModel cost, int shards, int maxLatency, Reporter reporter) {
        this.id = id;
        this.first = first;
        this.last = last;
        this.cores = cores;
        this.neuronBase = neuronBase;
        this.shardMask = shardMask;
        this.inbound = inbound;
        this.neurons = neurons;
        this.program = program;
        this.cost = cost;
        this.outSeq = new long[shards];
        this.outBatch = new Batch[shards];
        this.reporter = reporter;
        for (int k = 0; k < 4; k++) {
            partials[k] = new StepPartial(program.tilesX(), program.tilesY(), maxLatency);
        }
    }

    /**
     * Runs step t.
     *
     * @param t the step (1-based)
     * @throws AlertException when the engine failed or is closing
     */
    void step(int t) throws AlertException, InterruptedException, TimeoutException {
        if (t == faultAtStep) {
            throw new IllegalStateException("fault injected in shard " + id + " at step " + t);
        }
        StepPartial part = partials[t & 3];
        part.reset();
        for (int r = 0; r < outBatch.length; r++) {
            if (out != null && out[r] != null) {
                outSeq[r] = out[r].next();
                outBatch[r] = out[r].get(outSeq[r]);
                outBatch[r].reset(t);
            }
        }
        if (neurons != null) {
            neurons.update(t);
            nextAcc = neurons.ring[(t + 1) % neurons.slots];
        }
        for (int c = first; c < last; c++) {
            cores[c].afterUpdate(t);
        }
        Batch toReporter = id == 0 ? null : outBatch[0];
        for (int c = first; c < last; c++) {
            route(cores[c], t);
            if (reporter != null) {
                reporter.record(cores[c], toReporter);
            }
        }
        for (int r = 0; r < outBatch.length; r++) {
            if (out != null && out[r] != null) {
                out[r].publish(outSeq[r]);
            }
        }
        for (int r = 0; r < outBatch.length; r++) {
            if (in != null && in[r] != null) {
                long seq = consumed[r].get() + 1;
                barriers[r].waitFor(seq);
                Batch b = in[r].get(seq);
                if (b.step != t) {
                    throw new IllegalStateException("shard " + id + " expected the batch of step " + t + " from shard "
                            + r + " but got step " + b.step);
                }
                int[] m = b.messages;
                for (int k = 0; k < b.messageInts; k++) {
                    deliver(m[k], t);
                }
                if (reporter != null && id == 0) {
                    reporter.receive(r, b);
                }
                consumed[r].set(seq);
            }
        }
        for (int c = first; c < last; c++) {
            account(cores[c], t, part);
        }
        completed = t;
    }

    private void route(CoreRuntime core, int t) {
        RouteTable rt = core.program.routes();
        int[] rs = rt.routeStart();
        int[] entries = rt.neuronRoutes();
        int[] count = core.slotCount;
        int[] touched = core.touched;
        int nt = core.touchedCount;
        int[] sp = core.spikes;
        int base = neuronBase[core.index];
        for (int k = 0; k < core.spikeCount; k++) {
            int i = sp[k];
            for (int r = rs[i], e = rs[i + 1]; r < e; r++) {
                int slot = entries[r] >>> RouteTable.AXON_BITS;
                if (count[slot]++ == 0) {
                    touched[nt++] = slot;
                }
            }
            int g = base + i;
            long mask = shardMask[g];
            while (mask != 0) {
                int sh = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                if (sh == id) {
                    deliver(g, t);
                } else {
                    outBatch[sh].addMessage(g);
                }
            }
        }
        core.touchedCount = nt;
    }

    /** Delivers the spike of program-wide neuron g, sent at step t, to every core of this shard it reaches. */
    private void deliver(int g, int t) {
        InboundTable in = inbound;
        int[] segSyn = in.segSyn;
        int[] segCore = in.segCore;
        int[] post = in.post;
        short[] w = in.weight;
        for (int k = in.segStart[g], e = in.segStart[g + 1]; k < e; k++) {
            CoreRuntime d = cores[segCore[k]];
            int from = segSyn[k];
            int to = segSyn[k + 1];
            d.messagesIn++;
            d.synops += to - from;
            if (in.delay == null && in.segLane[k] == 0) {
                int[] acc = nextAcc;
                for (int j = from; j < to; j++) {
                    acc[post[j]] += w[j];
                }
            } else {
                d.deliverSlow(t, in.segLane[k], from, to, post, w, in.delay);
            }
        }
    }

    private void account(CoreRuntime core, int t, StepPartial part) {
        core.flushLanes(t);
        long inactive = core.isNeuron() ? core.n - core.active : 0;
        double ns = cost.coreTimeNs(core.synops, core.active, inactive, core.spikeCount, core.messagesIn);
        core.addTotals(inactive, ns);
        part.synops += core.synops;
        part.active += core.active;
        part.inactive += inactive;
        part.spikes += core.spikeCount;
        part.messagesIn += core.messagesIn;
        if (ns > part.slowestCoreNs) {
            part.slowestCoreNs = ns;
            part.slowestCore = core.index;
        }
        RouteTable rt = core.program.routes();
        int gx1 = program.tilesX() + 1;
        int gy1 = program.tilesY() + 1;
        int sx = program.tileX()[core.index];
        int sy = program.tileY()[core.index];
        for (int k = 0; k < core.touchedCount; k++) {
            int slot = core.touched[k];
            long c = core.slotCount[slot];
            core.slotCount[slot] = 0;
            core.messagesOut += c;
            part.messages += c;
            int ew = rt.hopsEastWest()[slot];
            int nsHops = rt.hopsNorthSouth()[slot];
            part.addLatency(rt.latencyNs()[slot], c);
            if (ew + nsHops == 0) {
                part.withinTile += c;
                continue;
            }
            part.hopsEastWest += ew * c;
            part.hopsNorthSouth += nsHops * c;
            part.chipCrossings += rt.chipCrossings()[slot] * c;
            int d = rt.destCore()[slot];
            int dx = program.tileX()[d];
            int dy = program.tileY()[d];
            if (dx > sx) {
                part.east[sy * gx1 + sx] += c;
                part.east[sy * gx1 + dx] -= c;
            } else if (dx < sx) {
                part.west[sy * gx1 + dx + 1] += c;
                part.west[sy * gx1 + sx + 1] -= c;
            }
            if (dy > sy) {
                part.north[dx * gy1 + sy] += c;
                part.north[dx * gy1 + dy] -= c;
            } else if (dy < sy) {
                part.south[dx * gy1 + dy + 1] += c;
                part.south[dx * gy1 + sy + 1] -= c;
            }
        }
        core.touchedCount = 0;
    }
}
