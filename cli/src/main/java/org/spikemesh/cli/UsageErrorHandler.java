package org.spikemesh.cli;

import picocli.CommandLine;

/**
 * A mistake in the command line itself (an unknown option, a value of the wrong type, a missing parameter) is one
 * line on stderr, with picocli's suggestions for a mistyped option, and a pointer to {@code --help}; exit code 2.
 * Picocli printed the command's whole usage (83 lines for {@code run}) under the message.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        StringBuilder line = new StringBuilder(name).append(": ").append(ex.getMessage().replace('\n', ' ').strip());
        java.io.StringWriter hints = new java.io.StringWriter();
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, new java.io.PrintWriter(hints, true));
        String hint = hints.toString().replaceAll("\\s+", " ").strip();
        if (!hint.isEmpty()) {
            line.append("; ").append(hint);
        }
        line.append(" (see ").append(name).append(" --help)");
        cl.getErr().println(line);
        return UserErrorHandler.USER_ERROR;
    }
}
