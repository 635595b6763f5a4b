package org.spikemesh.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.MeshPaths;
import org.spikemesh.compiler.program.NeuronState;
import org.spikemesh.compiler.program.PlasticBlock;
import org.spikemesh.compiler.program.RouteTable;
import org.spikemesh.compiler.program.SynapseMemory;
import org.spikemesh.compiler.program.SynapseSegments;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningSynapses;
import org.spikemesh.process.lib.SynapseTable;

/**
 * Stage 6: writes the {@link ChipProgram}. Every (projection, pre neuron, destination core) with at least one
 * synapse becomes an axon at the destination and a route entry at the source; synapses of an axon are contiguous.
 * Two passes over the synapses: count, then fill; memory is allocated once per core.
 */
public final class Emitter {
    private final FlatNetwork net;
    private final Partition part;
    private final RouteBuilder routes;
    private final int nb;
    private final int[] axonCount;
    private final int[] synCount;
    /** per block, the largest delay of its synapses. */
    private final int[] maxDelay;
    private final int[][] routeCount;
    private final int[] slotScratch;
    private int scratchBlock = -1;
    private final int[] slots;
    private final int[][] slotDest;
    private final int[][] laneGroups;

    private Emitter(FlatNetwork net, Partition part, RouteBuilder routes) {
        this.net = net;
        // a streamed program's replay keeps the emitter: not the traffic between blocks, which only placement reads
        this.part = part.withoutTraffic();
        this.routes = routes;
        this.nb = part.blocks().size();
        this.axonCount = new int[nb];
        this.synCount = new int[nb];
        this.maxDelay = new int[nb];
        this.routeCount = new int[nb][];
        this.slotScratch = new int[nb];
        Arrays.fill(slotScratch, -1);
        this.slots = new int[nb];
        this.slotDest = new int[nb][];
        this.laneGroups = new int[nb][];
        for (Block b : part.blocks()) {
            routeCount[b.id()] = new int[b.neurons() + 1];
        }
    }

    /**
     * @param net flat network (fixed point)
     * @param part partition
     * @param placement placement
     * @param chip chip with the chips used
     * @return the program, holding its synapse and route arrays
     */
    public static ChipProgram emit(FlatNetwork net, Partition part, Placement placement, ChipConfig chip) {
        return emit(net, part, placement, chip, false);
    }

    /**
     * @param net flat network (fixed point)
     * @param part partition
     * @param placement placement
     * @param chip chip with the chips used
     * @param streamed whether to emit a streamed program: its cores hold their counts but no synapse and route
     *                 arrays, and its {@link ChipProgram#stream()} emits the synapses again from {@code net} on each
     *                 read (refused for networks that learn, whose plastic blocks the arrays fill)
     * @return the program
     */
    public static ChipProgram emit(FlatNetwork net, Partition part, Placement placement, ChipConfig chip,
                                   boolean streamed) {
        RouteBuilder rb = new RouteBuilder(chip, placement.coreOfBlock());
        return new Emitter(net, part, rb).run(placement, chip, streamed);
    }

    /** @return whether some synapse group of the network learns (its program needs the synapse arrays) */
    static boolean learns(FlatNetwork net) {
        for (SynapseGroup g : net.groups()) {
            if (g.process() instanceof LearningSynapses) {
                return true;
            }
        }
        return false;
    }

    private ChipProgram run(Placement placement, ChipConfig chip, boolean streamed) {
        if (streamed && learns(net)) {
            throw new IllegalArgumentException("a network that learns needs a program with its synapse arrays");
        }
        for (SynapseGroup g : net.groups()) {
            if (g.pre() != null) {
                for (Population q : g.posts()) {
                    count(g, q);
                }
            }
        }
        for (Block b : part.blocks()) {
            if (axonCount[b.id()] > RouteTable.AXON_MASK + 1) {
                throw new MappingException("core of block " + b.id() + " (" + b.population().name() + ") has more"
                        + " than " + (RouteTable.AXON_MASK + 1) + " axons, the most a route entry can address");
            }
            int[] rs = routeCount[b.id()];
            for (int k = 0; k + 1 < rs.length; k++) {
                rs[k + 1] += rs[k];
            }
        }
        Filler f = streamed ? null : new Filler();
        if (f != null) {
            fillAll(f, f.plastic);
        }
        List<CoreProgram> cores = new ArrayList<>(nb);
        int[] tx = new int[nb];
        int[] ty = new int[nb];
        MeshPaths paths = routes.paths(nb);
        boolean[] tileUsed = new boolean[routes.tilesX() * routes.tilesY()];
        int tilesInUse = 0;
        for (Block b : part.blocks()) {
            int id = b.id();
            tx[id] = routes.tileX(id);
            ty[id] = routes.tileY(id);
            int tile = ty[id] * routes.tilesX() + tx[id];
            if (!tileUsed[tile]) {
                tileUsed[tile] = true;
                tilesInUse++;
            }
            cores.add(new CoreProgram(id, placement.coreOfBlock()[id], b.population().process(), b.lo(), b.hi(),
                    neurons(b), f != null ? f.memory(id) : counts(id), routeTable(id, paths,
                    chip.router().multicast(), f == null ? null : f.routes[id]), tile, b.format(), b.memoryBytes()));
        }
        return new ChipProgram(chip, List.copyOf(cores), routes.tilesX(), routes.tilesY(), tx, ty, tilesInUse,
                f != null ? List.copyOf(f.plastic) : List.of(), streamed ? new Replay() : null);
    }

