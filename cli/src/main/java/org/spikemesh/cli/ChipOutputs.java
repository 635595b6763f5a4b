package org.spikemesh.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.simulator.chip.Accounts;
import org.spikemesh.simulator.chip.ChipEngine;
import org.spikemesh.simulator.chip.CostModel;

/**
 * Writes what the chip engine counted: time_per_step.csv, energy_per_step.csv, core_counters.csv, link_loads.csv,
 * and the "chip" section of summary.json.
 */
final class ChipOutputs {
    private ChipOutputs() {
    }

    /**
     * Writes routes.csv: per core and destination core, the route entries and the XY hops. Written from the compiled
     * program (its route arrays, or the segments a streamed program emits), since the engine keeps the program without
     * them.
     *
     * @param p the compiled program
     * @param dir the output directory
     * @throws IOException if the file cannot be written
     */
    static void writeRoutes(ChipProgram p, Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("routes.csv"), StandardCharsets.UTF_8)) {
            w.write("core,dest_core,route_entries,hops_east_west,hops_north_south\n");
            org.spikemesh.compiler.program.RouteCounts.forEachCore(p, (core, dest, perSlot) -> {
                CoreProgram c = p.cores().get(core);
                org.spikemesh.compiler.program.MeshPaths paths = c.routes().paths();
                for (int s = 0; s < dest.length; s++) {
                    w.write(c.globalCore() + "," + p.cores().get(dest[s]).globalCore() + "," + perSlot[s] + ","
                            + paths.hopsEastWest(core, dest[s]) + "," + paths.hopsNorthSouth(core, dest[s]) + "\n");
                }
            });
        }
    }

    /** the directions of the links, by index (0 east, 1 west, 2 north, 3 south). */
    private static final String[] DIRECTIONS = {"east", "west", "north", "south"};

    /**
     * Writes every file of the chip's counts into dir.
     *
     * @return the chip's part of summary.json
     */
    static Map<String, Object> write(ChipEngine engine, Path dir, String chipSource) throws IOException {
        Accounts a = engine.accounts();
        writeTimePerStep(a, engine.program(), dir);
        writeEnergyPerStep(a, dir);
        writeCoreCounters(engine, dir);
        writeLinkLoads(a, engine.program(), dir);
        writeLatencyHistogram(a, dir);
        boolean windows = engine.coreCountersWindow() > 0;
        if (windows) {
            writeCoreCountersByStep(engine, dir);
            writeLinkLoadsByStep(a, dir);
        }
        return summary(a, engine.program(), chipSource, windows);
    }

    /**
     * Writes time_per_step.csv. The barrier column is the chip's barrier time for the tiles in use times the steps of
     * the row (the time's third part, as {@link Accounts} adds it), not the time less the other two parts, whose
     * rounding showed 999.9999999999999 for 1 000.
     */
    private static void writeTimePerStep(Accounts a, ChipProgram p, Path dir) throws IOException {
        double barrier = p.chip().barrierNs(p.tilesInUse());
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("time_per_step.csv"), StandardCharsets.UTF_8)) {
            w.write("step,time_ns,critical_core,spikes,synaptic_ops,busiest_link_messages,compute_ns,routing_ns,"
                    + "barrier_ns,critical_link\n");
            int k = a.seriesEvery();
            for (int i = 0; i < a.steps(); i++) {
                int last = Math.min(a.stepsClosed(), (i + 1) * k);
                w.write(last + "," + fmt(a.stepNs(i)) + "," + a.criticalCore(i) + ","
                        + a.stepSpikes(i) + "," + a.stepSynops(i) + "," + a.stepBusiestLink(i) + ","
                        + fmt(a.stepComputeNs(i)) + "," + fmt(a.stepTrafficNs(i)) + ","
                        + fmt(barrier * (last - i * k)) + "," + a.criticalLink(i) + "\n");
            }
        }
    }

    private static void writeEnergyPerStep(Accounts a, Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("energy_per_step.csv"), StandardCharsets.UTF_8)) {
            StringBuilder row = new StringBuilder("step,energy_pj");
            for (String kind : Accounts.ENERGY_KINDS) {
                row.append(',').append(kind).append("_pj");
            }
            w.write(row.append('\n').toString());
            int k = a.seriesEvery();
            for (int i = 0; i < a.steps(); i++) {
                row.setLength(0);
                row.append(Math.min(a.stepsClosed(), (i + 1) * k)).append(',').append(fmt(a.stepPj(i)));
                for (int kind = 0; kind < Accounts.ENERGY_KINDS.size(); kind++) {
                    row.append(',').append(fmt(a.stepPj(i, kind)));
                }
                w.write(row.append('\n').toString());
            }
        }
    }

    private static void writeCoreCounters(ChipEngine engine, Path dir) throws IOException {
        ChipProgram p = engine.program();
        CostModel cost = new CostModel(p.chip(), p.tilesInUse());
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("core_counters.csv"), StandardCharsets.UTF_8)) {
            w.write("core,population,first_neuron,neurons,synaptic_ops,updates_active,updates_inactive,spikes,"
                    + "messages_in,messages_out,busy_ns,energy_pj,tile_x,tile_y,memory_bytes,synaptic_ops_pj,"
                    + "neuron_updates_pj,spikes_pj\n");
            for (CoreProgram c : p.cores()) {
                long[] t = engine.coreTotals(c.index());
                double[] kinds = cost.coreEnergyByKind(c, t);
                double pj = kinds[0] + kinds[1] + kinds[2];
                w.write(c.globalCore() + "," + c.process().name() + "," + c.lo() + "," + c.size() + "," + t[0] + ","
                        + t[1] + "," + t[2] + "," + t[3] + "," + t[4] + "," + t[5] + ","
                        + fmt(engine.coreTimeNs(c.index())) + "," + fmt(pj) + "," + p.tileX()[c.index()] + ","
                        + p.tileY()[c.index()] + "," + c.memoryBytes() + "," + fmt(kinds[0]) + "," + fmt(kinds[1]) + ","
                        + fmt(kinds[2]) + "\n");
            }
        }
    }

    private static void writeLinkLoads(Accounts a, ChipProgram p, Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("link_loads.csv"), StandardCharsets.UTF_8)) {
            w.write("tile_x,tile_y,direction,messages\n");
            for (int d = 0; d < 4; d++) {
                long[] l = a.linkTotals(d);
                for (int i = 0; i < l.length; i++) {
                    if (l[i] != 0) {
                        w.write(i % p.tilesX() + "," + i / p.tilesX() + "," + DIRECTIONS[d] + "," + l[i] + "\n");
                    }
                }
            }
        }
    }

    private static void writeLatencyHistogram(Accounts a, Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("latency_histogram.csv"), StandardCharsets.UTF_8)) {
            w.write("latency_ns,messages\n");
            Histogram h = a.latencyHistogram();
            for (org.HdrHistogram.HistogramIterationValue v : h.recordedValues()) {
                // the bucket's lowest value: the latency itself below 32 768 ns, within 1/10 000 above
                w.write(h.lowestEquivalentValue(v.getValueIteratedTo()) + ","
                        + v.getCountAtValueIteratedTo() + "\n");
            }
        }
    }

    private static void writeCoreCountersByStep(ChipEngine engine, Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("core_counters_by_step.csv"),
                StandardCharsets.UTF_8)) {
            w.write("step,core,synaptic_ops,updates_active,spikes,messages_in,messages_out,busy_ns\n");
            for (long[] r : engine.coreCountersByWindow()) {
                w.write(r[0] + "," + r[1] + "," + r[2] + "," + r[3] + "," + r[4] + "," + r[5] + "," + r[6] + ","
                        + fmt(Double.longBitsToDouble(r[7])) + "\n");
            }
        }
    }

    /** Writes link_loads_by_step.csv; after {@link #writeCoreCountersByStep}, which closes the window in progress. */
    private static void writeLinkLoadsByStep(Accounts a, Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("link_loads_by_step.csv"),
                StandardCharsets.UTF_8)) {
            w.write("step,tile_x,tile_y,direction,messages\n");
            for (long[] r : a.linkLoadsByWindow()) {
                w.write(r[0] + "," + r[2] % a.tilesX() + "," + r[2] / a.tilesX() + "," + DIRECTIONS[(int) r[1]] + ","
                        + r[3] + "\n");
            }
        }
    }

    /** @return the chip's part of summary.json: the chip, its totals, percentiles and the files written */
    private static Map<String, Object> summary(Accounts a, ChipProgram p, String chipSource, boolean windows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chip", p.chip().name());
        m.put("mesh_tiles", List.of(p.tilesX(), p.tilesY()));
        m.put("chip_source", chipSource);
        m.put("chip_sha256", p.chip().hash());
        m.put("chips", p.chip().mesh().chips());
        m.put("cores_used", p.cores().size());
        m.put("tiles_in_use", p.tilesInUse());
        m.put("simulated_time_ns", a.timeNs());
        m.put("series_steps_per_row", a.seriesEvery());
        Map<String, Double> energy = a.energyByKind();
        m.put("energy_pj", energy);
        double total = energy.get("total");
        m.put("energy_per_synaptic_event_pj", a.synops() == 0 ? 0.0 : total / a.synops());
        // pJ per ns is mW: the chip's mean power over the simulated time, and its synaptic ops per simulated second
        m.put("average_power_mw", a.timeNs() == 0 ? 0.0 : total / a.timeNs());
        m.put("synaptic_ops_per_second", a.timeNs() == 0 ? 0.0 : a.synops() / (a.timeNs() * 1e-9));
        m.put("counts", a.counts());
        m.put("step_time_ns", percentiles(a.stepTimeHistogram()));
        m.put("time_model", a.timeModel());
        m.put("critical", CriticalSteps.summary(a));
        m.put("message_latency_ns", percentiles(a.latencyHistogram()));
        List<String> files = new java.util.ArrayList<>(List.of("time_per_step.csv", "energy_per_step.csv",
                "core_counters.csv", "link_loads.csv"));
        if (windows) {
            // --core-counters-every 0 keeps no windows, and writes neither file
            files.addAll(List.of("core_counters_by_step.csv", "link_loads_by_step.csv"));
        }
        files.addAll(List.of("routes.csv", "latency_histogram.csv"));
        m.put("files", files);
        return m;
    }

    /**
     * Count, percentiles and mean of a histogram. Values are the lowest of their HdrHistogram bucket (4 significant
     * digits), as latency_histogram.csv writes them: exact for integer ns below 32 768 (a 4 270 ns latency is 4 270;
     * it was written as 4 271, the highest of its bucket at 3 digits), within 1/10 000 above.
     */
    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            m.put("min", h.lowestEquivalentValue(h.getMinValue()));
            m.put("p50", h.lowestEquivalentValue(h.getValueAtPercentile(50)));
            m.put("p99", h.lowestEquivalentValue(h.getValueAtPercentile(99)));
            m.put("max", h.lowestEquivalentValue(h.getMaxValue()));
            m.put("mean", h.getMean());
        }
        return m;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
