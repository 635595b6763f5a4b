package org.spikemesh.compiler;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreOrder;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;

/**
 * Runs the stages in order: flatten, quantise, partition, place, route and emit, timing each, and assembles the
 * {@link MappingReport}.
 */
public final class Compiler {
    /** {@link CompileOptions#chips()} value asking for as many chips as the network needs. */
    public static final int AUTO_CHIPS = -1;
    private static final int MAX_AUTO_CHIPS = 1024;

    private Compiler() {
    }

    private static double[][] ratesById(FlatNetwork net, java.util.Map<String, double[]> byName) {
        if (byName == null) {
            return null;
        }
        double[][] r = new double[net.populations().size()][];
        for (Population p : net.populations()) {
            double[] given = byName.get(p.name());
            if (given != null && given.length != p.size()) {
                throw new MappingException("measured rates of " + p.name() + " give " + given.length
                        + " neurons; the population has " + p.size());
            }
            if (given == null) {
                given = new double[p.size()];
                java.util.Arrays.fill(given, 1.0);
            }
            r[p.id()] = given;
        }
        return r;
    }

    /**
     * @param graph the network (fixed_pt, or float_pt to be quantised)
     * @param chip the chip configuration
     * @param options chips, seed, local search, measured rates
     * @return program and report
     * @throws MappingException when the network does not fit
     */
    public static Compilation compile(ProcessGraph graph, ChipConfig chip, CompileOptions options) {
        return compile(graph, chip, options, stage -> { });
    }

    /** Learning rules run Loihi's arithmetic on 7-bit traces: a chip must hold at least that. */
    private static void checkLearning(ProcessGraph graph, ChipConfig chip) {
        for (org.spikemesh.process.Process p : graph.processes()) {
            if (!(p instanceof org.spikemesh.process.lib.LearningSynapses)) {
                continue;
            }
            if (chip.learning().traceBits() < 7) {
                throw new MappingException(p.name() + ": " + chip.name() + " has " + chip.learning().traceBits()
                        + "-bit learning traces; the learning rules need 7-bit traces (Loihi's), so this chip cannot"
                        + " learn on chip (use a chip with learning.trace_bits >= 7, e.g. loihi-like)");
            }
            if (chip.core().encoding().axonTypes() > 0) {
                throw new MappingException(p.name() + ": " + chip.name() + " keeps its weights by axon type ("
                        + chip.core().encoding().axonTypes() + " per neuron), not per synapse, so no synapse can"
                        + " learn a weight of its own; use a chip whose synapses hold their weights, e.g. loihi-like");
            }
        }
    }

    /**
     * As {@link #compile(ProcessGraph, ChipConfig, CompileOptions)}, telling a listener each stage as it ends
     * (1 flatten and quantise, 2 partition, 3 place, 4 route and emit), e.g. for a progress bar.
     *
     * @param graph the network
     * @param chip the chip configuration
     * @param options chips, seed, local search, measured rates, pins
     * @param stageDone called with 1..4 as the stages end
     * @return program and report
     */
    public static Compilation compile(ProcessGraph graph, ChipConfig chip, CompileOptions options,
                                      java.util.function.IntConsumer stageDone) {
        Map<String, Double> times = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        ChipConfig target = options.chips() > 0 ? ChipConfigs.withChips(chip, options.chips())
                : options.chips() == AUTO_CHIPS ? ChipConfigs.withChips(chip, MAX_AUTO_CHIPS) : chip;
        checkLearning(graph, chip);
        Quantiser.Result q = Quantiser.quantise(graph);
        FlatNetwork net = Flattener.flatten(q.graph(), NumericModel.FIXED_PT);
        long t1 = System.nanoTime();
        times.put("flatten_and_quantise", (t1 - t0) / 1e6);
        stageDone.accept(1);
        Partition part = Partitioner.partition(net, target, ratesById(net, options.rates()));
        if (options.chips() == AUTO_CHIPS) {
            int per = chip.coresPerChip();
            target = ChipConfigs.withChips(chip, (part.blocks().size() + per - 1) / per);
        }
        long t2 = System.nanoTime();
        times.put("partition", (t2 - t1) / 1e6);
        stageDone.accept(2);
        int[] pinned = options.pins() == null || options.pins().isEmpty() ? null
                : PlacementFile.resolve(options.pins(), part, target);
        Placement placement = Placer.place(part.traffic(), target, options.seed(), options.placementMoves(), pinned);
        long t3 = System.nanoTime();
        times.put("place", (t3 - t2) / 1e6);
        stageDone.accept(3);
        boolean streamed = options.streamed() && !Emitter.learns(net)
                && target.timeModel() != org.spikemesh.chip.TimeModel.DETAILED;
        ChipProgram program = Emitter.emit(net, part, placement, target, streamed);
        long t4 = System.nanoTime();
        times.put("route_and_emit", (t4 - t3) / 1e6);
        stageDone.accept(4);
        MappingReport report = MappingReport.of(net, part, placement, program, q, times);
        // numbered by block until here (the report reads the traffic between blocks); the engine gets the cores in
        // their order on the chip, so that a range of them is a stretch of the mesh
        return new Compilation(CoreOrder.byPlace(program), report, net, q.graph());
    }
}
