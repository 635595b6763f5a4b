package org.spikemesh.cluster.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One point: a pure function of its job, with the metrics the chip config implies. */
class PointEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<PointJob> plan(String text) {
        return SweepPlan.points(SweepFile.load(SweepFiles.write(dir, "s.yaml", text)));
    }

    private static JsonNode eval(PointJob j) throws Exception {
        return JSON.readTree(PointEvaluator.evaluate(j));
    }

    @Test
    void shouldGiveTheSameTextForTheSameJob() {
        PointJob j = plan(SweepFiles.sixteen(20)).get(5);
        String a = PointEvaluator.evaluate(j);
        String b = PointEvaluator.evaluate(PointJob.parse(j.toJson()));
        assertEquals(a, b);
        assertFalse(a.contains("\n"));
    }

    @Test
    void shouldUseOneCorePerMaxNeuronsOfTheOnePopulation() throws Exception {
        List<PointJob> p = plan(SweepFiles.sixteen(10));
        // grid order: max_neurons (24, 50, 100, 128) slowest, then hop energy (2), then seed (2): 4 points each
        int[] cores = {5, 2, 1, 1}; // ceil(100 / max_neurons)
        for (int k = 0; k < 4; k++) {
            JsonNode r = eval(p.get(4 * k));
            assertTrue(r.get("fits").asBoolean());
            assertEquals(cores[k], r.get("cores_used").asInt(), "max_neurons index " + k);
            assertEquals(1, r.get("chips").asInt());
        }
    }

    @Test
    void shouldChargeTheBarrierEnergyOncePerStepAndAddEveryKindToTheTotal() throws Exception {
        List<PointJob> p = plan("format: spikemesh-sweep/1\nnetwork: {builtin: cuba, neurons: 100}\nchip: loihi-like\n"
                + "steps: 12\ngrid:\n  barrier.energy_pj: [0, 250, 1000]\n");
        double[] barrier = {0, 250 * 12, 1000 * 12};
        JsonNode first = eval(p.get(0));
        for (int k = 0; k < 3; k++) {
            JsonNode r = eval(p.get(k));
            JsonNode kinds = r.get("energy_pj_by_kind");
            assertEquals(barrier[k], kinds.get("barrier").asDouble(), 1e-9);
            double sum = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = kinds.fields(); it.hasNext(); ) {
                sum += it.next().getValue().asDouble();
            }
            assertEquals(sum, r.get("energy_pj").asDouble(), 1e-6 * sum);
            assertEquals(first.get("energy_pj").asDouble() + barrier[k], r.get("energy_pj").asDouble(),
                    1e-9 * r.get("energy_pj").asDouble(), "only the barrier's share changes");
            assertEquals(first.get("counts"), r.get("counts"), "the barrier's energy changes no count");
            assertEquals(r.get("counts").get("spikes").asLong(), first.get("counts").get("spikes").asLong());
            assertTrue(r.get("time_per_step_ns").asDouble() > 0);
        }
    }

    @Test
    void shouldGiveTheChipsAveragePowerWithEnergyAndTimePerStep() throws Exception {
        // one input spike over one east-west hop into a LIF that never fires, 3 steps on teaching-2x2: 617 ns and
        // 847 pJ, as ChipCostTest works out by hand; 847 / 617 pJ per ns = 1.372771 mW
        java.nio.file.Files.writeString(dir.resolve("fan_in.yaml"), "format: spikemesh-network/1\nprocesses:\n"
                + "  - {name: in, type: SpikeInput, shape: [1], spikes: {0: [1]}}\n"
                + "  - {name: w, type: Dense, weights: [[10]], num_weight_bits: 8, weight_exp: 0}\n"
                + "  - {name: lif, type: LIF, shape: [1], du: 4095, dv: 0, vth: 1000, bias_mant: 0, bias_exp: 0}\n"
                + "connections:\n  - [in.s_out, w.s_in]\n  - [w.a_out, lif.a_in]\n");
        String head = "format: spikemesh-sweep/1\nnetwork: {file: fan_in.yaml}\nchip: teaching-2x2\nsteps: 3\n"
                + "grid:\n  barrier.energy_pj: [50]\n";
        JsonNode r = eval(plan(head).get(0));
        assertEquals(847.0, r.get("energy_pj").asDouble(), 1e-9);
        assertEquals(617.0 / 3, r.get("time_per_step_ns").asDouble(), 1e-9);
        assertEquals(1.372771, r.get("average_power_mw").asDouble(), 1e-6);
        // without the time per step, no power
        JsonNode energyOnly = eval(plan(head + "metrics: [energy]\n").get(0));
        assertFalse(energyOnly.has("average_power_mw"), energyOnly.toString());
    }

    @Test
    void shouldReportAPointThatDoesNotFitWithTheMappingError() throws Exception {
        // teaching-2x2: 4 cores of 64 neurons and 4 KB of synapse memory; CUBA's 100 neurons x 80 synapses do not fit
        List<PointJob> p = plan("format: spikemesh-sweep/1\nnetwork: {builtin: cuba, neurons: 100}\n"
                + "chip: teaching-2x2\nsteps: 5\ngrid:\n  core.synapse_memory_bytes: [64]\n");
        JsonNode r = eval(p.get(0));
        assertFalse(r.get("fits").asBoolean());
        assertTrue(r.get("error").asText().length() > 10, r.toString());
        assertFalse(r.has("energy_pj"));
    }

    @Test
    void shouldCollectOnlyTheMetricsAsked() throws Exception {
        JsonNode r = eval(plan("format: spikemesh-sweep/1\nnetwork: {builtin: cuba, neurons: 100}\nchip: loihi-like\n"
                + "steps: 5\nmetrics: [time_per_step]\n").get(0));
        assertTrue(r.has("time_per_step_ns"));
        for (String absent : List.of("energy_pj", "energy_pj_by_kind", "cores_used", "counts")) {
            assertFalse(r.has(absent), absent);
        }
    }
}
