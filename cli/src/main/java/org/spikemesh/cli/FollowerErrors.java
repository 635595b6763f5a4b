package org.spikemesh.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the follower processes of a partitioned run write on their standard error, kept until the coordinator ends and
 * then told once. Every partition loads, maps and checks the same network with the same options, so a mistake in them
 * is found by every partition alike: written straight through, the user read it once per partition, each line after
 * the coordinator's own. A follower's own trouble (its process failing on its own) is still told, once, named by its
 * partition.
 */
final class FollowerErrors {
    /** a line follower {@code partition} wrote. */
    private record Line(int partition, String text) {
    }

    /** the lines read, in the order they came. */
    private final List<Line> lines = new ArrayList<>();
    /** the threads reading the followers' standard error. */
    private final List<Thread> readers = new ArrayList<>();
    /** how long {@link #relay} waits for each reader to reach the end of its stream, ms. */
    private static final long READER_WAIT_MS = 2000;

    /** Reads what follower q's process writes on its standard error (started with a pipe for it), line by line. */
    void read(Process p, int q) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    add(q, line);
                }
            } catch (IOException e) {
                add(q, "its error output could not be read: " + e.getMessage());
            }
        }, "spikemesh-partition-err-" + q);
        t.setDaemon(true);
        t.start();
        readers.add(t);
    }

    private void add(int q, String line) {
        synchronized (lines) {
            lines.add(new Line(q, line));
        }
    }

    /**
     * Once the followers have ended: writes each line they wrote once (the first partition to write it names it),
     * leaving out the lines that repeat the coordinator's own error.
     *
     * @param err where to write
     * @param own the coordinator's own error message, or null when it ended well
     */
    void relay(PrintWriter err, String own) {
        for (Thread t : readers) {
            try {
                t.join(READER_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String ownLine = own == null ? null : own.replace('\n', ' ');
        Set<String> told = new HashSet<>();
        synchronized (lines) {
            for (Line line : lines) {
                if ((ownLine == null || !line.text().contains(ownLine)) && told.add(line.text())) {
                    err.println("partition " + line.partition() + ": " + line.text());
                }
            }
        }
        err.flush();
    }
}
