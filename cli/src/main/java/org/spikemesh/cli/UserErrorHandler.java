package org.spikemesh.cli;

import picocli.CommandLine;

/**
 * Turns exceptions from a command into a one-line message and exit code 2. The full stack trace is printed only
 * when the command was given {@code --verbose}.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.expandedArgs().contains("--verbose") || parsed.expandedArgs().contains("-v");
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (!(ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof IllegalStateException)) {
            msg = ex.getClass().getSimpleName() + ": " + msg;
        }
        cl.getErr().println("spikemesh " + cl.getCommandName() + ": " + msg.replace('\n', ' '));
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        return USER_ERROR;
    }
}
