package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, the main job on a fresh machine, as it is written there: run from the project root in a
 * process of its own, with its output directory {@code out/} moved into a directory where nothing exists yet, as on a
 * fresh checkout (its --report into out/ was refused there for a while, "its directory does not exist", while every
 * test passed).
 */
class ReadmeCommandTest {

    @Test
    void shouldRunTheReadmesMainCommandOnAFreshCheckout(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String line = Files.readAllLines(root.resolve("README.md")).stream()
                .filter(l -> l.startsWith("    ./spikemesh run ")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no indented ./spikemesh run command"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        Path fresh = dir.resolve("checkout");
        for (String a : line.strip().split("\\s+")) {
            if (!a.equals("./spikemesh")) {
                cmd.add(a.startsWith("out/") ? fresh.resolve(a).toString() : a);
            }
        }
        assertTrue(cmd.contains("--out") && cmd.contains("--report"), "the main command writes a run and its report");
        Path log = dir.resolve("readme.log");
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the README's command did not end within 300 s");
        assertEquals(0, p.exitValue(), Files.readString(log));
        Path out = Path.of(cmd.get(cmd.indexOf("--out") + 1));
        Path report = Path.of(cmd.get(cmd.indexOf("--report") + 1));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(50, summary.get("steps").asInt());
        assertTrue(Files.readString(report).contains("<svg"), "the report draws the run");
    }
}
