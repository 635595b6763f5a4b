package org.spikemesh.compiler;

import java.util.List;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.LIF;

/**
 * Stage 2: brings a network to the chip's fixed point. Fixed-point networks pass through unchanged (their weights
 * are prepared by {@link Flattener} exactly as Lava prepares them). Float networks are refused with a message that
 * says so: the float-to-fixed conversion is not part of this release.
 */
public final class Quantiser {
    private Quantiser() {
    }

    /**
     * @param graph errors per synapse group (empty when nothing was converted)
     * @param errors per synapse group: relative weight error and mantissa bits used
     */
    public record Result(ProcessGraph graph, List<GroupError> errors) {
    }

    /**
     * @param group synapse group
     * @param weightExp chosen exponent
     * @param maxRelativeError largest relative weight error
     * @param mantissaBitsUsed bits of the mantissa the largest weight uses
     */
    public record GroupError(String group, int weightExp, double maxRelativeError, int mantissaBitsUsed) {
    }

    /**
     * @param graph the network
     * @return the fixed-point network and its quantisation errors
     */
    public static Result quantise(ProcessGraph graph) {
        for (Process p : graph.processes()) {
            if (p instanceof LIF && ((LIF) p).model() == NumericModel.FLOAT_PT) {
                throw ModelException.of(p.name(), "model", "is float_pt; the chip runs fixed_pt and this compiler does"
                        + " not convert float networks yet: give the LIFs model: fixed_pt with integer parameters");
            }
        }
        return new Result(graph, List.of());
    }
}
