package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** I/O errors as the user reads them: the path and what is wrong, never a bare path or an exception's name. */
class IoErrorsTest {

    @Test
    void shouldNameThePathAndTheReason() {
        assertEquals("/a/b: no such file or directory", UserErrorHandler.message(new NoSuchFileException("/a/b")));
        assertEquals("/a/b: permission denied", UserErrorHandler.message(new AccessDeniedException("/a/b")));
        assertEquals("/a/b: not a directory", UserErrorHandler.message(new NotDirectoryException("/a/b")));
        assertEquals("/a/b: is a directory",
                UserErrorHandler.message(new FileSystemException("/a/b", null, "Is a directory")));
        assertEquals("/a/b -> /c/d: permission denied",
                UserErrorHandler.message(new AccessDeniedException("/a/b", "/c/d", null)));
        assertEquals("/r.jsonl: no such file or directory",
                UserErrorHandler.message(new UncheckedIOException(new NoSuchFileException("/r.jsonl"))));
        assertEquals("disk full", UserErrorHandler.message(new IOException("disk full")));
        // the system's own words, as a plain IOException carries them (reading a directory), in the sentence's case;
        // an acronym as it is
        assertEquals("is a directory", UserErrorHandler.message(new IOException("Is a directory")));
        assertEquals("EOF in header", UserErrorHandler.message(new IOException("EOF in header")));
    }

    @Test
    void shouldNameTheTargetWhenItsTemporaryFileCannotBeMade() {
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> AtomicFiles.write(Path.of("/proc/report.html"), "x"));
        assertEquals("/proc/report.html: cannot be written (no such file or directory)", UserErrorHandler.message(e));
        e = assertThrows(FileSystemException.class, () -> new AtomicDirectory(Path.of("/proc/out")).close());
        assertEquals("/proc/out: cannot be written (no such file or directory)", UserErrorHandler.message(e));
    }
}
