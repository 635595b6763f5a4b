package org.spikemesh.simulator.chip;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import org.spikemesh.compiler.program.ChipProgram;

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
    /** per program-wide neuron, the shards its messages go to (bit k: shard k); null when this is the only shard. */
    private final long[] shardMask;
    private final InboundTable inbound;

    /** @return this shard's inbound table */
    InboundTable inbound() {
        return inbound;
    }
    final NeuronArray neurons;
    private int[] nextAcc;
    private final int size;
    /** {@link CoreCounts#stepIn}: per core, this step's messages in and synaptic operations. */
    private final long[] stepIn;
    /** the counts of the shard's cores: per step, over the run and by window. */
    final CoreCounts counts;
    /** counts the messages of the spikes delivered to this shard. */
    private final MessageCounter messageCounter;
    /** ints in a cache line. */
    private static final int LINE_INTS = 16;
    /** the cores (program index) with a flagged neuron this step, from {@link NeuronArray#flaggedCores}. */
    private final int[] flagged;
    /**
     * the neurons of the step's local spikes, in the order {@link #route} visits them: filled by {@link #touchSpikes},
     * read again by {@link #deliverOwnSpikes}.
     */
    private final int[] touchList;
    /** Entries of {@link #touchList} this step. */
    private int touchCount;
    /** cores of the shard (program index) that are spike sources, not LIF neurons. */
    private final int[] sourceCores;
    /** cores of the shard (program index) that spiked this step, in order. */
    private final int[] spiking;
    private int spikingCount;
    /** what {@link #touchSpikes} and the visit of flagged cores read, kept so that the reads are not dropped. */
    long touched;
    /** per core: the multicast tree's links (null for unicast) and its hops east-west, north-south, chip crossings. */
    private final int[][] trees;
    private final long[][] treeHops;
    /** the shard's cores with lanes of negative-exponent groups, flushed every step (an array: no iterator a step). */
    private final CoreRuntime[] laneCores;
    private final ChipProgram program;
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
    /** Hold injection for tests: the step at which this shard pauses for {@link #holdNanos} and goes on (0: never). */
    volatile int holdAtStep;
    volatile long holdNanos;
    /** Fault injection for tests: the step at which this shard throws (0: never). */
    volatile int faultAtStep;
    /** Stall injection for tests: the step at which this shard stops without an error (0: never). */
    volatile int stallAtStep;
    /** Plastic synapses of this shard's cores, or null. */
    ShardLearning learning;
    /**
     * Work this shard does, once per step, when it would otherwise wait for another shard's batch (the engine closes
     * the steps every shard has completed there), or null.
     */
    StepDuty whileWaiting;

    /** Work done by a shard's thread at step t while it waits. */
    interface StepDuty {
        void run(int t) throws AlertException;
    }

    /** compares this shard's kernel with the others' and says when to move its arrays, or null (see KernelWatch). */
    KernelWatch kernelWatch;

    /** the time of each phase of the steps, or null when not timed ({@link ShardDiagnostics#timePhases}). */
    ShardPhases phases;

    /** how this shard waits for another's batch, and what it measured of its waits. */
    final BatchWait waits = new BatchWait();

    /** Step this shard completed last; written by its thread, read by the engine. */
    volatile int completed;
    /** per shard r: true when r runs in another partition (its batches come through the bridge); null without. */
    boolean[] fromOtherPartition;
    /** true when every shard has a processor of its own: the rings' wait strategies spin (see awaitBatch). */
    private final boolean spin;

    Shard(int id, int first, int last, CoreRuntime[] cores, int[] neuronBase, long[] shardMask, InboundTable inbound,
          NeuronArray neurons, ChipProgram program, RouteGeometry geometry, CostModel cost, int shards, int maxLatency,
          Reporter reporter, boolean detailed, boolean spin) {
        this.id = id;
        this.first = first;
        this.last = last;
        this.cores = cores;
        this.neuronBase = neuronBase;
        this.shardMask = shardMask;
        this.inbound = inbound;
        this.neurons = neurons;
        this.program = program;
        this.outSeq = new long[shards];
        // the last slot written to each ring: none yet (a ring's first sequence is 0)
        Arrays.fill(outSeq, -1);
        this.outBatch = new Batch[shards];
        this.reporter = reporter;
        for (int k = 0; k < 4; k++) {
            partials[k] = new StepPartial(program.tilesX(), program.tilesY(), maxLatency,
                    program.chip().router().multicast(), detailed ? new SpikeLog(first, last - first,
                    CoreTimes.neurons(cores, first, last)) : null);
        }
        this.size = last - first;
        this.spiking = new int[size];
        this.flagged = new int[size];
        this.touchList = new int[CoreTimes.neurons(cores, first, last)];
        this.sourceCores = java.util.stream.IntStream.range(first, last).filter(c -> !cores[c].isNeuron()).toArray();
        this.messageCounter = new MessageCounter(geometry, inbound, first, last, program.tilesX(),
                program.chip().router().multicast());
        this.trees = new int[size][];
        this.treeHops = new long[size][];
        for (int c = first; c < last; c++) {
            trees[c - first] = cores[c].program.routes().treeLinks();
            treeHops[c - first] = trees[c - first] == null ? null : treeHops(trees[c - first]);
        }
        this.laneCores = java.util.stream.IntStream.range(first, last).filter(c -> cores[c].hasLanes())
                .mapToObj(c -> cores[c]).toArray(CoreRuntime[]::new);
        this.counts = new CoreCounts(cores, first, last, new CoreTimes(cost.charges(), cores, first, last),
                cost.learningNs());
        this.stepIn = counts.stepIn;
        this.spin = spin;
    }

    /**
     * Runs step t.
     *
     * @param t the step (1-based)
     * @throws AlertException when the engine failed or is closing
     */
    void step(int t) throws AlertException, InterruptedException {
        if (t == faultAtStep) {
            throw new IllegalStateException("fault injected in shard " + id + " at step " + t);
        }
        if (t == holdAtStep) {
            hold();
        }
        while (t == stallAtStep) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            if (Thread.currentThread().isInterrupted() || stallAtStep == 0) {
                throw AlertException.INSTANCE;
            }
        }
        ShardPhases ph = phases;
        if (ph != null) {
            ph.start();
        }
        StepPartial part = begin(t);
        mark(ph, ShardPhases.BEGIN);
        if (neurons != null) {
            updateNeurons(t);
        }
        mark(ph, ShardPhases.KERNEL);
        for (int k = 0; k < spikingCount; k++) {
            // last step's spikes were sent and learnt from
            cores[spiking[k]].spikeCount = 0;
        }
        spikingCount = 0;
        if (reporter == null && part.log == null) {
            visitFlaggedCores(t);
        } else {
            visitEveryCore(t, part);
        }
        mark(ph, ShardPhases.VISIT);
        touchSpikes();
        for (int k = 0; k < spikingCount; k++) {
            route(cores[spiking[k]], t, part);
        }
        for (int r = 0; r < outBatch.length; r++) {
            if (out != null && out[r] != null) {
                publish(r);
            }
        }
        mark(ph, ShardPhases.SEND);
        deliverOwnSpikes(t);
        mark(ph, ShardPhases.DELIVER_OWN);
        if (in != null) {
            // the messages delivered here so far are counted while the other shards finish their step, not after
            messageCounter.count(part, false);
            mark(ph, ShardPhases.COUNT_OWN);
            receiveBatches(t);
            mark(ph, ShardPhases.RECEIVE);
        }
        for (CoreRuntime c : laneCores) {
            c.flushLanes(t);
        }
        if (learning != null) {
            learning.step(t, cores, first);
        }
        messageCounter.count(part, true);
        if (tally != null) {
            part.maxLatency = StepPartial.longestLatency(part.latencyCount);
        }
        mark(ph, ShardPhases.COUNT_REST);
        counts.closeStep(part, t, learning);
        if (ph != null) {
            ph.mark(ShardPhases.CORE_ACCOUNTS);
            ph.stepDone();
        }
        completed = t;
    }

    /** Ends phase p of the step now, when the phases are timed. */
    private static void mark(ShardPhases ph, int p) {
        if (ph != null) {
            ph.mark(p);
        }
    }

    /** Pauses this shard's thread for {@link #holdNanos}, as a processor taken away by the host would. */
    private void hold() {
        long end = System.nanoTime() + holdNanos;
        for (long left = holdNanos; left > 0; left = end - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    /**
     * Updates the shard's neurons for step t (timed for the {@link KernelWatch}, which may move the arrays after) and
     * takes the ring slot the step's spikes are delivered into.
     */
    private void updateNeurons(int t) {
        KernelWatch watch = kernelWatch;
        long kernelStart = watch == null ? 0 : System.nanoTime();
        neurons.update(t);
        if (watch != null) {
            watch.timed(System.nanoTime() - kernelStart);
        }
        nextAcc = neurons.ring[(t + 1) % neurons.slots];
    }

    /**
     * Starts step t: takes the step's partial (its last step's latencies tallied first) and claims the step's batch to
     * every other shard.
     *
     * @return the partial
     */
    private StepPartial begin(int t) {
        StepPartial part = partials[t & 3];
        if (preparedStep != t) {
            if (tally != null) {
                tallyBeforeReuse(part);
            }
            part.reset(t);
        }
        for (int r = 0; r < outBatch.length; r++) {
            if (out != null && out[r] != null) {
                // the step's slot, claimed only when published (publish): with several producers a ring's cursor
                // counts the slots claimed, and a shard waiting for this batch would take a claimed one for sent
                while (!out[r].hasAvailableCapacity(1)) {
                    // its consumer has not read the batch this slot held (as the Disruptor's own claim waits)
                    LockSupport.parkNanos(1);
                }
                outSeq[r]++;
                outBatch[r] = out[r].get(outSeq[r]);
                outBatch[r].reset(t);
            }
        }
        return part;
    }

    /** Claims the slot this step's batch to shard r was written into ({@link #begin}) and publishes it. */
    private void publish(int r) {
        long claimed = out[r].next();
        if (claimed != outSeq[r]) {
            throw new IllegalStateException("shard " + id + " wrote its batch to shard " + r + " into slot "
                    + outSeq[r] + " but claimed " + claimed + ": another thread produced to the ring");
        }
        out[r].publish(claimed);
    }

    /** Waits for the batch of step t from every other shard, in shard order, and delivers its spikes here. */
    private void receiveBatches(int t) throws AlertException, InterruptedException {
        for (int r = 0; r < outBatch.length; r++) {
            if (in[r] != null) {
                long seq = consumed[r].get() + 1;
                awaitBatch(r, seq, t);
                try {
                    // a ring filled from another partition has several possible producer threads: its cursor can
                    // run ahead of what is published, and the barrier then answers with less than seq
                    while (barriers[r].waitFor(seq) < seq) {
                        Thread.onSpinWait();
                    }
                } catch (TimeoutException e) {
                    throw stalled(r, t, e);
                }
                Batch b = in[r].get(seq);
                if (b.step != t) {
                    throw new IllegalStateException("shard " + id + " expected the batch of step " + t + " from shard "
                            + r + " but got step " + b.step);
                }
                int[] m = b.messages;
                touch(m, b.messageInts);
                for (int k = 0; k < b.messageInts; k++) {
                    deliver(m[k], t);
                }
                if (reporter != null && id == 0) {
                    reporter.receive(r, b);
                }
                consumed[r].set(seq);
            }
        }
    }

    /**
     * this shard's own tally of its messages' latencies, or null when the closer of each step adds them (runs split
     * over processes); see {@link LatencyTally}.
     */
    private LatencyTally tally;
    private Accounts accounts;

    /** Makes this shard add its messages' latencies to its own tally once their step is closed. */
    void tallyLatencies(LatencyTally own, Accounts closer) {
        this.tally = own;
        this.accounts = closer;
        for (StepPartial p : partials) {
            p.tallied = true;
        }
    }

    /**
     * Adds the latencies of the step a partial held to the tally before the partial takes a new step: that step is
     * closed by then (each shard runs at most three steps ahead of the last closed, see ChipEngine#closeLag).
     */
    private void tallyBeforeReuse(StepPartial p) {
        if (untallied(p)) {
            if (accounts.lastClosed() < p.step) {
                throw new IllegalStateException("shard " + id + " would reuse the partial of step " + p.step
                        + ", which is not closed yet");
            }
            tallyStep(p);
        }
    }

    /** the step whose partial {@link #prepareNext} has emptied already, or 0. */
    private int preparedStep;

    /**
     * While waiting in step t: empties the partial of step t + 1 now, if the step it held (t - 3) is closed, instead
     * of at the start of step t + 1. The step's closer read that partial, perhaps on the other die, so emptying it
     * takes every line back (about 80 at 64 000 neurons, 1-2 us on 2 threads when the closer was the other shard):
     * a waiting shard has the time.
     */
    private void prepareNext(int t) {
        StepPartial next = partials[(t + 1) & 3];
        if (tally == null || preparedStep == t + 1 || accounts.lastClosed() < next.step) {
            return;
        }
        tallyBeforeReuse(next);
        next.reset(t + 1);
        preparedStep = t + 1;
    }

    /** Adds to the tally the latencies of every partial whose step is closed: at the end of a run. */
    void tallyClosedLatencies() {
        if (tally == null) {
            return;
        }
        int closed = accounts.lastClosed();
        for (StepPartial p : partials) {
            if (untallied(p) && p.step <= closed) {
                tallyStep(p);
            }
        }
    }

    /** @return whether the partial holds a step whose latencies are not in the tally yet */
    private static boolean untallied(StepPartial p) {
        return p.step > 0 && !p.latenciesTallied;
    }

    /** Adds the latencies of the closed step the partial holds, delayed by that step's wait, to the tally. */
    private void tallyStep(StepPartial p) {
        tally.add(p.latencyCount, accounts.waitOf(p.step));
        p.latenciesTallied = true;
    }

    /**
     * Waits until shard r has published batch seq (of step t), when every shard has a processor of its own (else the
     * ring's wait strategy waits); closes the steps every shard has completed first, if this shard has that duty.
     */
    private void awaitBatch(int r, long seq, int t) throws AlertException {
        RingBuffer<Batch> ring = in[r];
        if (!spin || ring.isAvailable(seq) || fromOtherPartition != null && fromOtherPartition[r]) {
            // a batch from another partition is waited for by its ring's strategy, which runs the bridge meanwhile
            return;
        }
        if (whileWaiting != null) {
            ShardPhases ph = phases;
            long closing = ph == null ? 0 : System.nanoTime();
            whileWaiting.run(t);
            prepareNext(t);
            if (ph != null) {
                ph.aside(ShardPhases.CLOSE_STEPS, System.nanoTime() - closing);
            }
        }
        if (!waits.await(ring, barriers[r], seq)) {
            throw stalled(r, t, null);
        }
    }

    /** @return the error of a shard that waited longer than the stall limit for the batch of step t from shard r */
    private IllegalStateException stalled(int r, int t, Throwable cause) {
        return new IllegalStateException("shard " + id + " waited too long for the batch of step " + t + " from shard "
                + r + ", which stopped without an error; the run is ended (limit: system property"
                + " spikemesh.engine.stall-seconds)", cause);
    }

    /**
     * Sends the spikes of a core: counts its messages (one per route of a spiking neuron with unicast routers, one per
     * spike along the core's tree with multicast ones) and, for multicast, the tree's links and hops, then adds each
     * spike to the batch of every other shard it reaches ({@link #deliverOwnSpikes} delivers it here once the batches
     * are out; each shard counts the messages it receives in {@link MessageCounter}).
     */
    private void route(CoreRuntime core, int t, StepPartial part) {
        int[] sp = core.spikes;
        int base = neuronBase[core.index];
        int[] routesOut = inbound.routesOut;
        int firstNeuron = inbound.firstNeuron;
        int local = core.index - first;
        int messages = 0;
        int destinations = 0;
        int[] tree = trees[local];
        for (int k = 0; k < core.spikeCount; k++) {
            int i = sp[k];
            int routes = routesOut[base + i - firstNeuron];
            destinations += routes;
            if (tree == null) {
                messages += routes;
            } else if (routes > 0) {
                // multicast: one packet per spike, copied along the core's tree
                messages++;
                long[] direct = part.linkDirect;
                for (int l : tree) {
                    direct[l]++;
                }
                part.hopsEastWest += treeHops[local][0];
                part.hopsNorthSouth += treeHops[local][1];
                part.chipCrossings += treeHops[local][2];
                // the copy into the source's own tile, whether or not the packet also leaves it (it was charged only
                // when the packet stayed in the tile)
                part.withinTile += core.reachesOwnTile ? 1 : 0;
            }
            int g = base + i;
            long mask = shardMask == null ? 0 : shardMask[g] & ~(1L << id);
            while (mask != 0) {
                int sh = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                outBatch[sh].addMessage(g);
            }
        }
        part.messages += messages;
        part.destinations += destinations;
        counts.sent(local, messages, destinations);
    }

    /**
     * Delivers the spike of program-wide neuron g, sent at step t, to every core of this shard it reaches (adds its
     * synapses into the cores' inputs and counts each core's messages and synops), and logs the spike and the
     * destination of each of its messages for {@link MessageCounter}.
     */
    private void deliver(int g, int t) {
        InboundTable in = inbound;
        if (learning != null) {
            learning.fired(g);
        }
        int block = in.start[g];
        if (block == in.start[g + 1]) {
            return;
        }
        int[] data = in.data;
        int messages = data[block + InboundTable.HEADERS];
        if (messages < 0) {
            deliverOneWeight(g, block, -messages);
            return;
        }
        int h = block + InboundTable.META;
        int headersEnd = h + messages;
        // the destination of header h goes to the message log at h + toLog
        int toLog = messageCounter.log(g, messages) - h;
        if (in.lane != null || in.delay != null) {
            int[] logged = messageCounter.messageLog;
            long[] counts = stepIn;
            int bits = in.coreBits;
            int mask = in.coreMask;
            int j = headersEnd;
            for (; h < headersEnd; h++) {
                int seg = data[h];
                int local = seg & mask;
                int n = seg >>> bits;
                logged[h + toLog] = local;
                counts[local] += 1L | (long) n << 32;
                cores[first + local].deliverSlow(t, in.lane == null ? 0 : in.lane[h], j, j + n, data, in.delay);
                j += n;
            }
            return;
        }
        deliverHeaders(h, headersEnd, toLog);
    }

    /**
     * Delivers the segments whose headers are at h .. headersEnd - 1 of the table's ints, their synapses from
     * headersEnd on (each packed one in its header), and logs each message's core at its header's place plus toLog.
     */
    private void deliverHeaders(int h, int headersEnd, int toLog) {
        InboundTable in = inbound;
        int[] data = in.data;
        int[] logged = messageCounter.messageLog;
        int[] coreBase = in.base;
        long[] counts = stepIn;
        int bits = in.coreBits;
        int mask = in.coreMask;
        int[] acc = nextAcc;
        int j = headersEnd;
        int targetMask = in.targetMask;
        int weightShift = in.weightShift;
        int[] dictionary = in.weightDictionary;
        int indexMask = in.weightIndexMask;
        for (; h < headersEnd; h++) {
            // the next header's place is known without this one: the loads of the headers run ahead of the adds
            int seg = data[h];
            int local = seg & mask;
            logged[h + toLog] = local;
            if (seg < 0) {
                // a packed segment: one synapse, in the header (most messages of large sparse networks)
                counts[local] += ONE_SYNAPSE;
                int code = seg << 1 >> weightShift;
                acc[coreBase[local] + (seg >>> bits & targetMask)] += dictionary == null ? code
                        : dictionary[code & indexMask];
                continue;
            }
            int n = seg >>> bits;
            counts[local] += 1L | (long) n << 32;
            int b = coreBase[local];
            for (int stop = j + n; j < stop; j++) {
                int x = data[j];
                acc[b + (x & 0xFFFF)] += x >> 16;
            }
        }
    }

    /**
     * Delivers a spike whose block here is of one weight ({@link InboundTable}): its targets, a few bits each, each one
     * message of one synapse of the block's weight; then its other segments (several synapses each), as any block's.
     */
    private void deliverOneWeight(int g, int block, int targets) {
        InboundTable in = inbound;
        int[] data = in.data;
        int w = data[block + InboundTable.META];
        int others = data[block + InboundTable.META + 1];
        int width = in.targetWidth;
        int at = messageCounter.log(g, targets + others);
        int[] logged = messageCounter.messageLog;
        char[] coreOf = in.coreOfNeuron;
        long[] counts = stepIn;
        int[] acc = nextAcc;
        if (coreOf != null) {
            // two targets to an int: no read of a long
            for (int k = 0, p = block + InboundTable.META + 2; k < targets; k++) {
                int x = data[p + (k >>> 1)] >>> ((k & 1) << 4) & 0xFFFF;
                int local = coreOf[x];
                acc[x] += w;
                counts[local] += ONE_SYNAPSE;
                logged[at + k] = local;
            }
        } else {
            // each target its core and its neuron in the core, as a stream of bits: an int more whenever fewer than a
            // target's bits are left
            int[] coreBase = in.base;
            int coreBits = in.coreBits;
            int coreMask = in.coreMask;
            long bits = 0;
            int left = 0;
            int mask = (1 << width) - 1;
            for (int k = 0, p = block + InboundTable.META + 2; k < targets; k++) {
                if (left < width) {
                    bits |= (data[p++] & 0xFFFFFFFFL) << left;
                    left += 32;
                }
                int v = (int) bits & mask;
                bits >>>= width;
                left -= width;
                int local = v & coreMask;
                acc[coreBase[local] + (v >>> coreBits)] += w;
                counts[local] += ONE_SYNAPSE;
                logged[at + k] = local;
            }
        }
        int h = InboundTable.oneWeightHeaders(block, targets, width);
        if (others > 0) {
            deliverHeaders(h, h + others, at + targets - h);
        }
    }

    /** One message of one synapse in {@link #stepIn}. */
    private static final long ONE_SYNAPSE = 1L | 1L << 32;

    /**
     * After the kernel, with nothing to report: visits only the spike sources and the cores with a neuron the kernel
     * flagged (a spike or a neuron at rest), not all cores of the shard; the others keep the step's defaults in
     * {@link CoreCounts} and the resting spikes of {@link CoreTimes}, which {@link CoreCounts#closeStep} restores after
     * counting. At 64 000 neurons that is a few dozen of 1 280 cores per step, whose objects would each be a cache miss
     * after the kernel has streamed the neuron arrays.
     */
    private void visitFlaggedCores(int t) {
        for (int c : sourceCores) {
            visit(cores[c], t);
        }
        if (neurons != null) {
            int n = neurons.flaggedCores(flagged);
            // one field of each core object and of its spike array first, as touchSpikes does for the records: the
            // loads are independent and run together, where the visits below would wait on each object's cache miss
            // in turn (64 000 neurons, 1 thread, timed inside the shard: visits 0.067-0.076 -> 0.042-0.051 s)
            int sum = 0;
            for (int k = 0; k < n; k++) {
                CoreRuntime c = cores[flagged[k]];
                sum += c.n + c.spikes.length;
            }
            touched += sum;
            for (int k = 0; k < n; k++) {
                visit(cores[flagged[k]], t);
            }
        }
        if (sourceCores.length > 0 && spikingCount > 1) {
            // sources first, then neurons: back into core order, the order the other shards deliver in
            Arrays.sort(spiking, 0, spikingCount);
        }
    }

    private void visit(CoreRuntime core, int t) {
        core.afterUpdate(t);
        int local = core.index - first;
        counts.visit(local, core.active, core.spikeCount, core.restingSpikes);
        if (core.spikeCount > 0) {
            spiking[spikingCount++] = core.index;
        }
    }

    /** After the kernel, when spikes or state are reported or the detailed model logs: every core, in order. */
    private void visitEveryCore(int t, StepPartial part) {
        Batch toReporter = id == 0 ? null : outBatch[0];
        for (int c = first; c < last; c++) {
            CoreRuntime core = cores[c];
            visit(core, t);
            if (part.log != null) {
                part.log.record(core);
            }
            if (reporter != null) {
                reporter.record(core, toReporter);
            }
        }
    }

    /**
     * Reads one int of every cache line of the inbound blocks the step's spikes will be delivered through, and their
     * shard masks, before delivering them (the spikes from other shards too, before their batch is delivered). On
     * large networks the blocks come from main memory; delivering walks one spike's block after the other, while these
     * reads are independent and the processor runs many at once (64 000 neurons, 1 thread: without them the loop took
     * 1.05-1.12 against 0.85-0.96 s). The sum is kept so that the compiler does not drop the reads.
     */
    private void touchSpikes() {
        int n = 0;
        int[] list = touchList;
        long masks = 0;
        long[] shards = shardMask;
        int[] routesOut = inbound.routesOut;
        int firstNeuron = inbound.firstNeuron;
        for (int k = 0; k < spikingCount; k++) {
            CoreRuntime core = cores[spiking[k]];
            int base = neuronBase[core.index];
            for (int i = 0; i < core.spikeCount; i++) {
                int g = base + core.spikes[i];
                list[n++] = g;
                // what route reads of each spike: the shards it goes to (64 000 neurons, 1 thread, timed inside the
                // shard, sending and delivering 0.26-0.35 -> 0.22-0.24 s) and its number of routes
                masks += (shards == null ? 0 : shards[g]) + routesOut[g - firstNeuron];
            }
        }
        touched += masks;
        touchCount = n;
        touch(list, n);
    }

    /**
     * Delivers this step's spikes that reach cores of this shard, in the order {@link #route} visited them, after
     * the batches for the other shards are published: the other shards start on this shard's spikes while it
     * delivers its own, instead of waiting for them too (every delivery is a sum, so the order of the shards' work
     * changes no result).
     */
    private void deliverOwnSpikes(int t) {
        int[] list = touchList;
        long own = 1L << id;
        long[] shards = shardMask;
        int[] start = inbound.start;
        for (int k = 0; k < touchCount; k++) {
            int g = list[k];
            // alone, a spike reaches this shard when its block holds any message
            if (shards == null ? start[g] != start[g + 1] : (shards[g] & own) != 0) {
                deliver(g, t);
            }
        }
    }

    /** Reads one int of every cache line of the blocks of neurons gs[0 .. count-1]. */
    private void touch(int[] gs, int count) {
        int[] start = inbound.start;
        int[] data = inbound.data;
        int sum = 0;
        for (int k = 0; k < count; k++) {
            int g = gs[k];
            for (int j = start[g], end = start[g + 1]; j < end; j += LINE_INTS) {
                sum += data[j];
            }
        }
        touched += sum;
    }

    /** Hops east-west, north-south and chip-to-chip links of a multicast tree (link codes as in {@code RouteTable}). */
    private long[] treeHops(int[] tree) {
        int gx = program.tilesX();
        int tiles = gx * program.tilesY();
        int perChipX = program.chip().mesh().tilesX();
        int perChipY = program.chip().mesh().tilesY();
        long ew = 0;
        long ns = 0;
        long cross = 0;
        for (int code : tree) {
            int dir = code / tiles;
            int x = code % tiles % gx;
            int y = code % tiles / gx;
            if (dir < 2) {
                ew++;
                int nx = dir == 0 ? x + 1 : x - 1;
                cross += x / perChipX != nx / perChipX ? 1 : 0;
            } else {
                ns++;
                int ny = dir == 2 ? y + 1 : y - 1;
                cross += y / perChipY != ny / perChipY ? 1 : 0;
            }
        }
        return new long[]{ew, ns, cross};
    }

    /** @return bytes of this shard's tables (inbound blocks with their route sums, neuron arrays and rings) */
    long tableBytes() {
        long b = inbound.bytes();
        b += 4L * neurons.length * (3 + neurons.slots);
        return b;
    }

}
