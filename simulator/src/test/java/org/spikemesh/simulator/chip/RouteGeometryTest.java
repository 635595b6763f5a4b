package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.MeshPaths;
import org.spikemesh.process.nets.Cuba;

/**
 * The contention-free latency of a message, as the counts take it from the column and row parts of the index into
 * the latency table (systems without a table of tile pairs), or read from the table, or computed, against the chip's
 * figures by hand.
 */
class RouteGeometryTest {

    /**
     * loihi-like (4.1 ns an east-west hop, 6.5 ns a north-south hop, 6.5 ns a chip-to-chip link, 2.1 ns within a tile)
     * on 2 x 2 chips of 8 x 4 tiles, cores of 10 neurons so that CUBA at 4 000 neurons (400 cores, 128 a chip) needs
     * all four: for every pair of cores, |dx - sx| * 4.1 + |dy - sy| * 6.5 + (chips crossed) * 6.5 ns, rounded to the
     * ns, or 2 ns within a tile. E.g. from tile (1, 2) of chip (0, 0) to tile (12, 5) of chip (1, 1): 11 * 4.1 + 3 * 6.5 + 2 * 6.5 = 77.6,
     * 78 ns.
     */
    @Test
    void shouldGiveEveryPairOfCoresTheLatencyOfItsHopsAndChipCrossings() {
        ChipConfig chip = ChipConfigs.withChips(ChipConfigs.preset("loihi-like").withCoreNeurons(10), 4);
        ChipProgram program = Compiler.compile(Cuba.build(4000, 5).graph(), chip, CompileOptions.defaults())
                .program();
        MeshPaths paths = program.cores().get(0).routes().paths();
        RouteGeometry geo = new RouteGeometry(program);
        // with no room for the latency table's entries, the latencies are computed instead of read
        System.setProperty(RouteGeometry.TABLE_ENTRIES_PROPERTY, "0");
        RouteGeometry computed;
        RouteGeometry computedAlone;
        try {
            computed = new RouteGeometry(program);
            // without the parts either, nothing reads the table: none is kept
            System.setProperty(RouteGeometry.PART_ENTRIES_PROPERTY, "0");
            computedAlone = new RouteGeometry(program);
        } finally {
            System.clearProperty(RouteGeometry.TABLE_ENTRIES_PROPERTY);
            System.clearProperty(RouteGeometry.PART_ENTRIES_PROPERTY);
        }
        assertEquals(0, computedAlone.latency.length, "a table nothing reads");
        assertTrue(computedAlone.columnPart == null && computed.latency.length > 0);
        int n = program.cores().size();
        assertEquals(400, n, "cores");
        boolean eastWestCrossing = false;
        boolean northSouthCrossing = false;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                int ew = Math.abs(paths.tileX()[a] - paths.tileX()[b]);
                int ns = Math.abs(paths.tileY()[a] - paths.tileY()[b]);
                int cx = Math.abs(paths.chipX()[a] - paths.chipX()[b]);
                int cy = Math.abs(paths.chipY()[a] - paths.chipY()[b]);
                eastWestCrossing |= cx > 0;
                northSouthCrossing |= cy > 0;
                long expected = ew + ns == 0 ? 2 : Math.round(ew * 4.1 + ns * 6.5 + (cx + cy) * 6.5);
                int index = geo.columnPart[paths.tileX()[a] * geo.tilesX + paths.tileX()[b]]
                        + geo.rowPart[paths.tileY()[a] * geo.tilesY + paths.tileY()[b]];
                assertEquals(expected, geo.latency[index], "core " + a + " to core " + b);
                assertEquals(expected, geo.latencyNs(a, b), "read, core " + a + " to core " + b);
                assertEquals(expected, computed.latencyNs(a, b), "computed, core " + a + " to core " + b);
                assertEquals(expected, computedAlone.latencyNs(a, b), "computed alone, core " + a + " to core " + b);
            }
        }
        assertTrue(eastWestCrossing && northSouthCrossing, "the cores sit on chips side by side and one above another");
        assertEquals(16, geo.tilesX);
        assertEquals(8, geo.tilesY);
        // the example of the comment: 11 hops east-west, 3 north-south, 2 chip crossings
        assertEquals(78, geo.latency[geo.columnPart[16 + 12] + geo.rowPart[2 * 8 + 5]]);
    }

    /**
     * Beyond the tile limit of the pair table the counts take latencies from the parts alone, and beyond the parts'
     * limit from the cores' places.
     */
    @Test
    void shouldKeepNoPairTableBeyondItsTileLimit() {
        String key = RouteGeometry.PAIR_TILES_PROPERTY;
        String before = System.getProperty(key);
        System.setProperty(key, "0");
        try {
            ChipConfig chip = ChipConfigs.withChips(ChipConfigs.preset("loihi-like").withCoreNeurons(10), 2);
            ChipProgram program = Compiler.compile(Cuba.build(1200, 5).graph(), chip, CompileOptions.defaults())
                    .program();
            assertNull(new RouteGeometry(program).pairLatency);
            // the parts take columns squared plus rows squared entries: with room for one fewer, none
            int entries = program.tilesX() * program.tilesX() + program.tilesY() * program.tilesY();
            System.setProperty(RouteGeometry.PART_ENTRIES_PROPERTY, String.valueOf(entries - 1));
            RouteGeometry small = new RouteGeometry(program);
            assertNull(small.columnPart);
            assertNull(small.rowPart);
            System.setProperty(RouteGeometry.PART_ENTRIES_PROPERTY, String.valueOf(entries));
            RouteGeometry enough = new RouteGeometry(program);
            assertEquals(program.tilesX() * program.tilesX(), enough.columnPart.length);
            assertEquals(program.tilesY() * program.tilesY(), enough.rowPart.length);
        } finally {
            System.clearProperty(RouteGeometry.PART_ENTRIES_PROPERTY);
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
