package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.MappingException;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.chip.Accounts;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * Computes one point: builds the network, compiles it onto the point's chip and runs it on the chip engine (one
 * thread; the engine's results do not depend on threads). A pure function of the job: the same job gives the same
 * JSON text, byte for byte (no wall-clock time or host in it).
 */
public final class PointEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PointEvaluator() {
    }

    /**
     * @param job the point
     * @return its result, one line of JSON
     */
    public static String evaluate(PointJob job) {
        ObjectNode r = JSON.createObjectNode();
        r.put("point", job.index());
        r.put("key", job.key());
        r.set("params", job.params());
        r.put("seed", job.seed());
        r.put("steps", job.steps());
        ChipConfig chip = ChipEditor.read(job.chipYaml(), "point " + job.index());
        ProcessGraph graph = job.network().build(job.seed());
        Compilation c;
        try {
            // streamed: the engine reads the synapses from the network, so a worker never holds the program's arrays
            c = Compiler.compile(graph, chip, CompileOptions.defaults().withSeed(job.seed()).withStreamed(true));
        } catch (MappingException e) {
            r.put("fits", false);
            r.put("error", e.getMessage());
            return text(r);
        }
        r.put("fits", true);
        try (ChipEngine engine = new ChipEngine(c.graph(), c.program(), RunConfig.defaults().seed(job.seed()), 1)) {
            engine.run(job.steps());
            metrics(r, job, c, engine.accounts());
        }
        return text(r);
    }

    private static void metrics(ObjectNode r, PointJob job, Compilation c, Accounts a) {
        Map<String, Double> energy = a.energyByKind();
        if (job.metrics().contains("energy")) {
            r.put("energy_pj", energy.get("total"));
        }
        if (job.metrics().contains("energy_by_kind")) {
            ObjectNode e = r.putObject("energy_pj_by_kind");
            energy.forEach((k, v) -> {
                if (!"total".equals(k)) {
                    e.put(k, v);
                }
            });
        }
        if (job.metrics().contains("time_per_step")) {
            r.put("time_per_step_ns", a.timeNs() / job.steps());
        }
        if (job.metrics().contains("energy") && job.metrics().contains("time_per_step")) {
            // pJ per ns is mW: the chip's mean power over the simulated time, as a run's summary.json gives it
            r.put("average_power_mw", a.timeNs() == 0 ? 0.0 : energy.get("total") / a.timeNs());
        }
        if (job.metrics().contains("cores_used")) {
            r.put("cores_used", c.program().cores().size());
            r.put("chips", c.program().chip().mesh().chips());
        }
        if (job.metrics().contains("counts")) {
            ObjectNode n = r.putObject("counts");
            a.counts().forEach(n::put);
        }
    }

    private static String text(ObjectNode r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result cannot be written as JSON", e);
        }
    }
}
