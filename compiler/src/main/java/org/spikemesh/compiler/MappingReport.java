package org.spikemesh.compiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.chip.Core;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;

/**
 * How a network was mapped: usage of every core against its limits, quantisation errors, placement quality, expected
 * traffic and link loads, and the compile time of each stage. {@link #toMap()} is the JSON form; {@link #toText()}
 * the terminal table.
 *
 * @param summary chip, chips, cores, neurons, synapses, tiles
 * @param cores one row per mapped core
 * @param populations one row per population: block size and the limit that set it
 * @param quantisation per synapse group errors (empty for fixed-point networks)
 * @param notes what the chip cannot represent exactly (float networks)
 * @param placement start, random, start and final costs, moves
 * @param traffic expected messages per step at one spike per neuron per step, hops and link loads
 * @param compileMs wall time per stage in ms
 */
public record MappingReport(Map<String, Object> summary, List<Map<String, Object>> cores,
                            List<Map<String, Object>> populations, List<Quantiser.GroupError> quantisation,
                            List<String> notes,
                            Map<String, Object> placement, Map<String, Object> traffic, Map<String, Double> compileMs) {

    static MappingReport of(FlatNetwork net, Partition part, Placement pl, ChipProgram program,
                            Quantiser.Result q, Map<String, Double> times) {
        Core limits = program.chip().core();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("chip", program.chip().name());
        summary.put("chips", program.chip().mesh().chips());
        summary.put("cores_available", program.chip().totalCores(program.chip().mesh().chips()));
        summary.put("cores_used", program.cores().size());
        summary.put("tiles_in_use", program.tilesInUse());
        summary.put("neurons", net.neurons());
        summary.put("synapses", program.synapses());
        long plastic = 0;
        for (org.spikemesh.compiler.program.PlasticBlock b : program.plastic()) {
            org.spikemesh.compiler.program.SynapseMemory m = program.cores().get(b.core()).synapses();
            for (int a : b.axonOfPre()) {
                if (a >= 0) {
                    plastic += m.axonSynapses(a);
                }
            }
        }
        summary.put("plastic_synapses", plastic);
        summary.put("plastic_cores", program.plastic().stream().mapToInt(b -> b.core()).distinct().count());
        List<Map<String, Object>> cores = new ArrayList<>();
        for (CoreProgram c : program.cores()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("core", c.globalCore());
            row.put("population", c.process().name());
            row.put("first_neuron", c.lo());
            row.put("neurons", c.size());
            row.put("neuron_limit", limits.maxNeurons());
            row.put("axons", c.synapses().axons());
            row.put("axon_limit", limits.maxFanInAxons());
            row.put("synapses", c.synapses().synapses());
            row.put("memory_bytes", c.memoryBytes());
            row.put("memory_limit", limits.synapseMemoryBytes());
            row.put("format", c.format());
            row.put("routes", c.routes().entries());
            row.put("route_limit", limits.maxFanOutRoutes());
            cores.add(row);
        }
        List<Map<String, Object>> pops = new ArrayList<>();
        for (Population p : net.populations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("population", p.name());
            row.put("neurons", p.size());
            row.put("block_size", part.blockSize()[p.id()]);
            row.put("cores", part.firstBlock()[p.id() + 1] - part.firstBlock()[p.id()]);
            row.put("limited_by", part.limitedBy()[p.id()]);
            pops.add(row);
        }
        Map<String, Object> placement = new LinkedHashMap<>();
        placement.put("start", pl.start());
        placement.put("random_cost", pl.randomCost());
        placement.put("start_cost", pl.startCost());
        placement.put("final_cost", pl.finalCost());
        placement.put("moves", pl.moves());
        placement.put("accepted", pl.accepted());
        return new MappingReport(summary, cores, pops, q.errors(), q.notes(), placement,
                traffic(part.traffic(), program), times);
    }

    private static Map<String, Object> traffic(Traffic t, ChipProgram program) {
        int gx = program.tilesX();
        int gy = program.tilesY();
        double[] east = new double[gx * gy];
        double[] west = new double[gx * gy];
        double[] north = new double[gx * gy];
        double[] south = new double[gx * gy];
        double messages = 0;
        double hops = 0;
        int nb = t.blocks();
        for (int k = 0; k < t.directedKeys().length; k++) {
            int a = (int) (t.directedKeys()[k] / nb);
            int b = (int) (t.directedKeys()[k] % nb);
            double w = t.directedWeight()[k];
            int sx = program.tileX()[a];
            int sy = program.tileY()[a];
            int dx = program.tileX()[b];
            int dy = program.tileY()[b];
            messages += w;
            hops += w * (Math.abs(dx - sx) + Math.abs(dy - sy));
            for (int x = sx; x < dx; x++) {
                east[sy * gx + x] += w;
            }
            for (int x = sx; x > dx; x--) {
                west[sy * gx + x] += w;
            }
            for (int y = sy; y < dy; y++) {
                north[y * gx + dx] += w;
            }
            for (int y = sy; y > dy; y--) {
                south[y * gx + dx] += w;
            }
        }
        double max = 0;
        String busiest = "none";
        String[] dir = {"east", "west", "north", "south"};
        double[][] all = {east, west, north, south};
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < all[d].length; i++) {
                if (all[d][i] > max) {
                    max = all[d][i];
                    busiest = "tile (" + i % gx + "," + i / gx + ") " + dir[d];
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("router", program.chip().router().multicast() ? "multicast" : "unicast");
        if (program.chip().router().multicast()) {
            multicast(program, m);
        }
        m.put("rate_assumed", "one spike per neuron per step unless measured rates were given");
        m.put("placement_graph_kept_share", t.keptShare());
        m.put("messages_per_step", messages);
        m.put("traffic_x_hops", hops);
        m.put("mean_hops", messages == 0 ? 0 : hops / messages);
        m.put("max_link_load", max);
        m.put("busiest_link", busiest);
        return m;
    }

    /** Multicast trees: links per tree and routing-table entries per router (one per tree passing through it). */
    private static void multicast(ChipProgram program, Map<String, Object> m) {
        int gx = program.tilesX();
        int tiles = gx * program.tilesY();
        int[] entries = new int[tiles];
        long links = 0;
        int maxLinks = 0;
        for (CoreProgram c : program.cores()) {
            int[] tree = c.routes().treeLinks();
            if (tree == null || c.routes().slots() == 0) {
                continue;
            }
            java.util.BitSet touched = new java.util.BitSet(tiles);
            touched.set(program.tileY()[c.index()] * gx + program.tileX()[c.index()]);
            for (int code : tree) {
                int dir = code / tiles;
                int t = code % tiles;
                touched.set(t);
                int x = t % gx;
                int y = t / gx;
                touched.set(dir == 0 ? t + 1 : dir == 1 ? t - 1 : dir == 2 ? (y + 1) * gx + x : (y - 1) * gx + x);
            }
            touched.stream().forEach(t -> entries[t]++);
            links += tree.length;
            maxLinks = Math.max(maxLinks, tree.length);
        }
        int maxEntries = 0;
        for (int e : entries) {
            maxEntries = Math.max(maxEntries, e);
        }
        m.put("multicast_tree_links_mean", program.cores().isEmpty() ? 0.0 : links / (double) program.cores().size());
        m.put("multicast_tree_links_max", maxLinks);
        m.put("router_table_entries_max", maxEntries);
    }

    /** @return the report as nested maps and lists, ready for JSON */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "spikemesh-mapping/1");
        m.put("summary", summary);
        m.put("populations", populations);
        m.put("cores", cores);
        List<Map<String, Object>> qs = new ArrayList<>();
        for (Quantiser.GroupError e : quantisation) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", e.group());
            row.put("weight_exp", e.weightExp());
            row.put("scale", e.scale());
            row.put("max_relative_error", e.maxRelativeError());
            row.put("rms_relative_error", e.rmsRelativeError());
            row.put("mantissa_bits_used", e.mantissaBitsUsed());
            qs.add(row);
        }
        m.put("quantisation", qs);
        m.put("quantisation_notes", notes);
        m.put("placement", placement);
        m.put("traffic", traffic);
        m.put("compile_ms", compileMs);
        return m;
    }

    /** @return a table for the terminal: summary, populations, then up to 20 cores */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s x %s: %s of %s cores, %s neurons, %s synapses, %s tiles%n", summary.get("chip"),
                summary.get("chips"), summary.get("cores_used"), summary.get("cores_available"), summary.get("neurons"),
                summary.get("synapses"), summary.get("tiles_in_use")));
        if (!Long.valueOf(0).equals(summary.get("plastic_synapses"))) {
            sb.append(String.format("learning: %s plastic synapses on %s cores (each learns in the core of its post"
                    + " neuron)%n", summary.get("plastic_synapses"), summary.get("plastic_cores")));
        }
        sb.append(String.format("%-20s %9s %6s %6s  %s%n", "population", "neurons", "block", "cores", "limited by"));
        for (Map<String, Object> p : populations) {
            sb.append(String.format("%-20s %9s %6s %6s  %s%n", p.get("population"), p.get("neurons"),
                    p.get("block_size"), p.get("cores"), p.get("limited_by")));
        }
        sb.append(String.format("%6s %-16s %11s %11s %17s %7s%n", "core", "population", "neurons", "axons",
                "memory bytes", "format"));
        int shown = 0;
        for (Map<String, Object> c : cores) {
            if (shown++ == 20) {
                sb.append(String.format("... %d more cores in the JSON report%n", cores.size() - 20));
                break;
            }
            sb.append(String.format("%6s %-16s %5s/%-5s %5s/%-5s %8s/%-8s %7s%n", c.get("core"), c.get("population"),
                    c.get("neurons"), c.get("neuron_limit"), c.get("axons"), c.get("axon_limit"),
                    c.get("memory_bytes"), c.get("memory_limit"), c.get("format")));
        }
        sb.append(String.format("placement (%s start): traffic x distance %.1f random, %.1f start, %.1f after %s moves%n",
                placement.get("start"), (Double) placement.get("random_cost"), (Double) placement.get("start_cost"),
                (Double) placement.get("final_cost"), placement.get("moves")));
        sb.append(String.format("traffic: %.1f messages/step at unit rate, mean %.2f hops, busiest link %s carries %.1f%n",
                (Double) traffic.get("messages_per_step"), (Double) traffic.get("mean_hops"), traffic.get("busiest_link"),
                (Double) traffic.get("max_link_load")));
        for (String n : notes) {
            sb.append("quantisation: ").append(n).append(System.lineSeparator());
        }
        sb.append("compile ms: ").append(compileMs).append(System.lineSeparator());
        return sb.toString();
    }
}
