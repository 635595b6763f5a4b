package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.chip.TimeModel;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.RandomNetworks;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;

/**
 * The outputs of core.events and of both time models (time, energy by kind, counts, critical core and link of every
 * step) are the same for 1, 2 and 4 threads.
 */
class CalibratedThreadsTest {
    /** loihi-calibrated with cores of a few neurons, so small networks spread over many cores and shards. */
    private static ChipConfig small(int neurons, TimeModel model) {
        String text = ChipConfigs.presetText("loihi-calibrated").replace("max_neurons: 1024", "max_neurons: " + neurons);
        return ChipConfigs.parse(text, "small").withTimeModel(model);
    }

    static Stream<Arguments> cases() {
        List<Arguments> r = new ArrayList<>();
        for (TimeModel m : TimeModel.values()) {
            for (long seed = 1; seed <= 3; seed++) {
                long s = seed;
                r.add(Arguments.of("random-" + s + "-" + m.yaml(),
                        (Supplier<ProcessGraph>) () -> RandomNetworks.fixedPoint(s).graph(), small(3, m), 40));
            }
            r.add(Arguments.of("cuba-1000-" + m.yaml(), (Supplier<ProcessGraph>) () -> Cuba.build(1000, 3).graph(),
                    small(40, m), 60));
            // on-chip learning: its update time joins each core's time under both models
            r.add(Arguments.of("stdp-pair-" + m.yaml(), (Supplier<ProcessGraph>) () -> org.spikemesh.process.io.NetworkFile
                    .load(java.nio.file.Path.of("../examples/networks/stdp_pair.yaml")).graph(), small(1, m), 60));
        }
        return r.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldReportTheSameForOneTwoAndFourThreads(String name, Supplier<ProcessGraph> graph, ChipConfig chip,
                                                    int steps) {
        String one = outputs(name, graph.get(), chip, 1, steps);
        assertEquals(one, outputs(name, graph.get(), chip, 2, steps), name + ": 2 threads");
        assertEquals(one, outputs(name, graph.get(), chip, 4, steps), name + ": 4 threads");
    }

    private static String outputs(String name, ProcessGraph g, ChipConfig chip, int threads, int steps) {
        ChipProgram p = Compiler.compile(g, chip, CompileOptions.defaults()).program();
        try (ChipEngine e = new ChipEngine(g, p, RunConfig.defaults(), threads)) {
            e.run(steps);
            Accounts a = e.accounts();
            org.junit.jupiter.api.Assertions.assertTrue(a.counts().get("messages") > 0, "messages travel");
            org.junit.jupiter.api.Assertions.assertTrue(p.cores().size() >= 3, "cores for several shards");
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < a.steps(); i++) {
                s.append(a.stepNs(i)).append(' ').append(a.stepPj(i)).append(' ').append(a.criticalCore(i)).append(' ')
                        .append(a.criticalLink(i)).append(' ').append(a.stepComputeNs(i)).append('\n');
            }
            if (name.startsWith("stdp")) {
                org.junit.jupiter.api.Assertions.assertTrue(a.counts().get("learning_updates") > 0, "it learns");
            }
            s.append(a.energyByKind()).append('\n').append(a.counts()).append('\n');
            for (int c = 0; c < p.cores().size(); c++) {
                s.append(java.util.Arrays.toString(e.coreTotals(c))).append(e.coreTimeNs(c)).append('\n');
            }
            return s.toString();
        }
    }
}
