package org.spikemesh.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** core.events, time_model and barrier.interpolation: loihi-calibrated's figures, defaults, and every bad value. */
class ChipFidelityConfigTest {
    private static final String EVENT = "  message_receive: {energy_pj: 5, time_ns: 1}\n";

    @Test
    void shouldCarrySanaFeLoihiFiguresInLoihiCalibrated() {
        ChipConfig c = ChipConfigs.preset("loihi-calibrated");
        assertEquals(TimeModel.DETAILED, c.timeModel());
        assertEquals(List.of(
                new Charge("neuron_access", ChargePer.NEURON_STEP, null, new Cost(51.2, 6.0)),
                new Charge("neuron_update", ChargePer.UPDATED_NEURON, null, new Cost(21.6, 3.7)),
                new Charge("neuron_fire", ChargePer.NEURON_SPIKE, null, new Cost(69.3, 30)),
                new Charge("message_out", ChargePer.DESTINATION_CORE, null, new Cost(111, 5.1)),
                new Charge("synapse_dense", ChargePer.SYNOP, "dense", new Cost(35.5, 3.8)),
                new Charge("synapse_sparse", ChargePer.SYNOP, "sparse", new Cost(33.6, 4.7)),
                new Charge("synapse_conv", ChargePer.SYNOP, "shared", new Cost(24.0, 3.1))), c.events());
        assertEquals(new Cost(0, 16), c.core().messageReceive());
        assertEquals(new Cost(3.0, 4.1), c.router().hopEastWest());
        assertEquals(new Cost(4.2, 6.5), c.router().hopNorthSouth());
        assertEquals(16, c.router().bufferDepth());
    }

    @ParameterizedTest(name = "{0} tiles -> {1} ns")
    @CsvSource({"1, 600", "2, 1000", "3, 1000", "4, 1400", "28, 1400", "29, 1800", "32, 1800", "0, 600"})
    void shouldLookUpTheSyncTableAsSanaFe(int tiles, double ns) {
        // the largest entry at or below the tiles in use (SANA-FE's LookupTable), the first one below it
        assertEquals(ns, ChipConfigs.preset("loihi-calibrated").barrierNs(tiles), 1e-9);
    }

    @Test
    void shouldKeepOlderFilesAsTheyWere() {
        for (String name : List.of("loihi-like", "truenorth-like", "spinnaker-like", "teaching-2x2")) {
            ChipConfig c = ChipConfigs.preset(name);
            assertEquals(List.of(), c.events());
            assertEquals(TimeModel.PER_STEP, c.timeModel());
            assertFalse(c.barrier().step());
            String yaml = ChipConfigs.toYaml(c);
            // the canonical form (and so the hash in run summaries) has no new field
            assertFalse(yaml.contains("events") || yaml.contains("time_model") || yaml.contains("interpolation"), yaml);
        }
    }

    @Test
    void shouldReadEventsAndTimeModelOfAFile() {
        String text = ChipConfigs.presetText("teaching-2x2").replace(EVENT, EVENT
                + "  events:\n    - {name: access, per: neuron_step, energy_pj: 2, time_ns: 0.5}\n")
                + "time_model: detailed\n";
        ChipConfig c = ChipConfigs.parse(text, "t.yaml");
        assertEquals(List.of(new Charge("access", ChargePer.NEURON_STEP, null, new Cost(2, 0.5))), c.events());
        assertEquals(TimeModel.DETAILED, c.timeModel());
        assertEquals(c, ChipConfigs.parse(ChipConfigs.toYaml(c), "rt.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown per | {name: x, per: per_fortnight, energy_pj: 1, time_ns: 1} | core.events[0].per: 'per_fortnight' is not valid; valid are neuron_step, updated_neuron, resting_neuron, neuron_spike, spike, message_out, destination_core, message_in, synop",
        "format off synop | {name: x, per: spike, format: dense, energy_pj: 1, time_ns: 1} | core.events[0].format: is only valid with per: synop (this event is per: spike)",
        "format not in encoding | {name: x, per: synop, format: shared, energy_pj: 1, time_ns: 1} | core.events[0].format: 'shared' is not valid; valid are the core's synapse formats [dense, sparse]",
        "negative energy | {name: x, per: synop, energy_pj: -1, time_ns: 1} | core.events[0].energy_pj: -1 is out of range; valid is 0..1000000000000 pJ",
        "missing time | {name: x, per: synop, energy_pj: 1} | core.events[0].time_ns: is missing",
        "unknown field | {name: x, per: synop, energy_pj: 1, time_ns: 1, when: always} | core.events[0].when: unknown field 'when'",
        "empty name | {name: '', per: synop, energy_pj: 1, time_ns: 1} | core.events[0].name: is empty; valid is a non-empty name"
    })
    void shouldNameTheFieldOfEveryBadEvent(String what, String event, String expected) {
        String text = ChipConfigs.presetText("teaching-2x2").replace(EVENT, EVENT + "  events:\n    - " + event + "\n");
        assertBad(text, expected);
    }

    @Test
    void shouldRejectDuplicateEventsAndAnEventMapping() {
        String twice = ChipConfigs.presetText("teaching-2x2").replace(EVENT, EVENT + "  events:\n"
                + "    - {name: a, per: spike, energy_pj: 1, time_ns: 1}\n"
                + "    - {name: a, per: synop, energy_pj: 1, time_ns: 1}\n");
        assertBad(twice, "core.events[1].name: 'a' is listed twice; valid is a name not used before");
        String mapping = ChipConfigs.presetText("teaching-2x2").replace(EVENT, EVENT + "  events: {a: 1}\n");
        assertBad(mapping, "core.events: must be a list of {name, per, energy_pj, time_ns} (format optional)");
    }

    @Test
    void shouldRejectAnUnknownTimeModelOrInterpolation() {
        assertBad(ChipConfigs.presetText("teaching-2x2") + "time_model: exact\n",
                "time_model: 'exact' is not valid; valid are per-step, detailed");
        String interp = ChipConfigs.presetText("loihi-calibrated").replace("interpolation: step", "interpolation: cubic");
        assertBad(interp, "barrier.interpolation: 'cubic' is not valid; valid are linear, step");
    }

    private static void assertBad(String text, String expected) {
        ChipConfigException e = assertThrows(ChipConfigException.class, () -> ChipConfigs.parse(text, "my-chip.yaml"));
        assertTrue(e.getMessage().startsWith("my-chip.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
