package org.spikemesh.simulator.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * Reward-modulated STDP (RSTDPLoihi): the tag t holds the eligibility, the reward y2 is a third factor written from
 * outside, and the weight moves only while a reward is present. Worked by hand, on both backends.
 */
public class ThreeFactorTest {
    /**
     * @return RSTDPLoihi with lr 1, A_plus 1, A_minus -1, traces that never decay with kernel 16, eligibility decay 0,
     *         epoch 1 (the rule the hand calculations here and in ChipRefPortTest use)
     */
    public static Map<String, Object> rstdp() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "RSTDPLoihi");
        p.put("learning_rate", 1.0);
        p.put("A_plus", 1.0);
        p.put("A_minus", -1.0);
        p.put("pre_trace_decay_tau", 1.0e18);
        p.put("post_trace_decay_tau", 1.0e18);
        p.put("pre_trace_kernel_magnitude", 16);
        p.put("post_trace_kernel_magnitude", 16);
        p.put("eligibility_trace_decay_tau", 0.0);
        p.put("t_epoch", 1);
        return p;
    }

    /**
     * lr 1, A_plus 1, A_minus -1, traces that never decay (tau 1e18) with kernel 16, eligibility decay 0, epoch 1.
     * Pre at 2, post at 4 (causal). At step 4 the y0 product of dt adds x1 = 16: t = (16 << 7) / 128 = 16. The weight
     * rule dw = u0*t*y2 (u0 holds every epoch) reads y2 = 0 until the reward y2 = 8 is written after step 5; from
     * step 6 each epoch adds (16 * 8 * 1) >> (9 + 7 + 4 - 15 = 5) = 4 units: w = 40 until step 5, then 44, 48, 52.
     */
    @ParameterizedTest(name = "chip engine: {0}")
    @ValueSource(booleans = {false, true})
    void rewardGatesTheEligibilityIntoTheWeight(boolean onChip) {
        Map<String, Object> p = rstdp();
        Pairing net = new Pairing(new int[]{2}, new int[]{4}, 40, LearningRules.fromParameters(p),
                NumericModel.FIXED_PT);
        double[] w = new double[8];
        double[] tag = new double[8];
        RunConfig cfg = RunConfig.defaults();
        try (Simulation sim = onChip ? new Simulation(new ChipEngine(net.graph, Compiler.compile(net.graph,
                ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program(), cfg, 2))
                : Simulation.reference(net.graph, cfg)) {
            for (int t = 1; t <= 8; t++) {
                sim.run(1);
                w[t - 1] = sim.get(net.plastic.weights())[0];
                tag[t - 1] = sim.get(net.plastic.tag1())[0];
                if (t == 5) {
                    sim.set(net.plastic.trace(3), new double[]{8});
                }
            }
        }
        assertArrayEquals(new double[]{0, 0, 0, 16, 16, 16, 16, 16}, tag);
        assertArrayEquals(new double[]{40, 40, 40, 40, 40, 44, 48, 52}, w);
    }

    @org.junit.jupiter.api.Test
    void aChipWithoutLearningTracesRefusesPlasticSynapsesWithTheReason() {
        Pairing net = new Pairing(new int[]{2}, new int[]{4}, 40, FixedLearningTest.rule("x1*y0", 0, 0, 1),
                NumericModel.FIXED_PT);
        org.spikemesh.compiler.MappingException e = assertThrows(org.spikemesh.compiler.MappingException.class,
                () -> Compiler.compile(net.graph, ChipConfigs.preset("truenorth-like"), CompileOptions.defaults()));
        assertTrue(e.getMessage().contains("plastic") && e.getMessage().contains("1-bit"), e.getMessage());
    }

    /**
     * A chip that keeps its weights by axon type, a few per neuron, cannot hold a weight per synapse, so no synapse can
     * learn: truenorth-like given 7-bit traces still refuses plastic synapses, for that reason (it compiled them).
     */
    @org.junit.jupiter.api.Test
    void aChipWithWeightsByAxonTypeRefusesPlasticSynapses() {
        Pairing net = new Pairing(new int[]{2}, new int[]{4}, 40, FixedLearningTest.rule("x1*y0", 0, 0, 1),
                NumericModel.FIXED_PT);
        org.spikemesh.chip.ChipConfig chip = ChipConfigs.parse(ChipConfigs.presetText("truenorth-like")
                .replace("trace_bits: 1", "trace_bits: 7"), "tn7.yaml");
        org.spikemesh.compiler.MappingException e = assertThrows(org.spikemesh.compiler.MappingException.class,
                () -> Compiler.compile(net.graph, chip, CompileOptions.defaults()));
        assertTrue(e.getMessage().endsWith(": truenorth-like keeps its weights by axon type (4 per neuron), not per"
                + " synapse, so no synapse can learn a weight of its own; use a chip whose synapses hold their weights,"
                + " e.g. loihi-like"), e.getMessage());
    }
}
