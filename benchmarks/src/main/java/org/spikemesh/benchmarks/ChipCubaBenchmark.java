package org.spikemesh.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * CUBA compiled to loihi-like (as many chips as needed, as {@code spikemesh bench cuba} compiles it) on the chip
 * engine with its time and energy accounting: time of 100 steps on 1 and 2 threads (divide by 100 x N for ns per
 * neuron-step; about 6 spikes per neuron per second at 0.1 ms a step, so 100 steps hold about 0.05 x N spikes and 80
 * synaptic events each). The macro figure, with event counts, heap and the speed-up measured in turns, is
 * {@code spikemesh bench cuba}; this one runs an engine for seconds on end, past its first steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChipCubaBenchmark {
    @Param({"4000", "64000"})
    int neurons;

    @Param({"1", "2"})
    int threads;

    private ChipEngine engine;

    /** Compiles the network and runs 200 steps to leave the initial transient. */
    @Setup(Level.Trial)
    public void setUp() {
        ProcessGraph g = Cuba.build(neurons, 1).graph();
        ChipProgram program = Compiler.compile(g, ChipConfigs.preset("loihi-like"),
                CompileOptions.defaults().withChips(Compiler.AUTO_CHIPS).withStreamed(true)).program();
        engine = new ChipEngine(g, program, RunConfig.defaults(), threads);
        engine.run(200);
    }

    /** Stops the engine's threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** 100 time steps. */
    @Benchmark
    public void hundredSteps() {
        engine.run(100);
    }
}
