package org.spikemesh.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a command that writes an output directory (run --out), checked before anything is loaded or run: an
 * output file either goes directly into the directory (and is replaced with it) or must be writable where it is, and
 * no input may lie inside the directory, which the run replaces whole.
 */
final class OutputDirFiles {
    private final String outName;
    private final Path out;

    /**
     * @param option the directory's option, e.g. "--out"
     * @param dir the directory as given
     */
    OutputDirFiles(String option, Path dir) {
        this.outName = option + " " + dir;
        this.out = real(dir);
    }

    /** @return the path absolute and normalised, with its symbolic links resolved as far as it exists */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = AtomicFiles.nearestExisting(abs);
        try {
            return existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /**
     * @param file an output file, or null
     * @return whether it goes directly into the output directory
     */
    boolean inside(Path file) {
        return file != null && out.equals(real(file).getParent());
    }

    /**
     * Refuses an output file that is the directory itself, lies in a subdirectory of it (gone when it is replaced), or
     * lies elsewhere and cannot be written ({@link AtomicFiles#requireWritable}).
     *
     * @param option the file's option, e.g. "--report"
     * @param file the file, or null when the option was not given
     */
    void requireOutput(String option, Path file) {
        if (file == null || inside(file)) {
            return;
        }
        Path f = real(file);
        if (f.equals(out)) {
            throw new IllegalArgumentException(option + " " + file + ": is the " + outName + " directory; give a file"
                    + " in it or elsewhere");
        }
        if (f.startsWith(out)) {
            throw new IllegalArgumentException(option + " " + file + ": lies in a subdirectory of " + outName
                    + ", which the run replaces whole; give a file directly in it or outside it");
        }
        AtomicFiles.requireWritable(option + " " + file, file);
    }

    /**
     * Refuses an input that lies inside the output directory: the run would delete it when it replaces the directory.
     *
     * @param option the input's option or parameter, e.g. "--placement"
     * @param file the input, or null when not given
     */
    void requireInputOutside(String option, Path file) {
        if (file != null && Files.exists(file) && real(file).startsWith(out)) {
            throw new IllegalArgumentException(option + " " + file + ": lies inside " + outName + ", which the run"
                    + " replaces whole (the file would be deleted); move it out of the output directory or choose"
                    + " another --out");
        }
    }
}
