package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.PlasticBlock;
import org.spikemesh.compiler.program.SynapseSegments;

/**
 * Builds the {@link InboundTable} of every shard this process runs from the program's {@link SynapseSegments}, read
 * two or three times: once to count each neuron's headers and synapses per shard and the weights a header could
 * pack, once more (only when a dictionary packs some of those weights and not others) to count the ones it packs,
 * and once to fill the tables. A streamed program emits its segments from the network on each read, so the program's
 * own synapse and route arrays (11-12 bytes per synapse) never sit beside the tables; beside them there are only three
 * ints per neuron and shard while they are built.
 *
 * <p>A neuron's segments keep the order of its route entries, and each segment its synapses' order; the synapses of
 * a neuron's segments that are not packed follow its headers in the same order.
 */
final class InboundBuilder {
    /** The place a sink gives the synapse of a one-synapse segment whose header may pack it. */
    private static final int PENDING = -1;

    /** per shard, its table (null for the shards of other partitions). */
    final InboundTable[] tables;
    /** per program-wide neuron, the shards its messages go to (bit k: shard k); null with one shard. */
    final long[] shardMask;
    /** the longest contention-free latency of any route, in ns. */
    final int maxLatency;

    private final int[] neuronBase;
    private final int[] shardOf;
    private final Shape[] shapes;

    private InboundBuilder(int[] neuronBase, int[] shardOf, Shape[] shapes, long[] shardMask, int maxLatency) {
        this.neuronBase = neuronBase;
        this.shardOf = shardOf;
        this.shapes = shapes;
        this.shardMask = shardMask;
        this.maxLatency = maxLatency;
        this.tables = new InboundTable[shapes.length];
    }

    /**
     * @param program the program (with its arrays, or streamed)
     * @param neuronBase first program-wide neuron number of each core, plus the total
     * @param shardOf shard of each core
     * @param lo first core of each shard
     * @param hi one past the last core of each shard
     * @param local whether this process runs each shard (and so builds its table)
     * @param cores runtimes, with their offsets in the shard's neuron arrays set for the local shards
     * @param geo where the cores sit, for the route sums
     * @return the tables, the shard masks and the longest latency
     */
    static InboundBuilder build(ChipProgram program, int[] neuronBase, int[] shardOf, int[] lo, int[] hi,
                                boolean[] local, CoreRuntime[] cores, RouteGeometry geo) {
        SynapseSegments segments = program.segments();
        int s = lo.length;
        Shape[] shapes = new Shape[s];
        for (int k = 0; k < s; k++) {
            shapes[k] = local[k] ? new Shape(program, neuronBase, k, lo[k], hi[k], cores) : null;
        }
        Counter counter = new Counter(neuronBase, shardOf, shapes, geo, s > 1);
        segments.forEach(counter);
        InboundBuilder b = new InboundBuilder(neuronBase, shardOf, shapes, counter.mask, counter.maxLatency);
        boolean delays = segments.delays();
        boolean recount = false;
        for (Shape sh : shapes) {
            if (sh != null) {
                recount |= sh.choose(delays);
            }
        }
        if (recount) {
            segments.forEach(b.new Recounter());
        }
        for (Shape sh : shapes) {
            if (sh != null) {
                sh.layOut(program, neuronBase);
            }
        }
        segments.forEach(b.new Filler());
        for (int k = 0; k < s; k++) {
            if (shapes[k] != null) {
                b.tables[k] = shapes[k].finish(program, geo);
                shapes[k] = null;
            }
        }
        return b;
    }

    /** One shard's table while it is built. */
    private static final class Shape {
        final int shard;
        final int first;
        final int size;
        final int coreBits;
        final int targetBits;
        final int weightBits;
        final long maxCount;
        final int total;
        final int firstNeuron;
        final int[] routesOut;
        final int[] base;
        /** per program core holding plastic synapses here: first synapse of each axon here (else null). */
        final int[][] axonSyn;
        /**
         * per program-wide neuron: its unpacked synapses here (counted at g + 1), then where its block starts; the
         * total at the end.
         */
        int[] start;
        /** per neuron: its headers here, then the place of its next header. */
        int[] heads;
        /** per neuron: its one-synapse segments a header may pack, then the place of its next synapse. */
        int[] singles;
        final PackedWeights.Census census = new PackedWeights.Census();
        boolean lanes;
        /** whether the table keeps each synapse's delay (the program's synapses carry delays and some come here). */
        boolean delays;
        boolean any;
        PackedWeights codes;
        int[] data;
        byte[] lane;
        byte[] delay;

