package org.spikemesh.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a run: a shutdown hook that asks the run to stop (it does after the chunk of steps in progress) and
 * holds the JVM's exit until the run has written its outputs for the steps done, at most {@value #WRITE_SECONDS} s.
 * Closing it, when the outputs are written, lets the hook return and removes it.
 */
final class StopOnCtrlC implements AutoCloseable {
    /** how long the hook holds the exit for the outputs to be written. */
    static final int WRITE_SECONDS = 30;
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    /** @param stop what asks the run to stop, called from the hook's thread */
    StopOnCtrlC(Runnable stop) {
        this.hook = new Thread(() -> {
            stop.run();
            try {
                written.await(WRITE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spikemesh-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The outputs are written (or the run failed): the hook returns at once, and is removed unless it is running. */
    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting after Ctrl-C: the hook is waiting for this thread, which is done
        }
    }
}
