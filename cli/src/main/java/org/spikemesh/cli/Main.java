package org.spikemesh.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code spikemesh} command. Every verb is a subcommand; a user error is one line on stderr and
 * exit code 2, a stack trace only with {@code --verbose}.
 */
@Command(name = "spikemesh", mixinStandardHelpOptions = true, version = "spikemesh 0.1.0",
        description = "Neuromorphic hardware simulator: run spiking networks on a model of a many-core chip.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Builds the command line with every subcommand registered.
     *
     * @return the configured picocli command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        Subcommands.register(cl);
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        return cl;
    }

    /**
     * Runs the command and exits with its exit code.
     *
     * @param args command line arguments
     */
    public static void main(String[] args) {
        FollowerSignals.ignoreWhenStartedByCoordinator();
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("spikemesh: out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB of heap);"
                    + " a chip run holds about 10 bytes per synapse at its peak and needs a heap of about 12 (CUBA,"
                    + " 100 synapses per neuron: 1.2 GB for 100 M synapses; docs/performance.md); give more with"
                    + " SPIKEMESH_JAVA_OPTS=-Xmx16g,"
                    + " or use fewer neurons or synapses");
            code = 1;
        } finally {
            StopOnCtrlC.commandEnded();
        }
        System.exit(code);
    }
}
