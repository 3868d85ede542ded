package io.github.dlnkit.io;

import io.github.dlnkit.examples.WorkedExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputFilesTest {

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        var e = assertThrows(UncheckedIOException.class, () -> OutputFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("a.txt") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void replacesAtomicallyKeepsPermissionsAndWritesThroughLinks(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path link = dir.resolve("link.txt");
        Files.createSymbolicLink(link, f);
        OutputFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(f));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        OutputFiles.writeString(dir.resolve("sub/dir/b.txt"), "b");
        assertEquals("b", Files.readString(dir.resolve("sub/dir/b.txt")));
    }

    @Test
    void checksNameThePathAndTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputFiles.checkWritable(dir))
                .getMessage().endsWith("is a directory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputFiles.checkWritable(file.resolve("x")))
                .getMessage().contains(file + " is not a directory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputFiles.checkWritableDirectory(file))
                .getMessage().contains("not a directory"));
        OutputFiles.checkWritable(dir.resolve("new/deeper/x.csv")); // creatable: fine, and nothing created
        assertFalse(Files.exists(dir.resolve("new")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void sameFileSeesLinksAndSpellings(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.json");
        Files.writeString(f, "{}");
        Path link = dir.resolve("l.json");
        Files.createSymbolicLink(link, f);
        assertTrue(OutputFiles.sameFile(f, link));
        assertTrue(OutputFiles.sameFile(f, dir.resolve("./x/../a.json")));
        assertTrue(OutputFiles.sameFile(dir.resolve("new.csv"), dir.resolve("./new.csv")));
        assertFalse(OutputFiles.sameFile(f, dir.resolve("b.json")));
        var e = assertThrows(IllegalArgumentException.class, () -> OutputFiles.requireDistinct(
                List.of(new OutputFiles.Named("--out", link)), List.of(new OutputFiles.Named("--case", f))));
        assertTrue(e.getMessage().contains("--out") && e.getMessage().contains("--case"), e.getMessage());
    }

    @Test
    void rewritingACaseKeepsItsDescription(@TempDir Path dir) {
        CaseFile c = WorkedExamples.e4().toCaseFile().withName("n").withDescription("keep me");
        Path f = dir.resolve("c.json");
        c.write(f);
        CaseFile back = CaseFile.read(f).withPoint(WorkedExamples.e4().point());
        assertEquals("keep me", back.description());
        assertEquals("n", back.name());
        assertTrue(back.toJson().contains("\"description\": \"keep me\""));
    }
}
