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
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * CUBA on the reference backend: time of 100 steps (divide by 100 x N for ns per neuron-step). The macro figure with
 * event counts is {@code spikemesh bench reference}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReferenceCubaBenchmark {
    @Param({"4000", "64000"})
    int neurons;

    private Simulation sim;

    /** Builds the network and runs 200 steps to leave the initial transient. */
    @Setup(Level.Trial)
    public void setUp() {
        sim = Simulation.reference(Cuba.build(neurons, 1).graph(), RunConfig.defaults());
        sim.run(200);
    }

    /** Releases the simulation. */
    @TearDown(Level.Trial)
    public void tearDown() {
        sim.close();
    }

    /** 100 time steps. */
    @Benchmark
    public void hundredSteps() {
        sim.run(100);
    }
}
