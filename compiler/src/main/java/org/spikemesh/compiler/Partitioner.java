package org.spikemesh.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.Core;
import org.spikemesh.process.lib.SynapseTable;

/**
 * Stage 3: cuts every population into core-sized blocks under all of a core's limits: neurons, input axons, output
 * routes and synapse memory in the chip's encoding (dense or sparse per block, whichever is smaller, when the chip
 * offers both). Block sizes start at the neuron limit and shrink, population by population, until every block
 * fits; a single neuron that cannot fit a core, or more blocks than the chips have cores, is a
 * {@link MappingException} naming the limit, the need and the capacity.
 */
public final class Partitioner {
    private static final int MAX_ROUNDS = 64;
    private final FlatNetwork net;
    private final ChipConfig chip;
    private final double[][] rates;
    private final int[] k;
    private final String[] limitedBy;

    private Partitioner(FlatNetwork net, ChipConfig chip, double[][] rates) {
        this.net = net;
        this.chip = chip;
        this.rates = rates;
        int n = net.populations().size();
        this.k = new int[n];
        this.limitedBy = new String[n];
        Core core = chip.core();
        for (Population p : net.populations()) {
            k[p.id()] = Math.max(1, Math.min(p.size(), core.maxNeurons()));
            limitedBy[p.id()] = p.size() <= core.maxNeurons() ? "population size" : "neurons per core (" + core.maxNeurons() + ")";
        }
    }

    /**
     * @param net the flat network
     * @param chip the chip (its mesh gives the cores available)
     * @param rates expected spikes per step of each neuron, by population id, or null for one per neuron
     * @return blocks and traffic
     */
    public static Partition partition(FlatNetwork net, ChipConfig chip, double[][] rates) {
        EncodingCheck.check(net, chip);
        return new Partitioner(net, chip, rates).run();
    }

