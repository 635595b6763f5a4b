package org.spikemesh.cli.report;

import java.nio.file.Path;
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
        org.spikemesh.cli.AtomicFiles.write(output, HtmlReport.render(RunData.load(runDir)));
        System.out.println("report -> " + output);
        return 0;
    }
}
