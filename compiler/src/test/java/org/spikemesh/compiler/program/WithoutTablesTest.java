package org.spikemesh.compiler.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.nets.Cuba;

/** A program without its per-synapse arrays: what a simulator keeps once it has built its own tables. */
class WithoutTablesTest {
    /** Two axons: axon 0 reaches neurons 0 and 1 (weights 5, -3), axon 1 neuron 0 (weight 7), with delays 0, 2, 1. */
    private static SynapseMemory twoAxons() {
        return new SynapseMemory(new int[]{0, 2, 3}, new short[]{0, 1, 0}, new short[]{5, -3, 7},
                new byte[]{0, 2, 1}, null, new int[]{0}, 2);
    }

    @Test
    void countsComeFromTheArraysAndSurviveThem() {
        SynapseMemory m = twoAxons();
        assertEquals(2, m.axons());
        assertEquals(3, m.synapses());
        assertTrue(m.hasTables());
        SynapseMemory light = m.withoutTables();
        assertFalse(light.hasTables());
        assertEquals(2, light.axons());
        assertEquals(3, light.synapses());
        assertEquals(1, light.lanes());
        assertEquals(2, light.maxDelay());
        assertNull(light.post());
        assertNull(light.weight());
        assertNull(light.delay());
    }

    @Test
    void shouldGiveBackEveryOffsetHeldIn16Or32Bits() {
        SynapseMemory m = twoAxons();
        assertEquals(0, m.axonStart(0));
        assertEquals(2, m.axonStart(1));
        assertEquals(3, m.axonStart(2));
        assertEquals(2, m.axonSynapses(0));
        assertEquals(1, m.axonSynapses(1));
        // 65 535 synapses: the last offset is the largest 16-bit value; one more and the offsets take 32 bits
        for (int n : new int[]{65_535, 65_536, 70_000}) {
            SynapseMemory big = new SynapseMemory(new int[]{0, 1, n - 2, n}, new short[n], new short[n], null, null,
                    new int[]{0}, 0);
            assertEquals(n - 2, big.axonStart(2), "with " + n + " synapses");
            assertEquals(n, big.axonStart(3), "with " + n + " synapses");
            assertEquals(n - 3, big.axonSynapses(1), "with " + n + " synapses");
            assertEquals(2L * n + 2L * n + (n <= 65_535 ? 2 : 4) * 4L, big.tableBytes(), "with " + n + " synapses");
        }
        assertEquals(0, m.withoutTables().tableBytes());
    }

    @Test
    void shouldGiveBackEverySlotsCoreHeldIn16Or32Bits() {
        // one neuron with two routes, to slots 0 and 1; cores up to 65 535 take 16 bits, a larger one 32
        RouteTable narrow = new RouteTable(0, new int[]{0, 2}, new int[]{0, 1 << RouteTable.AXON_BITS},
                new int[]{5, 65_535}, null, null);
        assertEquals(5, narrow.destCore(0));
        assertEquals(65_535, narrow.destCore(1));
        assertEquals(2, narrow.slots());
        assertEquals(4 * 2 + 4 * 2 + 2 * 2, narrow.tableBytes());
        RouteTable wide = new RouteTable(0, new int[]{0, 2}, new int[]{0, 1 << RouteTable.AXON_BITS},
                new int[]{5, 65_536}, null, null);
        assertEquals(65_536, wide.destCore(1));
        assertEquals(4 * 2 + 4 * 2 + 4 * 2, wide.tableBytes());
        assertEquals(2, wide.withoutTables().slots());
        assertEquals(0, wide.withoutTables().tableBytes());
    }

    @Test
    void shouldRefuseCountsThatDisagreeWithTheArrays() {
        assertThrows(IllegalArgumentException.class, () -> new SynapseMemory(3, 3, new int[]{0, 2, 3},
                new short[]{0, 1, 0}, new short[]{5, -3, 7}, null, null, new int[]{0}, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynapseMemory(2, 4, new int[]{0, 2, 3},
                new short[]{0, 1, 0}, new short[]{5, -3, 7}, null, null, new int[]{0}, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynapseMemory(2, 3, new int[]{0, 2, 3},
                new short[]{0, 1, 0}, new short[]{5, -3}, null, null, new int[]{0}, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynapseMemory(2, 3, null,
                new short[]{0, 1, 0}, null, null, null, new int[]{0}, 0), "arrays without offsets");
    }

    @Test
    void aLightProgramKeepsItsShapeAndNeuronsButNoSynapseOrRouteArrays() {
        ChipProgram p = Compiler.compile(Cuba.build(400, 2).graph(), ChipConfigs.preset("loihi-like"),
                CompileOptions.defaults()).program();
        ChipProgram light = p.withoutTables();
        assertEquals(p.synapses(), light.synapses());
        // CUBA at 400 neurons: 80 inputs each
        assertEquals(400L * 80, light.synapses());
        assertEquals(p.cores().size(), light.cores().size());
        assertSame(p.plastic(), light.plastic());
        assertArrayEquals(p.tileX(), light.tileX());
        for (int c = 0; c < p.cores().size(); c++) {
            CoreProgram full = p.cores().get(c);
            CoreProgram k = light.cores().get(c);
            assertEquals(full.globalCore(), k.globalCore());
            assertEquals(full.synapses().axons(), k.synapses().axons());
            assertEquals(full.memoryBytes(), k.memoryBytes());
            assertSame(full.neurons(), k.neurons(), "neuron state stays: the engine sets LIF parameters in it");
            assertSame(full.routes().paths(), k.routes().paths());
            assertFalse(k.synapses().hasTables());
            assertFalse(k.routes().hasTables());
            assertEquals(0, k.routes().tableBytes());
            assertEquals(full.routes().slots(), k.routes().slots(), "the slot count stays");
            assertTrue(full.synapses().hasTables() && full.routes().hasTables(), "the original is untouched");
        }
    }
}
