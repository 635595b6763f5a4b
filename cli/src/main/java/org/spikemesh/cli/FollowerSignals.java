package org.spikemesh.cli;

/**
 * A follower partition started by its coordinator ignores SIGINT and SIGTERM: a terminal's Ctrl-C, or a TERM sent to
 * the process group (as {@code timeout} and batch schedulers send), reached the followers too, which died with the
 * run's last steps, and the coordinator then had to end the run without writing anything. Ignoring them, the followers
 * serve on until the coordinator, which stops after its chunk in progress, ends the run; if the coordinator is gone
 * instead, they notice within the loss limit (5 s) and exit. A follower started by hand keeps the usual Ctrl-C.
 */
final class FollowerSignals {
    /** set in the environment of the followers the coordinator starts, to its process id. */
    static final String STARTED_BY = "SPIKEMESH_FOLLOWER_OF";

    private FollowerSignals() {
    }

    /**
     * Ignores SIGINT and SIGTERM when this process is a follower its coordinator started. The JVM's signal API is
     * reached by reflection (sun.misc, in jdk.unsupported, is exported to every module, but naming it would make the
     * compiler warn of an internal API); where it is missing the signals keep their default.
     *
     * @return whether the signals are now ignored
     */
    static boolean ignoreWhenStartedByCoordinator() {
        if (System.getenv(STARTED_BY) == null) {
            return false;
        }
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object ignore = handler.getField("SIG_IGN").get(null);
            java.lang.reflect.Method handle = signal.getMethod("handle", signal, handler);
            for (String name : new String[]{"INT", "TERM"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), ignore);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
