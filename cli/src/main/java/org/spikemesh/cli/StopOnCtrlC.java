package org.spikemesh.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a run: a shutdown hook that asks the run to stop (it does after the chunk of steps in progress) and
 * holds the JVM's exit until the command has written its outputs for the steps done and printed what it prints (its
 * result or its error), at most {@value #WRITE_SECONDS} s; past that it says so on stderr before the exit. Closing it,
 * when the outputs are written, removes the hook; once the JVM is exiting, {@link Main} lets it go after the command's
 * last line.
 */
final class StopOnCtrlC implements AutoCloseable {
    /** how long the hook holds the exit for the outputs to be written. */
    static final int WRITE_SECONDS = 120;
    /** hooks whose command returned while the JVM was already exiting: {@link #commandEnded} lets them go. */
    private static final List<CountDownLatch> ENDING = new CopyOnWriteArrayList<>();
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    /**
     * @param stop what asks the run to stop, called from the hook's thread
     * @param what what is being written, for the line printed when the limit passes (e.g. "the outputs in out/")
     */
    StopOnCtrlC(Runnable stop, String what) {
        this.hook = new Thread(() -> {
            stop.run();
            try {
                if (!written.await(WRITE_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println("spikemesh: stopped; " + what + " were still being written after "
                            + WRITE_SECONDS + " s and may be missing or incomplete");
                    System.err.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spikemesh-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The outputs are written (or the run failed): removes the hook when no Ctrl-C came; when one did, the hook keeps
     * the exit until {@link #commandEnded}, so that an error the command still prints is not cut off.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            written.countDown();
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting after Ctrl-C: the hook waits for the command's last line
            ENDING.add(written);
        }
    }

    /** The command has printed its last line: every hook still holding the exit lets it go. */
    static void commandEnded() {
        System.out.flush();
        System.err.flush();
        for (CountDownLatch l : ENDING) {
            l.countDown();
        }
    }
}
