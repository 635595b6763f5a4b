package org.spikemesh.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.spikemesh.process.io.IoErrors;

/**
 * An output directory written atomically: files go to a hidden sibling directory that replaces the target only when
 * {@link #commit()} is called; on failure {@link #close()} removes it, so no half-written output is left.
 */
public final class AtomicDirectory implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    /**
     * @param target the directory to produce
     * @throws IOException when the staging directory cannot be created
     */
    public AtomicDirectory(Path target) throws IOException {
        this.target = target.toAbsolutePath().normalize();
        requireReplaceable(target, this.target);
        Path parent = this.target.getParent();
        String prefix = "." + this.target.getFileName() + ".partial-";
        try {
            Files.createDirectories(parent);
            requireNoOtherWriter(target, parent, prefix);
            // the process id in the name tells a later run whether this one is still writing
            this.staging = Files.createTempDirectory(parent, prefix + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw IoErrors.cannotWrite(target, e);
        }
    }

    /**
     * Refuses a target that another live process is writing now (its staging directory beside the target names its
     * process id): two runs into one --out both ended well and the last silently replaced the other's outputs. The
     * staging directory of a process that is gone (killed with -9) is deleted.
     */
    private static void requireNoOtherWriter(Path given, Path parent, String prefix) throws IOException {
        long me = ProcessHandle.current().pid();
        java.util.List<Path> stale = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> siblings = Files.list(parent)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !Files.isDirectory(p)) {
                    continue;
                }
                long pid = writerOf(name.substring(prefix.length()));
                if (pid < 0 || pid == me) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalArgumentException(given + ": another run (process " + pid + ") is writing this"
                            + " directory now; give another --out, or wait for that run to end");
                }
                stale.add(p);
            }
        }
        for (Path p : stale) {
            deleteTree(p);
        }
    }

    /** @return the process id a staging directory's name holds after its prefix ("12345-" then random), or -1 */
    static long writerOf(String rest) {
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Refuses, before anything runs, a target that could not be made: its nearest existing ancestor is a file, or no
     * directory can be made beside it (a read-only file system, /proc, no permission).
     *
     * @param name how the error names the target (e.g. the option and the path)
     * @param target the target, absolute and normalised
     * @throws IllegalArgumentException naming the target and why
     */
    static void requireCreatable(String name, Path target) {
        Path existing = AtomicFiles.nearestDirectory(name, target.getParent());
        if (existing != null) {
            AtomicFiles.requireWritableDirectory(name, existing);
        }
    }

    /** what spikemesh writes: a run's tables and summary, reports and players, NIR output data. */
    static final java.util.List<String> OUTPUT_ENDINGS = java.util.List.of(".csv", ".json", ".html", ".h5");

    /**
     * Refuses, before anything runs, a target whose replacement would lose something that is not an earlier output:
     * a file, or a directory that holds anything but a run's summary.json and files of the kinds spikemesh writes
     * ({@link #OUTPUT_ENDINGS}: a report or player of the run kept beside it goes with it) and the network file it
     * saved there, which its summary.json names ("saved_weights"). A run replaces its --out
     * directory whole. A new directory, an empty one and an earlier output are taken.
     *
     * @param given the target as the user gave it, for the message
     * @param target the target, absolute and normalised
     * @throws IllegalArgumentException naming the target and what in it would be lost
     */
    static void requireReplaceable(Path given, Path target) throws IOException {
        if (target.getParent() == null) {
            throw new IllegalArgumentException(given + ": is the root directory; give a directory for the run's outputs");
        }
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(given + ": is a file, not a directory; the outputs go into a directory"
                    + " (a new one, an empty one or an earlier output, which the run replaces)");
        }
        java.util.List<Path> entries;
        try (java.util.stream.Stream<Path> s = Files.list(target)) {
            entries = s.sorted().toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        String saved = savedWeights(target.resolve("summary.json"));
        String foreign = entries.stream().filter(e -> !isOutputFile(e) && !isFile(e, saved))
                .map(e -> e.getFileName().toString()).findFirst().orElse(null);
        if (foreign != null || !Files.exists(target.resolve("summary.json"))) {
            throw new IllegalArgumentException(given + ": is a directory that is not the output of an earlier run ("
                    + (foreign != null ? "it holds '" + foreign + "'" : "it has no summary.json") + "), and the run"
                    + " would replace it whole; give a new or empty directory, or an earlier run's output");
        }
    }

    /**
     * @param summary an earlier run's summary.json
     * @return the name of the network file the run saved beside its outputs (run --save-weights DIR/FILE with --out
     *         DIR), or null: none, or no summary.json that says so
     */
    static String savedWeights(Path summary) {
        if (!Files.isRegularFile(summary)) {
            return null;
        }
        try {
            String name = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile())
                    .path("saved_weights").asText("");
            return name.isEmpty() || name.contains("/") || name.contains("\\") ? null : name;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isFile(Path entry, String name) {
        return name != null && entry.getFileName().toString().equals(name)
                && Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** @return whether the entry is a file of a kind spikemesh writes ({@link #OUTPUT_ENDINGS}) */
    private static boolean isOutputFile(Path entry) {
        String name = entry.getFileName().toString();
        return Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && OUTPUT_ENDINGS.stream().anyMatch(name::endsWith);
    }

    /** @return where to write files until commit */
    public Path staging() {
        return staging;
    }

    /** @return the final directory */
    public Path target() {
        return target;
    }

    /**
     * Moves the staged files into place, replacing an older directory of the same name.
     *
     * @throws IOException when the move fails
     */
    public void commit() throws IOException {
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(staging);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
