package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One output file, written aside and moved into place: a failed writer leaves the old file, a directory is refused. */
class AtomicFilesTest {

    @Test
    void shouldReplaceAFileWholeAndLeaveItWhenTheWriterFails(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("report.html");
        AtomicFiles.write(f, "one");
        AtomicFiles.write(f, "two");
        assertEquals("two", Files.readString(f));
        assertThrows(IOException.class, () -> AtomicFiles.write(f, p -> {
            Files.writeString(p, "half");
            throw new IOException("disk full");
        }));
        assertEquals("two", Files.readString(f));
        assertEquals(1, AtomicDirectoryTest.entries(tmp), "no temporary file is left");
    }

    @Test
    void shouldRefuseADirectoryWithItsName(@TempDir Path tmp) throws IOException {
        Path d = tmp.resolve("reports");
        Files.createDirectory(d);
        Files.writeString(d.resolve("keep.txt"), "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.write(d, "x"));
        assertEquals(d + ": is a directory; give the name of the file to write", e.getMessage());
        assertTrue(Files.isDirectory(d));
        assertEquals("keep me", Files.readString(d.resolve("keep.txt")));
        assertEquals(1, AtomicDirectoryTest.entries(tmp), "no temporary file is left");
    }
}
