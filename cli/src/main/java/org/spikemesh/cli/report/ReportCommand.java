package org.spikemesh.cli.report;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikemesh report RUN_DIR -o report.html}: one self-contained HTML page of a run; or of a bench's figures,
 * given the {@code --json} file of {@code bench cuba}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (inline SVG, no network) of a run's output directory, or of"
                + " the figures of 'bench cuba --json FILE'.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|BENCH_JSON",
            description = "the --out directory of a spikemesh run, or the --json file of spikemesh bench cuba")
    Path runDir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "HTML file to write")
    Path output;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        String page = java.nio.file.Files.isRegularFile(runDir) ? benchPage(runDir)
                : HtmlReport.render(RunData.load(runDir));
        org.spikemesh.cli.AtomicFiles.write(output, page);
        System.out.println("report -> " + output);
        return 0;
    }

    /** @return the page of the figures of a bench, read from its JSON file */
    private static String benchPage(Path file) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode doc;
        try {
            doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + "); give a run's --out directory or the --json file of bench cuba");
        }
        try {
            return BenchPage.render(doc);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + "; give a run's --out directory or"
                    + " the --json file of bench cuba", e);
        }
    }
}
