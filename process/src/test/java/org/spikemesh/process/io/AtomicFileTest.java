package org.spikemesh.process.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written whole or not at all, by every module that writes outputs (cli, cluster, process). */
class AtomicFileTest {

    @Test
    void shouldMakeMissingDirectoriesAndWriteTheText(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("a/b/results.csv");
        AtomicFile.writeString(file, "x,y\n1,2\n");
        assertEquals("x,y\n1,2\n", Files.readString(file));
        AtomicFile.writeString(file, "x,y\n");
        assertEquals("x,y\n", Files.readString(file));
        assertEquals(List.of(file), files(tmp));
    }

    @Test
    void shouldLeaveTheOldFileAndNoTemporaryOneWhenTheContentFails(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("net.yaml");
        Files.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, path -> {
            Files.writeString(path, "half of the new");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), files(tmp));
    }

    @Test
    void shouldNameAFileThatStandsWhereADirectoryShouldBe(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("out"), "a file");
        Path file = tmp.resolve("out/summary.json");
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.writeString(file, "{}"));
        assertEquals(file.toString(), e.getFile());
        assertEquals("cannot be written (" + tmp.resolve("out") + " is a file, not a directory)", e.getReason());
    }

    @Test
    void shouldNameTheTargetNotTheTemporaryFileWhenThatCannotBeMade() {
        // /proc takes no new files: the temporary file beside the target cannot be made
        Path file = Path.of("/proc/report.html");
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.writeString(file, "x"));
        assertEquals("/proc/report.html", e.getFile());
        assertEquals("cannot be written (no such file or directory)", e.getReason());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
