package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders without picocli's format warnings (a lone '%' in a description makes picocli print
 * warnings and the raw text instead of the help: seen on {@code bench compile --help}).
 */
class HelpTextTest {

    private static void collect(CommandLine cl, List<CommandLine> all) {
        all.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!all.contains(sub)) {
                collect(sub, all);
            }
        }
    }

    @Test
    void shouldRenderEveryHelpWithoutFormatWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        assertTrue(all.size() > 10, "found only " + all.size() + " commands");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringBuilder failures = new StringBuilder();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            for (CommandLine cl : all) {
                err.reset();
                String usage = cl.getUsageMessage();
                String warned = err.toString(StandardCharsets.UTF_8);
                if (warned.contains("WARN") || usage.contains("%n")) {
                    failures.append(cl.getCommandSpec().qualifiedName()).append(": ").append(warned).append('\n');
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", failures.toString());
    }
}
