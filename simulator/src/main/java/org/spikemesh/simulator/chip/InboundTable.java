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
 */
final class InboundTable {
    /** per program-wide source neuron: first segment; {@code segStart[g+1]} ends it. */
    final int[] segStart;
    /** destination core (program index) of each segment. */
    final int[] segCore;
    /** lane of each segment (0 direct). */
    final byte[] segLane;
    /** first synapse of each segment; {@code segSyn[k+1]} ends it. */
    final int[] segSyn;
    /** target of each synapse as a shard-wide neuron index. */
    final int[] post;
    final short[] weight;
    /** delay per synapse or null when all are 0. */
    final byte[] delay;
    /** per core of the program holding plastic synapses in this shard: first synapse of each axon here (else null). */
    private int[][] axonSyn;

    private InboundTable(int[] segStart, int[] segCore, byte[] segLane, int[] segSyn, int[] post, short[] weight,
                         byte[] delay) {
        this.segStart = segStart;
        this.segCore = segCore;
        this.segLane = segLane;
        this.segSyn = segSyn;
        this.post = post;
        this.weight = weight;
        this.delay = delay;
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
        int[] segStart = new int[total + 1];
        int segs = 0;
        long syns = 0;
        boolean delays = false;
        for (CoreProgram c : program.cores()) {
            RouteTable rt = c.routes();
            for (int i = 0; i < c.size(); i++) {
                for (int r = rt.routeStart()[i]; r < rt.routeStart()[i + 1]; r++) {
                    int entry = rt.neuronRoutes()[r];
                    int d = rt.destCore()[entry >>> RouteTable.AXON_BITS];
                    if (shardOf[d] == shard) {
                        SynapseMemory m = program.cores().get(d).synapses();
                        int axon = entry & RouteTable.AXON_MASK;
                        segs++;
                        syns += m.axonStart()[axon + 1] - m.axonStart()[axon];
                        delays |= m.delay() != null;
                    }
                }
            }
        }
        if (syns > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("shard " + shard + " holds " + syns + " synapses; use more threads");
        }
        int[] segCore = new int[segs];
        byte[] segLane = new byte[segs];
        int[] segSyn = new int[segs + 1];
        int[] post = new int[(int) syns];
        short[] weight = new short[(int) syns];
        byte[] delay = delays ? new byte[(int) syns] : null;
        int k = 0;
        int s = 0;
        for (CoreProgram c : program.cores()) {
            RouteTable rt = c.routes();
            for (int i = 0; i < c.size(); i++) {
                segStart[neuronBase[c.index()] + i] = k;
                for (int r = rt.routeStart()[i]; r < rt.routeStart()[i + 1]; r++) {
                    int entry = rt.neuronRoutes()[r];
                    int d = rt.destCore()[entry >>> RouteTable.AXON_BITS];
                    if (shardOf[d] != shard) {
                        continue;
                    }
                    SynapseMemory m = program.cores().get(d).synapses();
                    int axon = entry & RouteTable.AXON_MASK;
                    int from = m.axonStart()[axon];
                    int n = m.axonStart()[axon + 1] - from;
                    segCore[k] = d;
                    segLane[k] = m.axonLane() == null ? 0 : m.axonLane()[axon];
                    segSyn[k] = s;
                    int base = cores[d].base;
                    for (int j = 0; j < n; j++) {
                        post[s + j] = base + (m.post()[from + j] & 0xFFFF);
                    }
                    System.arraycopy(m.weight(), from, weight, s, n);
                    if (delay != null) {
                        if (m.delay() != null) {
                            System.arraycopy(m.delay(), from, delay, s, n);
                        } else {
                            Arrays.fill(delay, s, s + n, (byte) 0);
                        }
                    }
                    s += n;
                    k++;
                }
            }
        }
        segStart[total] = k;
        segSyn[segs] = s;
        InboundTable t = new InboundTable(segStart, segCore, segLane, segSyn, post, weight, delay);
        t.axonSyn = plasticAxons(program, shardOf, shard, segStart, segCore, segSyn, neuronBase);
        return t;
    }

    /** For cores of this shard with plastic synapses: the shard-wide first synapse of each of their axons. */
    private static int[][] plasticAxons(ChipProgram program, int[] shardOf, int shard, int[] segStart, int[] segCore,
                                        int[] segSyn, int[] neuronBase) {
        int[][] r = new int[program.cores().size()][];
        boolean any = false;
        for (org.spikemesh.compiler.program.PlasticBlock pb : program.plastic()) {
            if (shardOf[pb.core()] == shard && r[pb.core()] == null) {
                r[pb.core()] = new int[program.cores().get(pb.core()).synapses().axons()];
                Arrays.fill(r[pb.core()], -1);
                any = true;
            }
        }
        if (!any) {
            return r;
        }
        for (CoreProgram c : program.cores()) {
            RouteTable rt = c.routes();
            for (int i = 0; i < c.size(); i++) {
                int k = segStart[neuronBase[c.index()] + i];
                for (int e = rt.routeStart()[i]; e < rt.routeStart()[i + 1]; e++) {
                    int entry = rt.neuronRoutes()[e];
                    int d = rt.destCore()[entry >>> RouteTable.AXON_BITS];
                    if (shardOf[d] != shard) {
                        continue;
                    }
                    if (r[d] != null) {
                        r[d][entry & RouteTable.AXON_MASK] = segSyn[k];
                    }
                    k++;
                }
            }
        }
        return r;
    }

    /**
     * @param core a core of this shard holding plastic synapses
     * @return the shard-wide index of the first synapse of each of its axons
     */
    int[] axonSynapses(int core) {
        return axonSyn[core];
    }

    /** @return bytes held by the table */
    long bytes() {
        return 4L * segStart.length + 4L * segCore.length + segLane.length + 4L * segSyn.length + 4L * post.length
                + 2L * weight.length + (delay == null ? 0 : delay.length);
    }
}
