package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/chip-engine.md lists the engine's settings ("Engine settings"): every {@code spikemesh.engine.*} system
 * property the engine's sources read has a row there, and the table lists no property the engine does not have.
 */
class EngineSettingsDocTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PROPERTY = Pattern.compile("\"(spikemesh\\.engine\\.[a-z-]+)\"");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(spikemesh\\.engine\\.[a-z-]+)` \\|");

    @Test
    void shouldDocumentEverySettingTheEngineReads() throws IOException {
        Set<String> inCode = new TreeSet<>();
        Path sources = ROOT.resolve("simulator/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = PROPERTY.matcher(Files.readString(f));
                while (m.find()) {
                    inCode.add(m.group(1));
                }
            }
        }
        assertTrue(inCode.size() >= 10, "the engine reads at least ten settings: " + inCode);
        String doc = Files.readString(ROOT.resolve("docs/chip-engine.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(inCode, documented, "docs/chip-engine.md, Engine settings");
    }
}
