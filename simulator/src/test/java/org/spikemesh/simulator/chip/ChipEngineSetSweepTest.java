package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.io.RandomNetworks;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * Pausing, writing LIF state and parameters and going on, as the reference backend does, over 40 random fixed-point
 * networks and 12 CUBA networks: after some steps every LIF population gets new u and v (anywhere in their ranges, the edges included),
 * and new du, dv, vth (up to the largest Lava takes, 131 071) and bias, for all its neurons or for every other one (so that cores whose neurons shared their
 * parameters stop sharing them, and the kernel's runs of cores change); then both backends run on, and every Var of
 * every LIF reads the same after each run. On 1, 2 and 4 threads.
 */
class ChipEngineSetSweepTest {

    static Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        // random networks (parameters per neuron: their cores take the kernel's per-neuron loop) and CUBA (one set of
        // parameters for all: its cores take the loops for uniform runs of cores, which the writes break up or change)
        for (long seed = 301; seed <= 352; seed++) {
            args.add(Arguments.of(seed, new int[]{1, 2, 4}[(int) (seed % 3)]));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "network {0} on {1} threads")
    @MethodSource("cases")
    void shouldGetAndSetLikeTheReference(long seed, int threads) {
        ProcessGraph chipGraph = network(seed);
        ProcessGraph refGraph = network(seed);
        var program = Compiler.compile(chipGraph, ChipConfigs.preset("loihi-like").withCoreNeurons(3),
                CompileOptions.defaults()).program();
        SplittableRandom r = new SplittableRandom(seed);
        try (Simulation chip = new Simulation(new ChipEngine(chipGraph, program, RunConfig.defaults().seed(5), threads));
             Simulation ref = Simulation.reference(refGraph, RunConfig.defaults().seed(5))) {
            chip.run(7);
            ref.run(7);
            assertStateEqual(chipGraph, refGraph, chip, ref, "after 7 steps");
            for (Process p : refGraph.processes()) {
                if (p instanceof LIF lif) {
                    LIF twin = (LIF) chipGraph.process(p.name());
                    boolean everyOther = r.nextBoolean();
                    set(chip, ref, twin.u(), lif.u(), values(r, lif.u(), everyOther, -(1 << 23) + 1, (1 << 23) - 1, ref));
                    set(chip, ref, twin.v(), lif.v(), values(r, lif.v(), everyOther, -(1 << 23) + 1, (1 << 23) - 1, ref));
                    set(chip, ref, twin.du(), lif.du(), values(r, lif.du(), everyOther, 0, 4095, ref));
                    set(chip, ref, twin.dv(), lif.dv(), values(r, lif.dv(), everyOther, 0, 4095, ref));
                    set(chip, ref, twin.vth(), lif.vth(), values(r, lif.vth(), everyOther, 0, 131_071, ref));
                    set(chip, ref, twin.biasMant(), lif.biasMant(), values(r, lif.biasMant(), everyOther, -50, 200, ref));
                }
            }
            assertStateEqual(chipGraph, refGraph, chip, ref, "right after the writes");
            chip.run(9);
            ref.run(9);
            assertStateEqual(chipGraph, refGraph, chip, ref, "9 steps after the writes");
            chip.run(6);
            ref.run(6);
            assertStateEqual(chipGraph, refGraph, chip, ref, "15 steps after the writes");
        }
    }

    private static ProcessGraph network(long seed) {
        return seed <= 340 ? RandomNetworks.fixedPoint(seed).graph() : Cuba.build(300, seed).graph();
    }

    /**
     * @return the Var's values as the reference holds them, with new ones drawn from [lo, hi] for every neuron or for
     *         every other one; the range's two ends are the first two drawn when there are two neurons to draw for
     */
    private static double[] values(SplittableRandom r, Var var, boolean everyOther, int lo, int hi, Simulation ref) {
        double[] now = ref.get(var);
        double[] next = now.clone();
        int drawn = 0;
        for (int i = 0; i < next.length; i += everyOther ? 2 : 1) {
            next[i] = drawn == 0 ? lo : drawn == 1 ? hi : r.nextInt(lo, hi + 1);
            drawn++;
        }
        return next;
    }

    private static void set(Simulation chip, Simulation ref, Var chipVar, Var refVar, double[] values) {
        chip.set(chipVar, values);
        ref.set(refVar, values);
    }

    private static void assertStateEqual(ProcessGraph chipGraph, ProcessGraph refGraph, Simulation chip, Simulation ref,
                                   String when) {
        for (Process p : refGraph.processes()) {
            if (p instanceof LIF lif) {
                LIF twin = (LIF) chipGraph.process(p.name());
                assertArrayEquals(ref.get(lif.u()), chip.get(twin.u()), p.name() + ".u " + when);
                assertArrayEquals(ref.get(lif.v()), chip.get(twin.v()), p.name() + ".v " + when);
                assertArrayEquals(ref.get(lif.vth()), chip.get(twin.vth()), p.name() + ".vth " + when);
                assertArrayEquals(ref.get(lif.du()), chip.get(twin.du()), p.name() + ".du " + when);
            }
        }
    }
}
