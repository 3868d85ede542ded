package io.github.dlnkit.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single top-level handler of {@link Main}: exit 2 and one line for input, I/O and resources; exit 1 for bugs. */
class ErrorHandlerTest {

    private static String[] handle(Throwable t) {
        var cl = Main.commandLine().getSubcommands().get("eval");
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = Main.handle(t, cl);
        return new String[]{String.valueOf(code), err.toString()};
    }

    @Test
    void inputIoAndResourceFailuresAreOneLineExitTwo() {
        Object[][] cases = {
                {new IllegalArgumentException("key \"X\": bad"), "dlnkit eval: error: key \"X\": bad"},
                {new UncheckedIOException(new NoSuchFileException("/x/y.json")), "/x/y.json: no such file or directory"},
                {new UncheckedIOException(new AccessDeniedException("/sys/x.png")), "/sys/x.png: permission denied"},
                {new UncheckedIOException(new FileSystemException("/ro/x", null, "Read-only file system")), "/ro/x: read-only file system"},
                {new UncheckedIOException(new FileSystemException("/d", null, "Is a directory")), "/d: is a directory"},
                {new OutOfMemoryError("Java heap space"), "-Xmx"},
                {new StackOverflowError(), "stack overflow"},
        };
        for (Object[] c : cases) {
            String[] r = handle((Throwable) c[0]);
            assertEquals("2", r[0], r[1]);
            assertTrue(r[1].contains((String) c[1]), r[1]);
            assertEquals(1, r[1].lines().count(), r[1]);
        }
    }

    @Test
    void bugsGetAStackTraceExitOneAndAReportLine() {
        for (Throwable t : new Throwable[]{new NullPointerException("x"), new NoClassDefFoundError("a/B"),
                new ArrayIndexOutOfBoundsException(3), new UncheckedIOException("cannot write x: y", new IOException("y"))}) {
            String[] r = handle(t);
            if (t instanceof UncheckedIOException) {
                assertEquals("2", r[0]);
                continue;
            }
            assertEquals("1", r[0], r[1]);
            assertTrue(r[1].contains("internal error (a bug in dlnkit)") && r[1].contains("\tat ")
                    && r[1].contains("Please report it"), r[1]);
        }
        var run = CliTestSupport.run("eval", "--case", "/nonexistent/c.json");
        assertEquals(2, run.exitCode());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
