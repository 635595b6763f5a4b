package org.spikemesh.cluster.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped example sweep plans as docs/sweeps.md says, and the page quotes it as it is. */
class ExampleSweepTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/sweeps/cuba-core-size.yaml");

    @Test
    void shouldHaveFiveTimesThreeGridPointsTimesTwoSamples() {
        List<PointJob> p = SweepPlan.points(SweepFile.load(EXAMPLE));
        assertEquals(30, p.size());
        assertEquals(p.get(0).params().get("router.hop_east_west.energy_pj"),
                p.get(2).params().get("router.hop_east_west.energy_pj"), "every grid point has the same 2 draws");
    }

    @Test
    void shouldBeQuotedInTheDocsWithoutItsHeaderComments() throws IOException {
        String body = Files.readString(EXAMPLE).replaceAll("(?m)^#.*\n", "");
        assertTrue(Files.readString(ROOT.resolve("docs/sweeps.md")).contains("```yaml\n" + body + "```"),
                "docs/sweeps.md quotes examples/sweeps/cuba-core-size.yaml");
    }
}
