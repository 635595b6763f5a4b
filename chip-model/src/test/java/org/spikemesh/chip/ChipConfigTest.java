package org.spikemesh.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Presets round-trip; derived quantities against hand calculation; every kind of bad file names its field. */
class ChipConfigTest {

    static java.util.List<String> presets() {
        return ChipConfigs.presetNames();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void shouldRoundTripEveryPreset(String name) {
        ChipConfig c = ChipConfigs.preset(name);
        String text = ChipConfigs.toYaml(c);
        ChipConfig back = ChipConfigs.parse(text, "rt.yaml");
        assertEquals(c, back);
        assertEquals(text, ChipConfigs.toYaml(back));
        assertEquals(c.hash(), back.hash());
    }

    /**
     * TrueNorth's crossbar (Merolla 2014): a synapse is one bit, connected or not, in 256 x 256 bits (8 192 bytes);
     * each neuron has 4 signed 9-bit weights, one per axon type. A synapse stores no weight, so the dense format
     * takes 1 bit, not weight_bits + delay_bits = 9 (which would not fit the 1-bit word).
     */
    @Test
    void shouldStoreAConnectionBitPerSynapseWhenWeightsGoByAxonType() {
        SynapseEncoding tn = ChipConfigs.preset("truenorth-like").core().encoding();
        assertEquals(4, tn.axonTypes());
        assertEquals(9, tn.weightBits());
        assertEquals(1, tn.bitsPerSynapse("dense"));
        // without axon types the weight is stored: 9 + 0 bits
        assertEquals(9, new SynapseEncoding(9, 0, 0, 16, java.util.List.of("dense")).bitsPerSynapse("dense"));
        // sparse with axon types: index and delay only (8 + 2 bits)
        assertEquals(10, new SynapseEncoding(9, 8, 2, 16, java.util.List.of("sparse"), 4).bitsPerSynapse("sparse"));
        String text = ChipConfigs.presetText("truenorth-like").replace("axon_types: 4", "axon_types: 0");
        ChipConfigException e = assertThrows(ChipConfigException.class, () -> ChipConfigs.parse(text, "tn.yaml"));
        assertTrue(e.getMessage().contains("axon_types"), e.getMessage());
    }

    @Test
    void shouldShrinkOnlyTheCoresNeuronLimit() {
        ChipConfig c = ChipConfigs.preset("loihi-like").withTimeModel(TimeModel.DETAILED);
        ChipConfig small = c.withCoreNeurons(3);
        assertEquals(3, small.core().maxNeurons());
        assertEquals(c.core().maxFanInAxons(), small.core().maxFanInAxons());
        assertEquals(c.core().synapseMemoryBytes(), small.core().synapseMemoryBytes());
        assertEquals(c.core().synop(), small.core().synop());
        assertEquals(c.mesh(), small.mesh());
        assertEquals(TimeModel.DETAILED, small.timeModel(), "the time model stays");
        ChipConfigException e = assertThrows(ChipConfigException.class, () -> c.withCoreNeurons(0));
        assertTrue(e.getMessage().contains("core.max_neurons must be at least 1, got 0"), e.getMessage());
    }

    @Test
    void shouldComputeLoihiHopsAndMessageCosts() {
        ChipConfig c = ChipConfigs.preset("loihi-like");
        assertEquals(128, c.totalCores(1));
        // core 127: tile 31 = (x 7, y 3), core 3 in tile; core 0: tile (0, 0)
        assertEquals(new CoreCoord(0, 7, 3, 3), c.coord(127));
        assertEquals(7, c.hopsEastWest(0, 127));
        assertEquals(3, c.hopsNorthSouth(0, 127));
        assertEquals(10, c.hops(0, 127));
        // 7 x 3.0 pJ + 3 x 4.0 pJ = 33 pJ; 7 x 4.1 ns + 3 x 6.5 ns = 48.2 ns
        assertEquals(33.0, c.messageEnergyPj(0, 127), 1e-9);
        assertEquals(48.2, c.messageLatencyNs(0, 127), 1e-9);
        // cores 0..3 share tile (0,0): within-tile spike 1.7 pJ / 2.1 ns
        assertEquals(0, c.hops(0, 3));
        assertEquals(1.7, c.messageEnergyPj(0, 3), 1e-12);
    }

    @ParameterizedTest(name = "{0} tiles -> {1} ns")
    @CsvSource({"1, 113", "32, 465", "0, 113",
        "16, 283.3225806451613"})  // 113 + (465 - 113) * (16 - 1) / 31 = 113 + 5280 / 31 = 283.32...
    void shouldInterpolateLoihiBarrier(int tiles, double ns) {
        assertEquals(ns, ChipConfigs.preset("loihi-like").barrierNs(tiles), 1e-9);
    }

    @Test
    void shouldComputeBytesPerSynapse() {
        ChipConfig c = ChipConfigs.preset("loihi-like");
        // sparse: 9 weight + 10 index + 6 delay = 25 bits = 3.125 bytes; dense: 9 + 6 = 15 bits
        assertEquals(3.125, c.bytesPerSynapse("sparse"), 1e-12);
        assertEquals(15 / 8.0, c.bytesPerSynapse("dense"), 1e-12);
    }

    @Test
    void shouldRouteAcrossChipsOfAGrid() {
        ChipConfig c = ChipConfigs.preset("spinnaker-like");
        // 18 cores per chip, chips in an 8 x 6 grid; core 18 is chip 1 (x 1), core 18 * 9 is chip 9 (x 1, y 1)
        assertEquals(1, c.chipCrossings(0, 18));
        assertEquals(2, c.chipCrossings(0, 18 * 9));
        assertEquals(0, c.hops(0, 17), "cores of one chip share its router");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative memory | synapse_memory_bytes: 4096 | synapse_memory_bytes: -4096 | core.synapse_memory_bytes: -4096 is out of range; valid is 1..1099511627776 bytes",
        "zero neurons | max_neurons: 64 | max_neurons: 0 | core.max_neurons: 0 is out of range",
        "wrong unit | clock_mhz: 100 | clock_mhz: 100 MHz | core.clock_mhz: '100 MHz' is not a number in MHz",
        "mesh too small | cores_per_chip: 4 | cores_per_chip: 5 | mesh.cores_per_chip: 5 cores do not fit a 2 x 2 mesh",
        "encoding | word_bits: 16 | word_bits: 12 | core.synapse_encoding: the sparse format needs 16 bits per synapse (weight 9, index 6, delay 1) but a word holds 12",
        "chip links | chips: 1 | chips: 3 | mesh.chip_grid: 1 x 1 chips do not link 3 chips"
    })
    void shouldNameTheFieldOfEveryBadFile(String what, String from, String to, String expected) {
        String text = ChipConfigs.presetText("teaching-2x2").replace(from, to == null ? "" : to);
        ChipConfigException e = assertThrows(ChipConfigException.class, () -> ChipConfigs.parse(text, "my-chip.yaml"));
        assertTrue(e.getMessage().startsWith("my-chip.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void shouldNameUnknownAndMissingFields() {
        String unknown = ChipConfigs.presetText("teaching-2x2") + "warp_drive_gigajoules: 9\n";
        ChipConfigException e = assertThrows(ChipConfigException.class, () -> ChipConfigs.parse(unknown, "u.yaml"));
        assertTrue(e.getMessage().startsWith("u.yaml: warp_drive_gigajoules: unknown field 'warp_drive_gigajoules'"),
                e.getMessage());
        String missing = ChipConfigs.presetText("teaching-2x2").replace("  clock_mhz: 100\n", "");
        e = assertThrows(ChipConfigException.class, () -> ChipConfigs.parse(missing, "m.yaml"));
        assertEquals("m.yaml: core.clock_mhz: is missing", e.getMessage());
    }

    @Test
    void shouldRejectNonYaml() {
        ChipConfigException e = assertThrows(ChipConfigException.class,
                () -> ChipConfigs.parse("this: [is: not yaml\n", "junk.yaml"));
        assertTrue(e.getMessage().startsWith("junk.yaml:") && e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void shouldRefuseAKeyGivenTwice() {
        String text = ChipConfigs.presetText("teaching-2x2").replace("  clock_mhz: 100\n",
                "  clock_mhz: 100\n  clock_mhz: 200\n");
        int line = (int) text.substring(0, text.indexOf("clock_mhz: 200")).lines().count();
        ChipConfigException e = assertThrows(ChipConfigException.class, () -> ChipConfigs.parse(text, "d.yaml"));
        assertTrue(e.getMessage().startsWith("d.yaml:" + line + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("Duplicate field 'clock_mhz'"), e.getMessage());
    }
}