    /** The largest delay of any synapse group (0: no synapse memory holds delays). */
    private int maxGroupDelay() {
        int delayed = 0;
        for (SynapseGroup g : net.groups()) {
            delayed = Math.max(delayed, g.table().maxDelay());
        }
        return delayed;
    }

    /** Block b's synapse memory in a streamed program: its counts, lanes and largest delay, no arrays. */
    private SynapseMemory counts(int b) {
        return new SynapseMemory(axonCount[b], synCount[b], null, null, null, null, null, laneExp(b), maxDelay[b]);
    }

    private int[] laneExp(int b) {
        int[] l = laneGroups[b];
        int[] laneExp = new int[l == null ? 1 : l.length + 1];
        for (int k = 0; l != null && k < l.length; k++) {
            laneExp[k + 1] = net.groups().get(l[k]).weightExp();
        }
        return laneExp;
    }

    /** The synapses of a streamed program, emitted again from the network on each read. */
    private final class Replay implements SynapseSegments {
        private final boolean delays = maxGroupDelay() > 0;

        @Override
        public void forEach(Sink sink) {
            fillAll(sink, null);
        }

        @Override
        public boolean delays() {
            return delays;
        }
    }

    /**
     * The routing-table slot of destination block b in source block a's table, creating it on first use. One dense
     * scratch map serves the source block being visited (neurons of a block are consecutive, so each pass visits each
     * block once per synapse group): switching blocks clears the old block's entries and loads the new one's.
     */
    private int slot(int a, int b) {
        if (a != scratchBlock) {
            if (scratchBlock >= 0) {
                for (int k = 0; k < slots[scratchBlock]; k++) {
                    slotScratch[slotDest[scratchBlock][k]] = -1;
                }
            }
            scratchBlock = a;
            if (slotDest[a] == null) {
                slotDest[a] = new int[4];
            }
            for (int k = 0; k < slots[a]; k++) {
                slotScratch[slotDest[a][k]] = k;
            }
        }
        int s = slotScratch[b];
        if (s < 0) {
            s = slots[a]++;
            slotScratch[b] = s;
            if (s == slotDest[a].length) {
                slotDest[a] = Arrays.copyOf(slotDest[a], s * 2);
            }
            slotDest[a][s] = b;
        }
        return s;
    }

    private void count(SynapseGroup g, Population q) {
        SynapseTable t = g.table();
        Population p = g.pre();
        int[] rs = t.rowStart();
        int[] post = t.post();
        int[] dl = t.delay();
        int kq = part.blockSize()[q.id()];
        int fq = part.firstBlock()[q.id()];
        int[] stamp = new int[part.firstBlock()[q.id() + 1] - fq];
        Arrays.fill(stamp, -1);
        for (int i = 0; i < p.size(); i++) {
            int a = part.blockOf(p.id(), i);
            int li = i - (a - part.firstBlock()[p.id()]) * part.blockSize()[p.id()];
            for (int j = rs[i], e = rs[i + 1]; j < e; j++) {
                int bl = post[j] / kq;
                int b = fq + bl;
                synCount[b]++;
                if (dl != null) {
                    maxDelay[b] = Math.max(maxDelay[b], dl[j]);
                }
                if (stamp[bl] != i) {
                    stamp[bl] = i;
                    axonCount[b]++;
                    routeCount[a][li + 1]++;
                    slot(a, b);
                }
            }
        }
        if (g.weightExp() < 0) {
            for (int b = fq; b < part.firstBlock()[q.id() + 1]; b++) {
                addLane(b, g.id());
            }
        }
    }

