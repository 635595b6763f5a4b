package org.spikemesh.process.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that it is never seen half-written: the content goes to a temporary file beside it, which is then
 * moved into place; on any failure the file is left as it was and the temporary file is removed. Directories of its
 * path that do not exist yet are made. Every output file written on its own goes this way (the command line's
 * reports and benchmark files, a sweep's results and CSV, a saved network); a run's {@code --out} directory is
 * staged whole and moved into place by the command line.
 */
public final class AtomicFile {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFile() {
    }

    /** Writes a file's content to the path it is given (e.g. an HDF5 library that opens the path itself). */
    @FunctionalInterface
    public interface Content {
        /**
         * @param path where to write (a temporary file next to the target)
         * @throws IOException when it cannot be written
         */
        void write(Path path) throws IOException;
    }

    /**
     * @param file the file
     * @param text its content (UTF-8)
     * @throws IOException when it cannot be written; when its directory or the temporary file cannot be made, a
     *         {@link FileSystemException} naming the file, not the temporary one, and why (a file where one of its
     *         directories should be is named)
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, path -> Files.writeString(path, text, StandardCharsets.UTF_8));
    }

    /**
     * @param file the file
     * @param content writes the content to the path it is given
     * @throws IOException when it cannot be written (see {@link #writeString})
     */
    public static void write(Path file, Content content) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = temporaryBeside(file, abs);
        try {
            content.write(tmp);
            if (POSIX) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the file's directories and an empty temporary file beside it, named after it and hidden. */
    private static Path temporaryBeside(Path file, Path abs) throws FileSystemException {
        try {
            Files.createDirectories(abs.getParent());
            return Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        } catch (FileAlreadyExistsException e) {
            // a file where one of its directories should be (createDirectories says only that it exists)
            throw IoErrors.cannotWrite(file, e.getFile() + " is a file, not a directory", e);
        } catch (IOException e) {
            throw IoErrors.cannotWrite(file, e);
        }
    }
}
