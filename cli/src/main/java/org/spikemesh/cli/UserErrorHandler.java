package org.spikemesh.cli;

import org.spikemesh.process.io.IoErrors;
import picocli.CommandLine;

/**
 * Turns exceptions from a command into a one-line message and exit code 2. The full stack trace is printed only
 * when the command was given {@code --verbose}. I/O errors name the path and what is wrong with it
 * ({@link IoErrors}).
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.expandedArgs().contains("--verbose") || parsed.expandedArgs().contains("-v");
        cl.getErr().println("spikemesh " + cl.getCommandName() + ": " + message(ex).replace('\n', ' '));
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        return USER_ERROR;
    }

    /** @return the line the user reads for an exception */
    static String message(Exception ex) {
        Exception e = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
        if (e instanceof java.io.IOException io) {
            return IoErrors.describe(io);
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
            msg = e.getClass().getSimpleName() + ": " + msg;
        }
        return msg;
    }
}