        Shape(ChipProgram program, int[] neuronBase, int shard, int lo, int hi, CoreRuntime[] cores) {
            this.shard = shard;
            this.first = lo;
            this.size = hi - lo;
            this.total = neuronBase[neuronBase.length - 1];
            this.coreBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1)));
            this.maxCount = (1L << (31 - coreBits)) - 1;
            int largest = 1;
            for (int c = lo; c < hi; c++) {
                largest = Math.max(largest, program.cores().get(c).size());
            }
            this.targetBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, largest - 1));
            this.weightBits = 31 - coreBits - targetBits;
            this.axonSyn = new int[program.cores().size()][];
            for (PlasticBlock pb : program.plastic()) {
                if (pb.core() >= lo && pb.core() < hi && axonSyn[pb.core()] == null) {
                    axonSyn[pb.core()] = new int[program.cores().get(pb.core()).synapses().axons()];
                    Arrays.fill(axonSyn[pb.core()], -1);
                }
            }
            this.firstNeuron = neuronBase[lo];
            this.routesOut = new int[neuronBase[hi] - firstNeuron];
            this.base = new int[size];
            for (int c = lo; c < hi; c++) {
                base[c - lo] = cores[c].base;
                int[] rs = program.cores().get(c).routes().routeStart();
                for (int i = 0; i < cores[c].n; i++) {
                    routesOut[neuronBase[c] - firstNeuron + i] = rs[i + 1] - rs[i];
                }
            }
            this.start = new int[total + 1];
            this.heads = new int[total];
            this.singles = new int[total];
        }

        /** Whether a one-synapse segment into program core d may be packed into its header. */
        boolean single(int n, int d) {
            return n == 1 && axonSyn[d] == null;
        }

        /**
         * Chooses how headers pack weights.
         *
         * @param programDelays whether the program's synapses carry delays
         * @return whether the packed one-synapse segments must be counted in another read (a dictionary packs some
         *         of their weights and not others)
         */
        boolean choose(boolean programDelays) {
            delays = programDelays && any;
            // a spike's input lanes and delays go through CoreRuntime.deliverSlow, which reads headers and synapses
            // apart
            boolean pack = !lanes && !delays && weightBits > 0;
            codes = PackedWeights.choose(census, pack ? Math.min(weightBits, InboundTable.maxPackedWeightBits()) : 0);
            if (codes.packed() == census.total()) {
                Arrays.fill(singles, 0);
                return false;
            }
            if (codes.packed() == 0) {
                for (int g = 0; g < total; g++) {
                    start[g + 1] += singles[g];
                    singles[g] = 0;
                }
                return false;
            }
            Arrays.fill(singles, 0);
            return true;
        }

        /** Places every neuron's block, now that its headers and unpacked synapses are counted. */
        void layOut(ChipProgram program, int[] neuronBase) {
            long ints = 0;
            for (CoreProgram c : program.cores()) {
                for (int i = 0; i < c.size(); i++) {
                    int g = neuronBase[c.index()] + i;
                    int h = heads[g];
                    long syn = start[g + 1] + (long) singles[g];
                    start[g] = (int) Math.min(ints, Integer.MAX_VALUE);
                    if (h > 0) {
                        heads[g] = (int) Math.min(ints + InboundTable.META, Integer.MAX_VALUE);
                        singles[g] = (int) Math.min(ints + InboundTable.META + h, Integer.MAX_VALUE);
                        ints += InboundTable.META + h + syn;
                    }
                }
            }
            if (ints > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("shard " + shard + " holds " + ints + " ints of synapses; use more"
                        + " threads");
            }
            start[total] = (int) ints;
            data = new int[(int) ints];
            lane = lanes ? new byte[data.length] : null;
            delay = delays ? new byte[data.length] : null;
            for (CoreProgram c : program.cores()) {
                for (int i = 0; i < c.size(); i++) {
                    int g = neuronBase[c.index()] + i;
                    if (start[g + 1] > start[g]) {
                        data[start[g] + InboundTable.SOURCE] = c.index();
                        data[start[g] + InboundTable.HEADERS] = singles[g] - heads[g];
                    }
                }
            }
        }

        InboundTable finish(ChipProgram program, RouteGeometry geo) {
            int coreMask = (1 << coreBits) - 1;
            for (int g = 0; g < total; g++) {
                if (start[g + 1] > start[g]) {
                    RouteSums.sum(data, start[g], first, coreMask, geo);
                }
            }
            InboundTable t = new InboundTable(start, routesOut, firstNeuron, data, coreBits, targetBits,
                    codes.dictionary(), lane, delay, base, axonSyn);
            heads = null;
            singles = null;
            return t;
        }
    }

    /** First read: counts headers, synapses and packable weights; the shard masks and the longest latency. */
    private static final class Counter implements SynapseSegments.Sink {
        final int[] neuronBase;
        final int[] shardOf;
        final Shape[] shapes;
        final RouteGeometry geo;
        final long[] mask;
        int maxLatency;
        Shape pending;

        Counter(int[] neuronBase, int[] shardOf, Shape[] shapes, RouteGeometry geo, boolean masks) {
            this.neuronBase = neuronBase;
            this.shardOf = shardOf;
            this.shapes = shapes;
            this.geo = geo;
            this.mask = masks ? new long[neuronBase[neuronBase.length - 1]] : null;
        }

        @Override
        public int segment(int core, int neuron, int dest, int axon, int lane, int synapses) {
            int g = neuronBase[core] + neuron;
            int k = shardOf[dest];
            maxLatency = Math.max(maxLatency, geo.latencyNs(core, dest));
            if (mask != null) {
                mask[g] |= 1L << k;
            }
            Shape sh = shapes[k];
            pending = null;
            if (sh == null) {
                return PENDING;
            }
            if (synapses > sh.maxCount) {
                throw new IllegalStateException("an axon of core " + dest + " holds " + synapses + " synapses, more"
                        + " than the engine packs with " + sh.size + " cores per shard; use more threads");
            }
            sh.any = true;
            sh.heads[g]++;
            sh.lanes |= lane != 0;
            if (sh.single(synapses, dest)) {
                sh.singles[g]++;
                pending = sh;
            } else {
                sh.start[g + 1] += synapses;
            }
            return PENDING;
        }

        @Override
        public void synapse(int dest, int place, int post, int weight, int delay) {
            if (pending != null) {
                pending.census.add(weight);
                pending = null;
            }
        }
    }

    /** Second read, when a dictionary packs some one-synapse weights and not others: counts those left unpacked. */
    private final class Recounter implements SynapseSegments.Sink {
        Shape pending;
        int neuron;

        @Override
        public int segment(int core, int n, int dest, int axon, int lane, int synapses) {
            Shape sh = shapes[shardOf[dest]];
            pending = sh != null && sh.single(synapses, dest) ? sh : null;
            neuron = neuronBase[core] + n;
            return PENDING;
        }

        @Override
        public void synapse(int dest, int place, int post, int weight, int delay) {
            if (pending != null && !pending.codes.packs(weight)) {
                pending.singles[neuron]++;
            }
            pending = null;
        }
    }

    /** Last read: writes headers and synapses at their places. */
    private final class Filler implements SynapseSegments.Sink {
        /** the shard of the last segment's single synapse, when its header may pack it. */
        Shape pending;
        int pendingNeuron;
        int pendingHeader;

        @Override
        public int segment(int core, int n, int dest, int axon, int laneNo, int synapses) {
            Shape sh = shapes[shardOf[dest]];
            pending = null;
            if (sh == null) {
                return PENDING;
            }
            int g = neuronBase[core] + n;
            int h = sh.heads[g]++;
            if (sh.single(synapses, dest) && sh.codes.packed() > 0) {
                pending = sh;
                pendingNeuron = g;
                pendingHeader = h;
                return PENDING;
            }
            sh.data[h] = (dest - sh.first) | synapses << sh.coreBits;
            if (sh.lane != null) {
                sh.lane[h] = (byte) laneNo;
            }
            int syn = sh.singles[g];
            sh.singles[g] += synapses;
            if (sh.axonSyn[dest] != null) {
                sh.axonSyn[dest][axon] = syn;
            }
            return syn;
        }

        @Override
        public void synapse(int dest, int place, int post, int weight, int delay) {
            Shape sh = shapes[shardOf[dest]];
            if (sh == null) {
                return;
            }
            if (place == PENDING) {
                Shape p = pending;
                pending = null;
                if (p.codes.packs(weight)) {
                    p.data[pendingHeader] = InboundTable.PACKED | p.codes.code(weight) << (p.coreBits + p.targetBits)
                            | (post & 0xFFFF) << p.coreBits | (dest - p.first);
                    return;
                }
                p.data[pendingHeader] = (dest - p.first) | 1 << p.coreBits;
                place = p.singles[pendingNeuron]++;
            }
            sh.data[place] = (post & 0xFFFF) | weight << 16;
            if (sh.delay != null) {
                sh.delay[place] = (byte) delay;
            }
        }
    }
}
