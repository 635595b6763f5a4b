package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A parsed sweep file.
 *
 * @param file the file, as named in messages
 * @param name the sweep's name
 * @param network the network
 * @param chipSource the base chip, as written (a preset name or a path)
 * @param chipYaml the base chip's YAML text
 * @param steps steps run per point
 * @param seed the seed of every point (unless {@code seed} is a grid parameter)
 * @param grid grid parameters by dotted path, in file order, each with its values
 * @param samples random samples per grid combination (1 when there are no random parameters)
 * @param randomSeed seed of the random draws
 * @param random random parameters, in file order
 * @param metrics metrics to collect
 */
public record SweepSpec(String file, String name, NetworkSpec network, String chipSource, String chipYaml, int steps,
                        long seed, LinkedHashMap<String, List<JsonNode>> grid, int samples, long randomSeed,
                        List<RandomParameter> random, List<String> metrics) {
    /** Metrics a sweep can collect; {@code fits} (and the mapping error when it does not) is always there. */
    public static final List<String> METRICS = List.of("energy", "energy_by_kind", "time_per_step", "cores_used",
            "counts");
}
