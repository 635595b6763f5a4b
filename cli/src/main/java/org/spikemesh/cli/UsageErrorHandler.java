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
        // a word where a subcommand was expected gets this handler's suggestion: picocli's misses some typos and
        // offers 'animate' for 'nir'
        String hint = unknownCommand(ex, cl);
        if (hint.isEmpty()) {
            hint = hints.toString().replaceAll("\\s+", " ").strip();
        }
        if (!hint.isEmpty()) {
            line.append("; ").append(hint);
        }
        line.append(" (see ").append(name).append(" --help)");
        cl.getErr().println(line);
        return UserErrorHandler.USER_ERROR;
    }

    /**
     * Picocli suggests a subcommand only for some typos ("ru", not "rn" or "mpa"), and 'animate' for 'nir': for a word where a subcommand was
     * expected, the subcommands at most two edits away (a swap of neighbours is one), else the list of them.
     *
     * @return the hint, or "" when the mistake is not a subcommand's name
     */
    static String unknownCommand(CommandLine.ParameterException ex, CommandLine cl) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || cl.getSubcommands().isEmpty()) {
            return "";
        }
        java.util.List<String> unmatched = u.getUnmatched();
        if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
            return "";
        }
        String word = unmatched.get(0);
        java.util.List<String> names = new java.util.ArrayList<>(cl.getSubcommands().keySet());
        java.util.List<String> near = new java.util.ArrayList<>();
        for (int d = 1; d <= 2 && near.isEmpty(); d++) {
            for (String n : names) {
                if (editDistance(word.toLowerCase(java.util.Locale.ROOT), n) == d) {
                    near.add(n);
                }
            }
        }
        String qualified = cl.getCommandSpec().qualifiedName();
        if (!near.isEmpty()) {
            return "Did you mean: " + String.join(", ", near.stream().map(n -> qualified + " " + n).toList()) + "?";
        }
        names.remove("help");
        return "'" + word + "' is not a command; the commands are " + String.join(", ", names);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
