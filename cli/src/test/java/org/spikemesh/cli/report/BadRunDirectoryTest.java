package org.spikemesh.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikemesh.cli.Main;

/**
 * {@code report} and {@code animate} on a run directory that is not a run's output: a damaged or foreign
 * summary.json, or a bad row in spikes.csv or a recorded Var's file, is one line naming the file (and the line), exit
 * code 2, and no page.
 */
class BadRunDirectoryTest {
    private static final String GOOD = "{\"format\": \"spikemesh-summary/1\", \"steps\": 3}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "summary.json | {\"format\": \"spikemesh-summ | summary.json: not valid JSON (line 1: Unexpected end-of-input",
        "summary.json | ``                             | summary.json: is empty; a run's summary.json is an object",
        "summary.json | [1,2]                          | summary.json: is not a JSON object; a run's summary.json is",
        "summary.json | {\"format\":\"other/1\",\"steps\":3} | summary.json: \"format\" is 'other/1'; valid is"
                + " spikemesh-summary/1 (the summary of a spikemesh run)",
        "summary.json | {\"steps\":3}                  | summary.json: \"format\" is missing; valid is spikemesh-summary/1",
        "summary.json | {\"format\":\"spikemesh-summary/1\",\"steps\":-1} | summary.json: \"steps\" must be a whole"
                + " number >= 0, got -1",
        "spikes.csv   | step,process,neuron\\n1,a,0\\nx,y,z\\n | spikes.csv:3: 'x,y,z' is not a row step,process,neuron",
        "spikes.csv   | step,process,neuron\\n1a0\\n    | spikes.csv:2: '1a0' is not a row step,process,neuron",
        "a.v.csv      | step,0\\n1,0.5\\n2,oops\\n     | a.v.csv:3: column 2: 'oops' is not a number"})
    void shouldNameTheFileAndLine(String file, String content, String expected, @TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectory(run);
        Files.writeString(run.resolve("summary.json"), GOOD);
        Files.writeString(run.resolve(file), content.replace("\\n", "\n"));
        for (String command : new String[]{"report", "animate"}) {
            StringWriter err = new StringWriter();
            var cl = Main.commandLine();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            Path page = dir.resolve(command + ".html");
            int code = cl.execute(command, run.toString(), "-o", page.toString());
            assertEquals(2, code, err.toString());
            String line = err.toString().strip();
            assertEquals(1, line.lines().count(), line);
            String prefix = "spikemesh " + command + ": " + run.resolve(expected.substring(0, expected.indexOf(':')));
            assertEquals(prefix + expected.substring(expected.indexOf(':')),
                    line.substring(0, Math.min(line.length(), prefix.length() + expected.length()
                            - expected.indexOf(':'))), line);
            assertFalse(Files.exists(page), "no page from a bad run directory");
        }
    }
}
