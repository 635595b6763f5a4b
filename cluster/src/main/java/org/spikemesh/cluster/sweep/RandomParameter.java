package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A chip parameter drawn at random: uniformly from a list of choices, or from [min, max] (uniform, or uniform in
 * log space; rounded to whole numbers when {@code integer}).
 *
 * @param path dotted path into the chip config
 * @param min lower bound (ranges)
 * @param max upper bound (ranges)
 * @param integer true to draw whole numbers
 * @param log true to draw uniformly in log space
 * @param choices the choices, or null for a range
 */
public record RandomParameter(String path, double min, double max, boolean integer, boolean log, List<JsonNode> choices) {
    /**
     * @param rng the sweep's random source, advanced by one draw
     * @return the value drawn
     */
    public JsonNode draw(SplittableRandom rng) {
        if (choices != null) {
            return choices.get(rng.nextInt(choices.size()));
        }
        double u = rng.nextDouble();
        double v = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
        if (integer) {
            long r = Math.round(v);
            return LongNode.valueOf(Math.max((long) Math.ceil(min), Math.min((long) Math.floor(max), r)));
        }
        return DoubleNode.valueOf(v);
    }
}
