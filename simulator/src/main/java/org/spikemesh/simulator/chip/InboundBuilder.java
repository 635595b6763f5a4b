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
 * ints per neuron and shard while they are built, five and a byte where blocks of one weight may be laid out.
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
        for (int c = 0; c < cores.length; c++) {
            if (cores[c] != null) {
                cores[c].reachesOwnTile = counter.ownTile[c];
            }
        }
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
        /**
         * per neuron: its headers here, then the place of its next header (for a block of one weight: its targets
         * written so far).
         */
        int[] heads;
        /**
         * per neuron: its one-synapse segments a header may pack, then the place of its next synapse (for a block of
         * one weight: the place of its next other segment's header).
         */
        int[] singles;
        final PackedWeights.Census census = new PackedWeights.Census();
        /**
         * per program-wide neuron: the weight of its first one-synapse segment here (the weight of its block, if of one
         * weight). Null when the shard can have no block of one weight (a target as core and neuron in the core would
         * take more than {@link InboundTable#MAX_TARGET_BITS} bits, or turned off by
         * {@link InboundTable#ONE_WEIGHT_PROPERTY}), or has none.
         */
        int[] oneWeight;
        /**
         * per neuron: whether its segments here can make a block of one weight (false once one cannot); from
         * {@link #choose} on, whether it has one.
         */
        boolean[] uniform;
        /**
         * per neuron with a block of one weight: its segments of several synapses here, then the place of its next such
         * synapse.
         */
        int[] multi;
        /**
         * per neuron of the shard, at its place in the neuron arrays: its core in the shard, when targets are places;
         * null when they are cores and neurons in them.
         */
        char[] coreOfNeuron;
        /** bits of a target in a block of one weight (see {@link InboundTable#targetWidth}). */
        int targetWidth;
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
            int neurons = 0;
            for (int c = lo; c < hi; c++) {
                neurons += cores[c].isNeuron() ? cores[c].n : 0;
            }
            boolean places = neurons <= InboundTable.MAX_PLACE_NEURONS
                    && !"core".equals(System.getProperty(InboundTable.TARGETS_PROPERTY));
            int width = places ? 16 : coreBits + targetBits;
            if (width <= InboundTable.MAX_TARGET_BITS
                    && Boolean.parseBoolean(System.getProperty(InboundTable.ONE_WEIGHT_PROPERTY, "true"))) {
                this.oneWeight = new int[total];
                this.multi = new int[total];
                this.uniform = new boolean[total];
                Arrays.fill(uniform, true);
                this.targetWidth = width;
                if (places) {
                    this.coreOfNeuron = new char[neurons];
                    for (int c = lo; c < hi; c++) {
                        if (cores[c].isNeuron()) {
                            Arrays.fill(coreOfNeuron, cores[c].base, cores[c].base + cores[c].n, (char) (c - lo));
                        }
                    }
                }
            }
        }

        /** Notes a one-synapse segment of neuron g here, counted in {@link #singles} already, and its weight. */
        void noteSingle(int g, int weight) {
            if (uniform == null) {
                return;
            }
            if (singles[g] == 1) {
                oneWeight[g] = weight;
            } else if (oneWeight[g] != weight) {
                uniform[g] = false;
            }
        }

        /** Notes a segment of several synapses, or one into plastic synapses, of neuron g into program core d. */
        void noteMulti(int g, int d) {
            if (uniform == null) {
                return;
            }
            if (axonSyn[d] != null) {
                // learning rewrites plastic weights at the places ShardLearning knows: headers and their synapses
                uniform[g] = false;
            } else {
                multi[g]++;
            }
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
            chooseOneWeights();
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
                    if (hasOneWeight(g)) {
                        // its one-synapse segments are its targets: start[g + 1] keeps its other segments' synapses
                        continue;
                    }
                    start[g + 1] += singles[g];
                    singles[g] = 0;
                }
                return false;
            }
            Arrays.fill(singles, 0);
            return true;
        }

        /**
         * Chooses the neurons with a block of one weight: one-synapse segments all of one weight, enough of them for
         * the block to be shorter than headers, none into plastic synapses, in a table without input lanes or delays
         * (a spike then goes through CoreRuntime.deliverSlow, which reads headers).
         */
        private void chooseOneWeights() {
            if (uniform == null) {
                return;
            }
            boolean any = false;
            boolean allowed = !lanes && !delays;
            for (int g = 0; g < total; g++) {
                uniform[g] = allowed && uniform[g] && InboundTable.oneWeightShorter(heads[g] - multi[g], targetWidth);
                any |= uniform[g];
            }
            if (!any) {
                uniform = null;
                oneWeight = null;
                multi = null;
                coreOfNeuron = null;
                targetWidth = 0;
            }
        }

        /** Places every neuron's block, now that its headers and unpacked synapses are counted. */
        void layOut(ChipProgram program, int[] neuronBase) {
            long ints = 0;
            for (CoreProgram c : program.cores()) {
                for (int i = 0; i < c.size(); i++) {
                    int g = neuronBase[c.index()] + i;
                    int h = heads[g];
                    long length;
                    if (hasOneWeight(g)) {
                        int m = multi[g];
                        length = InboundTable.META + 2 + InboundTable.targetInts(h - m, targetWidth) + m
                                + (long) start[g + 1];
                    } else {
                        length = h > 0 ? InboundTable.META + h + start[g + 1] + (long) singles[g] : 0;
                    }
                    start[g] = (int) Math.min(ints, Integer.MAX_VALUE);
                    ints += length;
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
                    int b = start[g];
                    if (start[g + 1] == b) {
                        continue;
                    }
                    data[b + InboundTable.SOURCE] = c.index();
                    int h = heads[g];
                    if (hasOneWeight(g)) {
                        int m = multi[g];
                        int targets = h - m;
                        data[b + InboundTable.HEADERS] = -targets;
                        data[b + InboundTable.META] = oneWeight[g];
                        data[b + InboundTable.META + 1] = m;
                        // the targets, counted from 0, then the headers of the other segments, then their synapses
                        heads[g] = 0;
                        singles[g] = InboundTable.oneWeightHeaders(b, targets, targetWidth);
                        multi[g] = singles[g] + m;
                    } else {
                        data[b + InboundTable.HEADERS] = h;
                        heads[g] = b + InboundTable.META;
                        singles[g] = b + InboundTable.META + h;
                    }
                }
            }
        }

        /** Writes target k of neuron g's block of one weight: x, its place or its core and neuron in the core. */
        void writeTarget(int g, int k, int x) {
            int bit = k * targetWidth;
            int i = start[g] + InboundTable.META + 2 + (bit >>> 5);
            int off = bit & 31;
            data[i] |= x << off;
            if (off + targetWidth > 32) {
                data[i + 1] |= x >>> (32 - off);
            }
        }

        /** Whether neuron g has a block of one weight (from {@link #choose} on). */
        boolean hasOneWeight(int g) {
            return uniform != null && uniform[g];
        }

        InboundTable finish(ChipProgram program, RouteGeometry geo) {
            int coreMask = (1 << coreBits) - 1;
            for (int g = 0; g < total; g++) {
                if (start[g + 1] > start[g]) {
                    RouteSums.sum(data, start[g], first, coreMask, coreOfNeuron, targetWidth, geo);
                }
            }
            InboundTable t = new InboundTable(start, routesOut, firstNeuron, data, coreBits, targetBits,
                    codes.dictionary(), lane, delay, base, axonSyn, coreOfNeuron, targetWidth);
            heads = null;
            singles = null;
            uniform = null;
            oneWeight = null;
            multi = null;
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
        /** per program core: whether a route entry of it reaches a core in its own tile. */
        final boolean[] ownTile;
        Shape pending;
        int pendingNeuron;

        Counter(int[] neuronBase, int[] shardOf, Shape[] shapes, RouteGeometry geo, boolean masks) {
            this.ownTile = new boolean[neuronBase.length - 1];
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
            ownTile[core] |= geo.tileOf[core] == geo.tileOf[dest];
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
                pendingNeuron = g;
            } else {
                sh.start[g + 1] += synapses;
                sh.noteMulti(g, dest);
            }
            return PENDING;
        }

        @Override
        public void synapse(int dest, int place, int post, int weight, int delay) {
            if (pending != null) {
                pending.census.add(weight);
                pending.noteSingle(pendingNeuron, weight);
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
            if (sh.hasOneWeight(g)) {
                if (sh.single(synapses, dest)) {
                    // its synapse's target is the block's next
                    pending = sh;
                    pendingNeuron = g;
                    pendingHeader = sh.heads[g]++;
                    return PENDING;
                }
                sh.data[sh.singles[g]++] = (dest - sh.first) | synapses << sh.coreBits;
                int syn = sh.multi[g];
                sh.multi[g] += synapses;
                return syn;
            }
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
                if (p.hasOneWeight(pendingNeuron)) {
                    p.writeTarget(pendingNeuron, pendingHeader, p.coreOfNeuron != null ? p.base[dest - p.first] + post
                            : (dest - p.first) | post << p.coreBits);
                    return;
                }
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