    private Partition run() {
        Core core = chip.core();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Stats s = measure(false);
            boolean changed = false;
            for (Population p : net.populations()) {
                double axonOver = 0;
                double memOver = 0;
                double routeOver = 0;
                for (int b = s.first[p.id()]; b < s.first[p.id() + 1]; b++) {
                    axonOver = Math.max(axonOver, s.axons[b] / (double) core.maxFanInAxons());
                    memOver = Math.max(memOver, s.memory[b] / (double) core.synapseMemoryBytes());
                    routeOver = Math.max(routeOver, s.routes[b] / (double) core.maxFanOutRoutes());
                }
                double over = Math.max(axonOver, Math.max(memOver, routeOver));
                if (over > 1) {
                    String limit = axonOver >= memOver && axonOver >= routeOver
                            ? "input axons per core (" + core.maxFanInAxons() + ")"
                            : memOver >= routeOver ? "synapse memory per core (" + core.synapseMemoryBytes() + " bytes)"
                            : "output routes per core (" + core.maxFanOutRoutes() + ")";
                    if (k[p.id()] == 1) {
                        throw new MappingException("population " + p.name() + ": a single neuron needs more than the "
                                + limit + " of a " + chip.name() + " core (" + String.format("%.2f", over)
                                + " times the capacity); reduce its fan-in or fan-out");
                    }
                    k[p.id()] = Math.max(1, Math.min(k[p.id()] - 1, (int) Math.floor(k[p.id()] / over)));
                    limitedBy[p.id()] = limit;
                    changed = true;
                }
            }
            if (!changed) {
                Partition done = finish();
                AxonTypeCheck.Failure f = AxonTypeCheck.check(net, done, chip);
                if (f == null) {
                    return done;
                }
                int q = f.population();
                if (k[q] == 1) {
                    throw new MappingException(f.message());
                }
                // fewer neurons on a core, fewer weights its axons must agree on
                k[q] = Math.max(1, k[q] / 2);
                limitedBy[q] = "axon types (" + chip.core().encoding().axonTypes() + " weights per neuron)";
            }
        }
        throw new MappingException("partition did not settle within " + MAX_ROUNDS + " rounds on " + chip.name());
    }

    private Partition finish() {
        Stats s = measure(true);
        List<Block> blocks = new ArrayList<>();
        for (Population p : net.populations()) {
            for (int b = s.first[p.id()], lo = 0; b < s.first[p.id() + 1]; b++, lo += k[p.id()]) {
                blocks.add(new Block(b, p, lo, Math.min(p.size(), lo + k[p.id()]), s.axons[b], s.synapses[b],
                        s.memory[b], s.format[b], s.routes[b]));
            }
        }
        int cores = chip.totalCores(chip.mesh().chips());
        if (blocks.size() > cores) {
            throw new MappingException(tooManyBlocks(blocks.size(), cores, s.first));
        }
        return new Partition(List.copyOf(blocks), k.clone(), s.first, limitedBy.clone(), s.traffic);
    }

    private String tooManyBlocks(int need, int cores, int[] first) {
        Population worst = null;
        for (Population p : net.populations()) {
            if (worst == null || first[p.id() + 1] - first[p.id()] > first[worst.id() + 1] - first[worst.id()]) {
                worst = p;
            }
        }
        int per = chip.coresPerChip();
        int chipsNeeded = (need + per - 1) / per;
        int most = first[worst.id() + 1] - first[worst.id()];
        // with no population over one core the count of populations is the cause: a core holds one population's
        // neurons (it named the first population, "alone needs 1 cores", as if that one were too big)
        String why = most == 1 ? "each of its " + net.populations().size() + " populations needs a core of its own (a"
                + " core holds the neurons of one population)"
                : "population " + worst.name() + " (" + worst.size() + " neurons) alone needs " + most + " cores of "
                + k[worst.id()] + " neurons, limited by " + limitedBy[worst.id()];
        return "network needs " + need + " cores but " + chip.name() + " has " + cores + " (" + chip.mesh().chips()
                + " chip" + (chip.mesh().chips() == 1 ? "" : "s") + " x " + per + " cores): " + why + "; pass --chips "
                + chipsNeeded;
    }

    /** Per-block usage for the current block sizes, in one pass over every synapse. */
    private Stats measure(boolean withTraffic) {
        int np = net.populations().size();
        int[] first = new int[np + 1];
        for (Population p : net.populations()) {
            first[p.id() + 1] = first[p.id()] + (p.size() + k[p.id()] - 1) / k[p.id()];
        }
        Stats s = new Stats(first, first[np]);
        TrafficBuilder traffic = withTraffic ? new TrafficBuilder(first[np]) : null;
        int[] denseAxons = new int[first[np]];
        for (SynapseGroup g : net.groups()) {
            if (g.pre() == null) {
                continue;
            }
            for (Population q : g.posts()) {
                scan(g, q, s, traffic, denseAxons);
            }
        }
        int sparseBits = bits("sparse");
        int denseBits = bits("dense");
        for (int b = 0; b < s.synapses.length; b++) {
            if (s.synapses[b] == 0) {
                s.format[b] = "none";
                continue;
            }
            long sparse = sparseBits > 0 ? (s.synapses[b] * sparseBits + 7) / 8 : Long.MAX_VALUE;
            long dense = denseBits > 0 ? ((long) denseAxons[b] * s.neurons(b, k, net) * denseBits + 7) / 8 : Long.MAX_VALUE;
            s.format[b] = dense <= sparse ? "dense" : "sparse";
            s.memory[b] = Math.min(dense, sparse);
        }
        if (traffic != null) {
            s.traffic = traffic.build();
        }
        return s;
    }

    private int bits(String format) {
        return chip.core().encoding().formats().contains(format) ? chip.core().encoding().bitsPerSynapse(format) : 0;
    }

    private void scan(SynapseGroup g, Population q, Stats s, TrafficBuilder traffic, int[] denseAxons) {
        SynapseTable t = g.table();
        Population p = g.pre();
        int kp = k[p.id()];
        int kq = k[q.id()];
        int fp = s.first[p.id()];
        int fq = s.first[q.id()];
        int[] stamp = new int[s.first[q.id() + 1] - fq];
        Arrays.fill(stamp, -1);
        int[] rs = t.rowStart();
        int[] post = t.post();
        double[] rate = rates == null ? null : rates[p.id()];
        for (int i = 0; i < p.size(); i++) {
            int a = fp + i / kp;
            double r = rate == null ? 1.0 : rate[i];
            for (int j = rs[i], e = rs[i + 1]; j < e; j++) {
                int bl = post[j] / kq;
                int b = fq + bl;
                s.synapses[b]++;
                if (stamp[bl] != i) {
                    stamp[bl] = i;
                    s.axons[b]++;
                    denseAxons[b]++;
                    s.routes[a]++;
                    if (traffic != null) {
                        traffic.add(a, b, r);
                    }
                }
            }
        }
    }

    /** Usage per block for one set of block sizes. */
    private static final class Stats {
        final int[] first;
        final int[] axons;
        final long[] synapses;
        final long[] memory;
        final long[] routes;
        final String[] format;
        Traffic traffic;

        Stats(int[] first, int blocks) {
            this.first = first;
            this.axons = new int[blocks];
            this.synapses = new long[blocks];
            this.memory = new long[blocks];
            this.routes = new long[blocks];
            this.format = new String[blocks];
        }

        int neurons(int b, int[] k, FlatNetwork net) {
            for (Population p : net.populations()) {
                if (b < first[p.id() + 1]) {
                    int lo = (b - first[p.id()]) * k[p.id()];
                    return Math.min(p.size(), lo + k[p.id()]) - lo;
                }
            }
            throw new IllegalStateException("block " + b + " beyond the last population");
        }
    }
}