    private void addLane(int b, int group) {
        int[] l = laneGroups[b] == null ? new int[0] : laneGroups[b];
        for (int x : l) {
            if (x == group) {
                return;
            }
        }
        l = Arrays.copyOf(l, l.length + 1);
        l[l.length - 1] = group;
        laneGroups[b] = l;
    }

    private int laneOf(int b, int group) {
        int[] l = laneGroups[b];
        for (int k = 0; l != null && k < l.length; k++) {
            if (l[k] == group) {
                return k + 1;
            }
        }
        return 0;
    }

    private NeuronState neurons(Block b) {
        if (!(b.population().process() instanceof LIF)) {
            return null;
        }
        LIF lif = (LIF) b.population().process();
        int n = b.neurons();
        int[] u = new int[n];
        int[] v = new int[n];
        int[] fu = new int[n];
        int[] fv = new int[n];
        int[] bias = new int[n];
        int[] vth = new int[n];
        for (int k = 0; k < n; k++) {
            int i = b.lo() + k;
            u[k] = (int) lif.u().get(i);
            v[k] = (int) lif.v().get(i);
            fu[k] = FixedPoint.DECAY_UNITY - ((int) lif.du().get(i) + 1);
            fv[k] = FixedPoint.DECAY_UNITY - (int) lif.dv().get(i);
            bias[k] = (int) lif.biasMant().get(i) << (int) lif.biasExp().get(i);
            vth[k] = (int) lif.vth().get(i) << FixedPoint.VTH_SHIFT;
        }
        boolean uniform = true;
        for (int k = 1; k < n && uniform; k++) {
            uniform = fu[k] == fu[0] && fv[k] == fv[0] && bias[k] == bias[0] && vth[k] == vth[0];
        }
        return new NeuronState(u, v, fu, fv, bias, vth, uniform);
    }

    /** Block a's routing table: with its route entries, or (entries null) a streamed program's table. */
    private RouteTable routeTable(int a, MeshPaths paths, boolean multicast, int[] entries) {
        int n = slots[a];
        int[] dest = n == 0 ? new int[0] : Arrays.copyOf(slotDest[a], n);
        slotDest[a] = null;
        int[] tree = multicast ? tree(a, dest, paths) : null;
        if (entries == null) {
            return RouteTable.streamed(a, routeCount[a], n, paths, tree);
        }
        return new RouteTable(a, routeCount[a], entries, dest, paths, tree);
    }

    /** The directed links of the union of the XY paths from block a to every destination (a multicast tree). */
    private int[] tree(int a, int[] dest, MeshPaths paths) {
        int gx = routes.tilesX();
        int tiles = gx * routes.tilesY();
        java.util.BitSet links = new java.util.BitSet(4 * tiles);
        int sx = paths.tileX()[a];
        int sy = paths.tileY()[a];
        for (int d : dest) {
            int dx = paths.tileX()[d];
            int dy = paths.tileY()[d];
            for (int x = sx; x < dx; x++) {
                links.set(sy * gx + x);
            }
            for (int x = sx; x > dx; x--) {
                links.set(tiles + sy * gx + x);
            }
            for (int y = sy; y < dy; y++) {
                links.set(2 * tiles + y * gx + dx);
            }
            for (int y = sy; y > dy; y--) {
                links.set(3 * tiles + y * gx + dx);
            }
        }
        return links.stream().toArray();
    }

    /**
     * Emits every synapse group's synapses into {@code sink}, numbering each core's axons from 0 in the order their
     * segments come (a program with arrays and every read of a streamed one number them alike).
     *
     * @param plastic receives the plastic blocks of learning groups, or null when the sink does not build them
     */
    private void fillAll(SynapseSegments.Sink sink, List<PlasticBlock> plastic) {
        int[] axonFill = new int[nb];
        for (SynapseGroup g : net.groups()) {
            if (g.pre() != null) {
                for (Population q : g.posts()) {
                    fill(g, q, axonFill, sink, plastic);
                }
            }
        }
    }

