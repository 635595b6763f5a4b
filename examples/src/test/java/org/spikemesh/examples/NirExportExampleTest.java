package org.spikemesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.process.nir.NirNode;
import org.spikemesh.process.nir.NirReader;

/**
 * The synfire ring as NIR: the kick is an Input; each group (fixed_pt LIF, du 4095, dv 0: the current is the step's
 * input and the voltage does not leak) an IF; the kick's Dense and the eight links Linear nodes; and as the ring is
 * closed (every group feeds the next), each of the eight groups is shown by its own Output: 1 + 8 + 9 + 8 nodes.
 */
class NirExportExampleTest {
    @TempDir
    Path dir;

    @Test
    void shouldExportTheSynfireRing() {
        Path out = dir.resolve("synfire.nir");
        NirExportExample.main(new String[]{Path.of("networks", "synfire_chain.yaml").toString(), out.toString()});
        Map<String, Integer> types = new TreeMap<>();
        for (NirNode n : NirReader.read(out).graph().nodes().values()) {
            types.merge(n.type(), 1, Integer::sum);
        }
        assertEquals(Map.of("IF", 8, "Input", 1, "Linear", 9, "Output", 8), types);
    }
}
