package org.spikemesh.cli;

/**
 * Ctrl-C (or TERM) before a run's steps start, while its network is read, compiled and its engine built: nothing is
 * stopped cleanly there (there are no steps done to write), so the JVM exits at once; this hook says so in one line
 * instead of exiting without a word. It is closed when the run's own {@link StopOnCtrlC} takes over, and when the
 * command ends before that (an error, which then exits with its own message).
 */
final class StoppedBeforeRun implements AutoCloseable {
    private final Thread hook;
    private boolean closed;

    /** @param message the line printed on stderr when the JVM exits by a signal before {@link #close} */
    StoppedBeforeRun(String message) {
        this.hook = new Thread(() -> {
            System.err.println(message);
            System.err.flush();
        }, "spikemesh-stopped-before-run");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Removes the hook; once the JVM is exiting (the signal came) it stays and prints its line. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the signal came: the hook prints its line
        }
    }
}