    /**
     * Emits group g's synapses into post population q: every (pre neuron, destination core) with synapses becomes a
     * segment on the next free axon of that core, then its synapses, in the order of the rows.
     */
    private void fill(SynapseGroup g, Population q, int[] axonFill, SynapseSegments.Sink sink,
                      List<PlasticBlock> plastic) {
        SynapseTable t = g.table();
        Population p = g.pre();
        int[] rs = t.rowStart();
        int[] ps = t.post();
        int[] dl = t.delay();
        org.spikemesh.process.Values w = g.weights();
        int exp = g.weightExp();
        int kq = part.blockSize()[q.id()];
        int fq = part.firstBlock()[q.id()];
        int nq = part.firstBlock()[q.id() + 1] - fq;
        int[] count = new int[nq];
        PlasticBlock[] learning = plastic == null ? null : plasticBlocks(g, q, kq, fq, nq, plastic);
        int[] cursor = new int[nq];
        int[] stamp = new int[nq];
        Arrays.fill(stamp, -1);
        for (int i = 0; i < p.size(); i++) {
            int a = part.blockOf(p.id(), i);
            int li = i - (a - part.firstBlock()[p.id()]) * part.blockSize()[p.id()];
            for (int j = rs[i], e = rs[i + 1]; j < e; j++) {
                int bl = ps[j] / kq;
                if (stamp[bl] != i) {
                    stamp[bl] = i;
                    count[bl] = 0;
                }
                count[bl]++;
            }
            for (int j = rs[i], e = rs[i + 1]; j < e; j++) {
                int bl = ps[j] / kq;
                int b = fq + bl;
                if (stamp[bl] == i && count[bl] >= 0) {
                    int axon = axonFill[b]++;
                    cursor[bl] = sink.segment(a, li, b, axon, exp < 0 ? laneOf(b, g.id()) : 0, count[bl]);
                    count[bl] = -1;
                    if (learning != null) {
                        learning[bl].axonOfPre()[i] = axon;
                        learning[bl].preCore()[i] = a;
                        learning[bl].preLocal()[i] = li;
                    }
                }
                int wj = (int) w.get(j);
                sink.synapse(b, cursor[bl]++, ps[j] - bl * kq, (short) (exp >= 0 ? wj << exp : wj),
                        dl == null ? 0 : dl[j]);
            }
        }
    }

    /** One plastic block per post core of a learning process, or null for static synapses. */
    private static PlasticBlock[] plasticBlocks(SynapseGroup g, Population q, int kq, int fq, int nq,
                                                List<PlasticBlock> plastic) {
        if (!(g.process() instanceof LearningSynapses)) {
            return null;
        }
        PlasticBlock[] r = new PlasticBlock[nq];
        int pres = g.pre().size();
        for (int bl = 0; bl < nq; bl++) {
            int posts = Math.min(kq, q.size() - bl * kq);
            int[] axons = new int[pres];
            Arrays.fill(axons, -1);
            r[bl] = new PlasticBlock((LearningSynapses) g.process(), fq + bl, bl * kq, posts, axons,
                    new int[pres], new int[pres]);
            plastic.add(r[bl]);
        }
        return r;
    }

    /** Second pass of a program with arrays: allocates per core and writes axons, synapses and route entries. */
    private final class Filler implements SynapseSegments.Sink {
        final int[][] axonStart = new int[nb][];
        final short[][] post = new short[nb][];
        final short[][] weight = new short[nb][];
        final byte[][] delay = new byte[nb][];
        final byte[][] lane = new byte[nb][];
        final int[] synFill = new int[nb];
        final int[][] routeFill = new int[nb][];
        /** per block, its neurons' route entries. */
        final int[][] routes = new int[nb][];
        final List<PlasticBlock> plastic = new ArrayList<>();

        Filler() {
            boolean delayed = maxGroupDelay() > 0;
            for (int b = 0; b < nb; b++) {
                axonStart[b] = new int[axonCount[b] + 1];
                axonStart[b][axonCount[b]] = synCount[b];
                post[b] = new short[synCount[b]];
                weight[b] = new short[synCount[b]];
                lane[b] = laneGroups[b] != null ? new byte[axonCount[b]] : null;
                int[] rs = routeCount[b];
                routes[b] = new int[rs[rs.length - 1]];
                routeFill[b] = Arrays.copyOf(rs, rs.length - 1);
                delay[b] = delayed ? new byte[synCount[b]] : null;
            }
        }

        @Override
        public int segment(int a, int li, int b, int axon, int laneNo, int synapses) {
            axonStart[b][axon] = synFill[b];
            int place = synFill[b];
            synFill[b] += synapses;
            if (lane[b] != null) {
                lane[b][axon] = (byte) laneNo;
            }
            routes[a][routeFill[a][li]++] = slot(a, b) << RouteTable.AXON_BITS | axon;
            return place;
        }

        @Override
        public void synapse(int b, int at, int local, int w, int d) {
            post[b][at] = (short) local;
            weight[b][at] = (short) w;
            if (delay[b] != null) {
                delay[b][at] = (byte) d;
            }
        }

        SynapseMemory memory(int b) {
            return new SynapseMemory(axonStart[b], post[b], weight[b], delay[b], lane[b], laneExp(b), maxDelay[b]);
        }
    }
}
