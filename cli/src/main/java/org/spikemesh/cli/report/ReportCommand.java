package org.spikemesh.cli.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikemesh report RUN_DIR -o report.html}: one self-contained HTML page of a run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (inline SVG, no network) of a run's output directory.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the --out directory of a spikemesh run")
    Path runDir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "HTML file to write")
    Path output;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        write(output, HtmlReport.render(RunData.load(runDir)));
        System.out.println("report -> " + output);
        return 0;
    }

    /**
     * Writes a file atomically: a temporary file next to it, then a move; readable by everyone, as a web page.
     *
     * @param file the file
     * @param text its content
     * @throws java.io.IOException when it cannot be written
     */
    public static void write(Path file, String text) throws java.io.IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), ".report", ".html");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // keep the default permissions
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
