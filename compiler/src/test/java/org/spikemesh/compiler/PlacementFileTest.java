package org.spikemesh.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.RouteTable;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;

class PlacementFileTest {
    private static final ChipConfig TINY = CompilerTest.tiny(ChipConfigs.preset("loihi-like"), 100);

    private static int coreOf(Compilation c, String population, int lo) {
        for (CoreProgram k : c.program().cores()) {
            if (k.process().name().equals(population) && k.lo() == lo) {
                return k.globalCore();
            }
        }
        throw new AssertionError(population + "@" + lo);
    }

    @Test
    void shouldPutPinnedBlocksExactlyWhereTheFileSaysAndPlaceTheRestAround(@TempDir Path dir) throws IOException {
        // CUBA 400 on cores of 100 neurons: blocks cuba@0, @100, @200, @300. Pin two of them far apart.
        Path f = dir.resolve("pins.csv");
        Files.writeString(f, "population,first_neuron,chip,core\ncuba,0,0,127\n# a comment\ncuba,200,0,64\n");
        ProcessGraph g = Cuba.build(400, 1).graph();
        Compilation c = Compiler.compile(g, TINY, CompileOptions.defaults().withPins(PlacementFile.read(f)));
        assertEquals(127, coreOf(c, "cuba", 0));
        assertEquals(64, coreOf(c, "cuba", 200));
        int other1 = coreOf(c, "cuba", 100);
        int other2 = coreOf(c, "cuba", 300);
        assertTrue(other1 != 127 && other1 != 64 && other2 != 127 && other2 != 64 && other1 != other2);
        assertEquals(List.of(), ProgramValidator.violations(c.program()));
    }

    @Test
    void shouldGiveTheSameProgramFromAWrittenPlacement(@TempDir Path dir) throws IOException {
        ProcessGraph g = Cuba.build(1000, 2).graph();
        Compilation first = Compiler.compile(g, TINY, CompileOptions.defaults().withSeed(5));
        Path f = dir.resolve("layout.csv");
        Files.writeString(f, PlacementFile.write(first));
        // another seed would place differently; the file pins every block back where it was
        Compilation again = Compiler.compile(Cuba.build(1000, 2).graph(), TINY,
                CompileOptions.defaults().withSeed(99).withPins(PlacementFile.read(f)));
        int[] a = first.program().cores().stream().mapToInt(CoreProgram::globalCore).toArray();
        int[] b = again.program().cores().stream().mapToInt(CoreProgram::globalCore).toArray();
        assertArrayEquals(a, b);
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(first.program().cores().get(k).routes().neuronRoutes(),
                    again.program().cores().get(k).routes().neuronRoutes());
            RouteTable ra = first.program().cores().get(k).routes();
            RouteTable rb = again.program().cores().get(k).routes();
            assertEquals(ra.slots(), rb.slots());
            for (int s = 0; s < ra.slots(); s++) {
                assertEquals(ra.destCore(s), rb.destCore(s), "core " + k + " slot " + s);
            }
        }
    }

    @Test
    void shouldNameTheLineAndTheProblemOfABadPin(@TempDir Path dir) throws IOException {
        ProcessGraph g = Cuba.build(400, 1).graph();
        String[][] cases = {
            {"cuba,50,0,3", "pins.csv:2: population cuba has no block starting at neuron 50; its blocks start at 0, 100, 200, 300"},
            {"exc,0,0,3", "pins.csv:2: no population 'exc' in the network"},
            {"cuba,0,1,3", "pins.csv:2: chip 1 core 3 does not exist on loihi-like x 1 (chips 0..0, cores 0..127); pass --chips to use more chips"},
            {"cuba,0,0,3\ncuba,100,0,3", "pins.csv:3: chip 0 core 3 is already taken by"},
            {"cuba,0,0", "pins.csv:2: expected population,first_neuron,chip,core, got 'cuba,0,0'"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("pins.csv");
            Files.writeString(f, "population,first_neuron,chip,core\n" + c[0] + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Compiler.compile(g, TINY, CompileOptions.defaults().withPins(PlacementFile.read(f))));
            String msg = e.getMessage().replace(dir.toString() + "/", "");
            assertTrue(msg.startsWith(c[1]), msg);
        }
    }
}
