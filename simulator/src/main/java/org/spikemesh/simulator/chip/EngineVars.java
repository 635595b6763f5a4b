package org.spikemesh.simulator.chip;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.FixedPoint;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.learning.LearningState;

/**
 * Reads and writes the Vars of a {@link ChipEngine}'s processes between runs, where the engine keeps them: LIF u and v
 * in the shards' neuron arrays, LIF parameters in the cores' programs, the state of plastic synapses in the shards'
 * learning blocks. Every other Var is read from the process, as it was built.
 */
final class EngineVars {
    /** per process: its cores in this process, in program order. */
    private final Map<Process, List<CoreRuntime>> coresOf = new IdentityHashMap<>();
    /** per process with plastic synapses: their blocks in the shards. */
    private final Map<Process, List<ShardLearning.Block>> plasticOf = new IdentityHashMap<>();
    /** whether the run is split over processes, where no Var may be written. */
    private final boolean partitioned;

    EngineVars(boolean partitioned) {
        this.partitioned = partitioned;
    }

    /** Registers a core of the process it simulates. */
    void core(CoreRuntime core) {
        coresOf.computeIfAbsent(core.program.process(), k -> new ArrayList<>()).add(core);
    }

    /** Registers a block of plastic synapses of a shard. */
    void plastic(ShardLearning.Block block) {
        plasticOf.computeIfAbsent(block.program.process(), key -> new ArrayList<>()).add(block);
    }

    /** @return the value of a Var of plastic synapses (their weights, tags or traces) */
    double[] readPlastic(Var var) {
        List<ShardLearning.Block> blocks = plasticOf.get(var.owner());
        double[] r = new double[var.size()];
        boolean preTrace = var.name().startsWith("x");
        for (ShardLearning.Block b : blocks) {
            if (preTrace) {
                // a core keeps the pre traces of the inputs that have synapses on it
                int[] src = b.state.preTrace(var.name().charAt(1) - '1');
                for (int i = 0; i < src.length; i++) {
                    if (b.source[i] >= 0) {
                        r[i] = src[i];
                    }
                }
            } else {
                LearningState.readFixed(var.name(), b.state, b.varIndex, r);
            }
        }
        return r;
    }

    private void writePlastic(Var var, double[] values) {
        double[] full = var.expand(values);
        for (ShardLearning.Block b : plasticOf.get(var.owner())) {
            LearningState.writeFixed(var.owner().name(), var.name(), full, b.state, b.varIndex);
            b.refresh();
        }
        var.set(readPlastic(var));
    }

    private List<CoreRuntime> coresOf(Var var) {
        List<CoreRuntime> cs = coresOf.get(var.owner());
        if (cs == null) {
            throw ModelException.of(var.owner().name(), var.name(), "is not mapped to the chip in this run");
        }
        return cs;
    }

    /** @return the Var's value as the engine has it now (see {@link ChipEngine#read}) */
    double[] read(Var var) {
        if (plasticOf.containsKey(var.owner())) {
            return readPlastic(var);
        }
        Process p = var.owner();
        if (p instanceof org.spikemesh.process.lib.Synapses) {
            return staticValue(var);
        }
        List<CoreRuntime> cs = coresOf(var);
        if (p instanceof LIF lif && (var == lif.u() || var == lif.v())) {
            double[] r = new double[var.size()];
            for (CoreRuntime c : cs) {
                if (c.neurons == null) {
                    throw ModelException.of(p.name(), var.name(), "is partly on another partition of this run;"
                            + " record it with a probe instead");
                }
                int[] src = var == lif.u() ? c.neurons.u : c.neurons.v;
                for (int i = 0; i < c.n; i++) {
                    r[c.program.lo() + i] = src[c.base + i];
                }
            }
            return r;
        }
        return var.get();
    }

    /**
     * @return the value of a Var the engine does not change as it runs: as built, but the weights of static synapses
     *         as the reference backend and Lava's bit-accurate models read them back, clipped and truncated
     */
    static double[] staticValue(Var var) {
        if (var.owner() instanceof org.spikemesh.process.lib.Synapses syn && "weights".equals(var.name())) {
            return syn.preparedWeightValues(var);
        }
        return var.get();
    }

    /** Writes the Var where the engine keeps it (see {@link ChipEngine#write}). */
    void write(Var var, double[] values) {
        if (plasticOf.containsKey(var.owner())) {
            writePlastic(var, values);
            return;
        }
        Process p = var.owner();
        if (!(p instanceof LIF lif)) {
            // before the mapping check, which said a Dense's weights were "not mapped to the chip in this run"
            throw ModelException.of(p.name(), var.name(), "cannot be changed on the chip engine between runs; only"
                    + " LIF state and parameters can");
        }
        List<CoreRuntime> cs = coresOf(var);
        if (partitioned) {
            throw ModelException.of(p.name(), var.name(), "cannot be changed during a partitioned run");
        }
        var.set(values);
        lif.validate(NumericModel.FIXED_PT);
        for (CoreRuntime c : cs) {
            writeLif(lif, var, c);
        }
        for (CoreRuntime c : cs) {
            c.neurons.buildRuns();
        }
    }

    /** Copies a LIF Var's new values into one core: u or v into its neuron arrays, else every parameter. */
    private static void writeLif(LIF lif, Var var, CoreRuntime c) {
        for (int i = 0; i < c.n; i++) {
            int g = c.program.lo() + i;
            if (var == lif.u()) {
                c.neurons.u[c.base + i] = (int) var.get(g);
            } else if (var == lif.v()) {
                c.neurons.v[c.base + i] = (int) var.get(g);
            } else {
                c.program.neurons().factorU()[i] = FixedPoint.DECAY_UNITY - ((int) lif.du().get(g) + 1);
                c.program.neurons().factorV()[i] = FixedPoint.DECAY_UNITY - (int) lif.dv().get(g);
                c.program.neurons().bias()[i] = (int) lif.biasMant().get(g) << (int) lif.biasExp().get(g);
                c.program.neurons().vth()[i] = (int) lif.vth().get(g) << FixedPoint.VTH_SHIFT;
            }
        }
        c.refreshUniform();
    }
}
