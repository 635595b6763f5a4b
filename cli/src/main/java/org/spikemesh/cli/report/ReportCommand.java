package org.spikemesh.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikemesh report RUN_DIR -o report.html}: one self-contained HTML page of a run; or of a bench's figures,
 * given the {@code --json} file of {@code bench cuba}; or of several such files side by side by size.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (inline SVG, no network) of a run's output directory, of"
                + " the figures of 'bench cuba --json FILE', or of several such files by network size.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR|BENCH_JSON",
            description = "the --out directory of a spikemesh run; or the --json file of spikemesh bench cuba, or"
                    + " several of them (the sizes of a scale run: one page with events/s, speed-ups and heap by size)")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "HTML file to write")
    Path output;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        org.spikemesh.cli.AtomicFiles.requireWritable("--output " + output, output);
        String page;
        if (inputs.size() > 1) {
            List<JsonNode> docs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Path p : inputs) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException(p + ": not a file; several inputs are the --json files of bench"
                            + " cuba (a run's directory is reported alone)");
                }
                docs.add(read(p));
                names.add(p.toString());
            }
            page = BenchPage.renderScale(docs, names);
        } else {
            Path in = inputs.get(0);
            page = Files.isRegularFile(in) ? benchPage(in) : HtmlReport.render(RunData.load(in));
        }
        org.spikemesh.cli.AtomicFiles.write(output, page);
        System.out.println("report -> " + output);
        return 0;
    }

    /** @return the page of the figures of a bench, read from its JSON file */
    private static String benchPage(Path file) throws IOException {
        JsonNode doc = read(file);
        try {
            return BenchPage.render(doc);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + "; give a run's --out directory or"
                    + " the --json file of bench cuba", e);
        }
    }

    private static JsonNode read(Path file) throws IOException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + "); give a run's --out directory or the --json file of bench cuba");
        }
    }
}
