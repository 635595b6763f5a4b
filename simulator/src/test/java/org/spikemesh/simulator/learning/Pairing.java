package org.spikemesh.simulator.learning;

import java.util.Map;
import java.util.TreeMap;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.SpikeInput;

/**
 * A test network that makes pre and post spikes at chosen steps: {@code pre} (a SpikeInput) drives the plastic
 * synapse; a {@code teacher} SpikeInput drives the post LIF through a strong Dense, so that a teacher spike at step s
 * makes the post neuron spike at s + 1 (Dense delays by one step; the LIF forgets u and v each step: du = dv = 4095,
 * and a weight of 100 gives v = 100 * 64 above the threshold 60 * 64). The plastic synapse also feeds the post neuron
 * (as a chip needs), but its weights here stay below 60, so learning never changes the spike times.
 */
final class Pairing {
    final LearningDense plastic;
    final ProcessGraph graph;

    Pairing(int[] preSteps, int[] postSteps, double w0, LearningRule rule, NumericModel model) {
        SpikeInput pre = SpikeInput.of("pre", new int[]{1}, spikes(preSteps, 0));
        SpikeInput teacher = SpikeInput.of("teacher", new int[]{1}, spikes(postSteps, 1));
        LIF post = LIF.builder("post").shape(1).du(4095).dv(4095).vth(60).model(model).build();
        Dense drive = Dense.of("drive", new double[][]{{100}});
        plastic = LearningDense.of("plastic", new double[][]{{w0}}, 8, 0, SignMode.MIXED, rule);
        teacher.sOut().connect(drive.sIn());
        drive.aOut().connect(post.aIn());
        pre.sOut().connect(plastic.sIn());
        plastic.aOut().connect(post.aIn());
        post.sOut().connect(plastic.sInBap());
        graph = ProcessGraph.of(pre, teacher, post, drive, plastic);
    }

    private static Map<Integer, int[]> spikes(int[] steps, int earlier) {
        Map<Integer, int[]> m = new TreeMap<>();
        int[] at = new int[steps.length];
        for (int k = 0; k < steps.length; k++) {
            at[k] = steps[k] - earlier;
        }
        m.put(0, at);
        return m;
    }
}
