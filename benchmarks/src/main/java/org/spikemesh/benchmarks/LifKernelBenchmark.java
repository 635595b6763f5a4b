package org.spikemesh.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/** One step of a bias-driven fixed-point LIF population without synapses: the neuron-update kernel alone. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LifKernelBenchmark {
    @Param({"4000", "64000"})
    int neurons;

    private Simulation sim;

    /** Builds the population. */
    @Setup
    public void setUp() {
        LIF lif = LIF.builder("lif").shape(neurons).du(82).dv(20).vth(100000).biasMant(2148).biasExp(4).build();
        sim = Simulation.reference(lif, RunConfig.defaults());
    }

    /** One time step. */
    @Benchmark
    public void step() {
        sim.run(1);
    }
}
