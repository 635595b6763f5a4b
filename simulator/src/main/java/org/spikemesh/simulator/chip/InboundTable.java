package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.RouteTable;
import org.spikemesh.compiler.program.SynapseMemory;

/**
 * One shard's view of the synapse memories of its cores, re-indexed by source neuron: for every neuron of the
 * program (numbered across all cores), the segments it reaches in this shard, one per route (destination core and
 * axon), each with the axon's synapses copied in order. A spike is then delivered by one sequential walk instead of
 * one table lookup per message, and a batch to another shard carries one int per spike instead of one per message.
 * Built once from the {@link ChipProgram}'s axon tables, so it holds exactly the synapses the chip stores.
 *
 * <p>Packed for memory, since with small cores most segments hold one synapse: a segment is one int (its core in
 * the shard, its synapse count), a synapse one int (its target in the core, its weight); a neuron's synapses follow
 * each other, so only its first synapse is stored.
 */
final class InboundTable {
    /** per program-wide source neuron: first segment; {@code segStart[g+1]} ends it. */
    final int[] segStart;
    /** per program-wide source neuron: first synapse of its first segment. */
    final int[] synStart;
    /** per segment: destination core (index in the shard) in the low {@link #coreBits} bits, synapses above. */
    final int[] segment;
    final int coreBits;
    final int coreMask;
    /** lane of each segment, or null when every segment is direct (lane 0). */
    final byte[] segLane;
    /** per synapse: target neuron within its core (low 16 bits) and weight (high 16 bits, signed). */
    final int[] synapse;
    /** delay per synapse or null when all are 0. */
    final byte[] delay;
    /** per core of the shard: its first neuron in the shard's neuron arrays. */
    final int[] base;
    /** per core of the program holding plastic synapses in this shard: first synapse of each axon here (else null). */
    private final int[][] axonSyn;

    private InboundTable(int[] segStart, int[] synStart, int[] segment, int coreBits, byte[] segLane, int[] synapse,
                         byte[] delay, int[] base, int[][] axonSyn) {
        this.segStart = segStart;
        this.synStart = synStart;
        this.segment = segment;
        this.coreBits = coreBits;
        this.coreMask = (1 << coreBits) - 1;
        this.segLane = segLane;
        this.synapse = synapse;
        this.delay = delay;
        this.base = base;
        this.axonSyn = axonSyn;
    }

    /**
     * @param program the program
     * @param neuronBase first program-wide neuron number of each core, plus the total
     * @param shardOf shard of each core
     * @param shard this shard
     * @param cores runtimes, with their offsets in the shard's neuron arrays set
     * @return the table
     */
    static InboundTable build(ChipProgram program, int[] neuronBase, int[] shardOf, int shard, CoreRuntime[] cores) {
        int total = neuronBase[neuronBase.length - 1];
        int first = -1;
        int size = 0;
        for (int c = 0; c < shardOf.length; c++) {
            if (shardOf[c] == shard) {
                first = first < 0 ? c : first;
                size++;
            }
        }
        int coreBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1)));
        long maxCount = (1L << (32 - coreBits)) - 1;
        int segs = 0;
        long syns = 0;
        boolean delays = false;
        boolean lanes = false;
        for (CoreProgram c : program.cores()) {
            RouteTable rt = c.routes();
            int[] rs = rt.routeStart();
            int[] routes = rt.neuronRoutes();
            int[] dest = rt.destCore();
            for (int r = 0; r < rs[c.size()]; r++) {
                int entry = routes[r];
                int d = dest[entry >>> RouteTable.AXON_BITS];
                if (shardOf[d] == shard) {
                    SynapseMemory m = program.cores().get(d).synapses();
                    int axon = entry & RouteTable.AXON_MASK;
                    int n = m.axonStart()[axon + 1] - m.axonStart()[axon];
                    if (n > maxCount) {
                        throw new IllegalStateException("an axon of core " + d + " holds " + n + " synapses, more"
                                + " than the engine packs with " + size + " cores per shard; use more threads");
                    }
                    segs++;
                    syns += n;
                    delays |= m.delay() != null;
                    lanes |= m.axonLane() != null && m.axonLane()[axon] != 0;
                }
            }
        }
        if (syns > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("shard " + shard + " holds " + syns + " synapses; use more threads");
        }
        int[][] axonSyn = new int[program.cores().size()][];
        for (org.spikemesh.compiler.program.PlasticBlock pb : program.plastic()) {
            if (shardOf[pb.core()] == shard && axonSyn[pb.core()] == null) {
                axonSyn[pb.core()] = new int[program.cores().get(pb.core()).synapses().axons()];
                Arrays.fill(axonSyn[pb.core()], -1);
            }
        }
        int[] segStart = new int[total + 1];
        int[] synStart = new int[total + 1];
        int[] segment = new int[segs];
        byte[] segLane = lanes ? new byte[segs] : null;
        int[] synapse = new int[(int) syns];
        byte[] delay = delays ? new byte[(int) syns] : null;
        int k = 0;
        int s = 0;
        for (CoreProgram c : program.cores()) {
            RouteTable rt = c.routes();
            int[] rs = rt.routeStart();
            int[] routes = rt.neuronRoutes();
            int[] dest = rt.destCore();
            for (int i = 0; i < c.size(); i++) {
                segStart[neuronBase[c.index()] + i] = k;
                synStart[neuronBase[c.index()] + i] = s;
                for (int r = rs[i]; r < rs[i + 1]; r++) {
                    int entry = routes[r];
                    int d = dest[entry >>> RouteTable.AXON_BITS];
                    if (shardOf[d] != shard) {
                        continue;
                    }
                    SynapseMemory m = program.cores().get(d).synapses();
                    int axon = entry & RouteTable.AXON_MASK;
                    int from = m.axonStart()[axon];
                    int n = m.axonStart()[axon + 1] - from;
                    segment[k] = (d - first) | n << coreBits;
                    if (segLane != null && m.axonLane() != null) {
                        segLane[k] = m.axonLane()[axon];
                    }
                    if (axonSyn[d] != null) {
                        axonSyn[d][axon] = s;
                    }
                    short[] post = m.post();
                    short[] weight = m.weight();
                    for (int j = 0; j < n; j++) {
                        synapse[s + j] = (post[from + j] & 0xFFFF) | weight[from + j] << 16;
                    }
                    if (delay != null && m.delay() != null) {
                        System.arraycopy(m.delay(), from, delay, s, n);
                    }
                    s += n;
                    k++;
                }
            }
        }
        segStart[total] = k;
        synStart[total] = s;
        int[] base = new int[size];
        for (int c = 0; c < size; c++) {
            base[c] = cores[first + c].base;
        }
        return new InboundTable(segStart, synStart, segment, coreBits, segLane, synapse, delay, base, axonSyn);
    }

    /**
     * @param core a core of this shard holding plastic synapses
     * @return the shard-wide index of the first synapse of each of its axons
     */
    int[] axonSynapses(int core) {
        return axonSyn[core];
    }

    /** Sets the weight of shard-wide synapse i (its target stays). */
    void setWeight(int i, short w) {
        synapse[i] = (synapse[i] & 0xFFFF) | w << 16;
    }

    /** @return bytes held by the table */
    long bytes() {
        return 4L * segStart.length + 4L * synStart.length + 4L * segment.length
                + (segLane == null ? 0 : segLane.length) + 4L * synapse.length
                + (delay == null ? 0 : delay.length) + 4L * base.length;
    }
}
