package org.spikemesh.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spikemesh.process.io.AtomicFile;
import org.spikemesh.process.io.IoErrors;

/**
 * The command line's output files: checked before anything is computed ({@link #requireWritable}), then written
 * atomically by {@link AtomicFile} (a temporary file next to it, then a move, so a failure never leaves it
 * half-written). Files are readable by everyone where the file system has POSIX permissions (a report is a web page).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @param file the file
     * @param text its content (UTF-8)
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, String text) throws IOException {
        write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Refuses, before anything is computed, an output file that could not be written: a file stands where a directory
     * of its path should be, it cannot be written in (a file is made there and removed to find out), or the path is a
     * directory itself. Directories of its path that do not exist yet are taken when the nearest one that does is a
     * directory that can be written in: {@link #write} makes them, as {@code --out} makes its own, so a command that
     * fails before it writes leaves none (`--report out/run.html` on a fresh checkout, where out/ is not there, was
     * refused: the README's first command).
     *
     * @param name how the error names it (e.g. the option and the path)
     * @param file the file
     * @throws IllegalArgumentException saying which
     */
    public static void requireWritable(String name, Path file) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(name + ": is not a file's path");
        }
        if (!Files.isDirectory(parent)) {
            // an absolute path: the root at least exists
            Path existing = nearestDirectory(name, parent);
            if (existing != null) {
                requireWritableDirectory(name, existing);
            }
            return;
        }
        refuseDirectory(name, abs);
        requireWritableDirectory(name, parent);
    }

    /**
     * @param name how the error names the output (e.g. the option and the path)
     * @param path a directory the output needs
     * @return the path or its nearest ancestor that exists, which must be a directory (the rest is made when the
     *         output is written), or null when none exists
     * @throws IllegalArgumentException when it is a file
     */
    static Path nearestDirectory(String name, Path path) {
        Path existing = nearestExisting(path);
        if (existing != null && !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(name + ": " + existing + " is a file, not a directory");
        }
        return existing;
    }

    /** @return the path itself or its nearest ancestor that exists, or null */
    static Path nearestExisting(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        return p;
    }

    /**
     * Makes a file in the directory and removes it: the one sure test that a file can be written there (a read-only
     * file system, /proc, or a directory without write permission fail it).
     *
     * @param name how the error names the output (e.g. the option and the path)
     * @param dir the directory the output goes in
     * @throws IllegalArgumentException naming the output, the directory and why
     */
    static void requireWritableDirectory(String name, Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".spikemesh-check-", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot write in " + dir + " (" + IoErrors.reason(e) + ")", e);
        }
    }

    private static void refuseDirectory(String name, Path abs) {
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(name + ": is a directory; give the name of the file to write");
        }
    }

    /**
     * Writes a file with any writer (e.g. an HDF5 library that opens the path itself), then moves it into place; on
     * any failure the target is left as it was and the temporary file is removed. Directories of its path that do not
     * exist yet are made.
     *
     * @param file the file
     * @param writer writes the content to the path it is given
     * @throws IOException when it cannot be written
     * @throws IllegalArgumentException when the path is a directory
     */
    public static void write(Path file, AtomicFile.Content writer) throws IOException {
        refuseDirectory(file.toString(), file.toAbsolutePath());
        AtomicFile.write(file, writer);
    }
}
