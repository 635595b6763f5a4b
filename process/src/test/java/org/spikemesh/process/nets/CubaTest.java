package org.spikemesh.process.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SynapseTable;

/**
 * CUBA as Brian2's benchmark states it: every neuron receives 64 distinct excitatory inputs from the first 80 % and
 * 16 distinct inhibitory ones from the last 20 %, with one weight per synapse process (81, and -225 with exponent 2),
 * held once.
 */
class CubaTest {

    private static Sparse sparse(Network net, String name) {
        return (Sparse) net.processes().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static void check(SynapseTable t, int n, int from, int to, int perNeuron) {
        assertEquals(n, t.numInputs());
        assertEquals(n, t.numOutputs());
        assertEquals((long) n * perNeuron, t.size());
        List<Set<Integer>> inputs = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            inputs.add(new HashSet<>());
        }
        for (int i = 0; i < n; i++) {
            for (int k = t.rowStart()[i]; k < t.rowStart()[i + 1]; k++) {
                assertTrue(i >= from && i < to, "input " + i + " outside " + from + ".." + (to - 1));
                if (k > t.rowStart()[i]) {
                    assertTrue(t.post()[k] > t.post()[k - 1], "row " + i + " not increasing");
                }
                assertTrue(inputs.get(t.post()[k]).add(i), "input " + i + " twice into " + t.post()[k]);
            }
        }
        for (int o = 0; o < n; o++) {
            assertEquals(perNeuron, inputs.get(o).size(), "inputs of neuron " + o);
        }
    }

    @Test
    void shouldGiveEveryNeuronItsDistinctInputsAndOneWeightPerProcess() {
        int n = 1000;
        Network net = Cuba.build(n, 7);
        Sparse exc = sparse(net, "exc");
        Sparse inh = sparse(net, "inh");
        check(exc.table(), n, 0, 800, Cuba.EXC_INPUTS);
        check(inh.table(), n, 800, n, Cuba.INH_INPUTS);
        assertTrue(exc.weights().isUniform() && exc.weights().get(0) == 81);
        assertTrue(inh.weights().isUniform() && inh.weights().get(0) == -225);
        assertEquals(2, inh.weightExp());
        assertEquals(0, exc.table().weight().bytesPerValue(), "one weight for all, held once");
    }
}
