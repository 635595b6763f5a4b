package org.spikemesh.cli.report;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikemesh animate RUN_DIR -o anim.html}: a player of spikes and messages over the core mesh. */
@Command(name = "animate", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML player of a chip run: spikes on cores and packets over the mesh.")
public final class AnimateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the --out directory of a chip run")
    Path runDir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "HTML file to write")
    Path output;

    @Option(names = "--from", defaultValue = "1", description = "first step shown (default 1)")
    int from;

    @Option(names = "--window", defaultValue = "200", description = "steps shown (default 200; keeps files small)")
    int window;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (from < 1 || window < 1) {
            throw new IllegalArgumentException("--from and --window must be >= 1, got " + from + " and " + window);
        }
        org.spikemesh.cli.AtomicFiles.requireWritable("--output " + output, output);
        RunData run = RunData.load(runDir);
        if (from > run.steps) {
            throw new IllegalArgumentException("--from " + from + " is past the last step of the run in " + runDir
                    + " (" + run.steps + " steps)");
        }
        org.spikemesh.cli.AtomicFiles.write(output, Animation.render(run, from, window));
        System.out.println("animation -> " + output);
        return 0;
    }
}
