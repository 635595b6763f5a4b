package org.spikemesh.process.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Process;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.LearningSparse;

/** Learning processes in spikemesh-network/1: read, written back unchanged, and clear errors. */
class LearningFileTest {
    private static final String NET = String.join("\n",
            "format: spikemesh-network/1",
            "name: plastic",
            "processes:",
            "  - {name: pre, type: SpikeInput, shape: [3], spikes: {0: [1, 4]}}",
            "  - {name: post, type: LIF, shape: [2], du: 4095, dv: 4095, vth: 10}",
            "  - {name: d, type: LearningDense, weights: [[1, 2, 3], [4, 5, 6]], num_weight_bits: 8, weight_exp: 0,",
            "     sign_mode: excitatory, learning_rule: {dw: \"2^-2*x1*y0 - 2^-2*y1*x0\", x1_impulse: 16, x1_tau: 10.5,",
            "     y1_impulse: 16, y1_tau: 1.0e+18, t_epoch: 2, rng_seed: 7}}",
            "  - {name: s, type: LearningSparse, shape: [2, 3], synapses: {post: [1, 0], pre: [2, 0], weights: [9, 8]},",
            "     sign_mode: mixed, learning_rule: {type: STDPLoihi, learning_rate: 1, A_plus: 1, A_minus: -1,",
            "     tau_plus: 10, tau_minus: 12, t_epoch: 1}}",
            "connections:",
            "  - [pre.s_out, d.s_in]",
            "  - [pre.s_out, s.s_in]",
            "  - [d.a_out, post.a_in]",
            "  - [s.a_out, post.a_in]",
            "  - [post.s_out, d.s_in_bap]",
            "  - [post.s_out, s.s_in_bap]",
            "");

    private static Process named(Network n, String name) {
        return n.processes().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void learningProcessesRoundTrip() {
        Network a = NetworkFile.parse(NET, "plastic.yaml", null);
        LearningDense d = (LearningDense) named(a, "d");
        assertEquals("dw = 2^-2*x1*y0 - 2^-2*y1*x0", d.rule().toString());
        assertEquals(10.5, d.rule().tau(0));
        assertEquals(2, d.rule().epoch());
        LearningSparse s = (LearningSparse) named(a, "s");
        // rows by pre: pre 0 -> post 0 (weight 8), pre 2 -> post 1 (weight 9)
        assertArrayEquals(new double[]{8, 9}, s.weights().get());
        String written = NetworkWriter.toYaml(a);
        Network b = NetworkFile.parse(written, "written.yaml", null);
        assertEquals(written, NetworkWriter.toYaml(b));
        assertEquals(s.rule().toString(), ((LearningSparse) named(b, "s")).rule().toString());
        assertEquals(12.0, ((LearningSparse) named(b, "s")).rule().tau(2));
    }

    @Test
    void aBadRuleNamesTheFileTheProcessAndTheColumn() {
        ModelException e = assertThrows(ModelException.class, () -> NetworkFile.parse(
                NET.replace("2^-2*x1*y0 - 2^-2*y1*x0", "2^-2*x1*y0 - 2^-2*y1*z0"), "plastic.yaml", null));
        assertTrue(e.getMessage().contains("plastic.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("'d'"), e.getMessage());
        assertTrue(e.getMessage().contains("learning_rule"), e.getMessage());
        assertTrue(e.getMessage().contains("column 22"), e.getMessage());
        e = assertThrows(ModelException.class, () -> NetworkFile.parse(NET.replace("sign_mode: excitatory, ", ""),
                "plastic.yaml", null));
        assertTrue(e.getMessage().contains("sign_mode") && e.getMessage().contains("required"), e.getMessage());
        // weights outside the sign mode's range are refused when a fixed-point run validates the network
        Process d = named(NetworkFile.parse(NET.replace("[[1, 2, 3]", "[[-1, 2, 3]"), "plastic.yaml", null), "d");
        e = assertThrows(ModelException.class, () -> d.validate(org.spikemesh.process.NumericModel.FIXED_PT));
        assertTrue(e.getMessage().contains("0..255") && e.getMessage().contains("'d'"), e.getMessage());
    }
}
