package io.github.dlnkit.notebooks;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every notebook in {@code notebooks/} runs top to bottom in JShell against the toolkit as built (so
 * {@code mvn verify} catches API drift without Jupyter), and follows the portability rules of issue 8: IJava's
 * kernelspec, one first code cell holding only {@code %jars ../toolkit/target/dlnkit-all.jar}, no other magics.
 * The real-kernel run is {@code scripts/run-notebooks.sh}.
 */
class NotebookJShellTest {

    static final String JARS_LINE = "%jars ../toolkit/target/dlnkit-all.jar";

    static Path notebooksDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isDirectory(p.resolve("toolkit"))) {
                return p.resolve("notebooks");
            }
        }
        throw new IllegalStateException("no notebooks/ directory above " + here);
    }

    /** The notebooks with code (00-index is text only). */
    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(notebooksDir())) {
            List<Path> all = s.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted()
                    .collect(Collectors.toList());
            List<Path> withCode = new java.util.ArrayList<>();
            for (Path p : all) {
                if (!JShellNotebook.codeCells(JShellNotebook.read(p)).isEmpty()) {
                    withCode.add(p);
                }
            }
            return withCode;
        }
    }

    @Test
    void thereAreNotebooks() throws IOException {
        assertFalse(notebooks().isEmpty(), "no notebooks/NN-*.ipynb found");
    }

    /**
     * {@code -Ddlnkit.notebooks.jshell=false} skips the JShell execution (the slowest part of {@code mvn verify}) for a
     * quick pre-merge check; the test command runs the notebooks on the real kernel anyway.
     */
    static boolean jshellRunWanted() {
        return !"false".equalsIgnoreCase(System.getProperty("dlnkit.notebooks.jshell", "true"));
    }

    @TestFactory
    Stream<DynamicTest> eachNotebookRunsInJShell() throws IOException {
        Assumptions.assumeTrue(jshellRunWanted(), "JShell run skipped (-Ddlnkit.notebooks.jshell=false)");
        return notebooks().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            StringBuilder log = new StringBuilder();
            List<JShellNotebook.Failure> failures = JShellNotebook.run(JShellNotebook.codeCells(JShellNotebook.read(nb)), log);
            assertTrue(failures.isEmpty(), () -> nb.getFileName() + " failed in JShell: " + failures.get(0)
                    + "\n--- output so far:\n" + tail(log.toString(), 3000));
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachNotebookIsPortableToIJava() throws IOException {
        return notebooks().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            JsonObject json = JShellNotebook.read(nb);
            JsonObject spec = json.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
            assertEquals("java", spec.get("name").getAsString(), "kernelspec name");
            assertEquals("java", spec.get("language").getAsString(), "kernelspec language");
            List<JShellNotebook.Cell> cells = JShellNotebook.codeCells(json);
            assertEquals(JARS_LINE, cells.get(0).source().strip(), "first code cell must hold only the %jars line");
            for (JShellNotebook.Cell c : cells.subList(1, cells.size())) {
                assertTrue(c.source().lines().noneMatch(l -> l.strip().startsWith("%")),
                        () -> "cell " + c.index() + " has a magic; only the first cell may (" + c.source() + ")");
            }
            assertTrue(cells.stream().anyMatch(JShellNotebook::expectsChart), "every notebook shows a chart");
        }));
    }

    /** The checker itself can fail: a compile error, an exception, an unresolved name and a missing chart. */
    @Test
    void brokenCellsAreReported() {
        List<JShellNotebook.Cell> cells = List.of(
                new JShellNotebook.Cell(0, JARS_LINE, List.of()),
                new JShellNotebook.Cell(1, "import io.github.dlnkit.examples.*;\nvar e = WorkedExamples.e4();\n"
                        + "double v = e.loss().value(e.point());\nif (v != 6) throw new AssertionError(v);", List.of()),
                new JShellNotebook.Cell(2, "int x = \"not an int\";", List.of()),
                new JShellNotebook.Cell(3, "throw new IllegalStateException(\"boom\");", List.of()),
                new JShellNotebook.Cell(4, "NoSuchType t = null;", List.of()),
                new JShellNotebook.Cell(5, "var s = \"no image\";\ns", List.of("chart")),
                new JShellNotebook.Cell(6, "org.knowm.xchart.BitmapEncoder.getBufferedImage(null)", List.of()),
                new JShellNotebook.Cell(7, "var img = new java.awt.image.BufferedImage(2, 2, "
                        + "java.awt.image.BufferedImage.TYPE_INT_RGB);\nimg", List.of("chart")),
                new JShellNotebook.Cell(8, "for (int i = 0; i < 3; i++) {\n  v += i;\n}", List.of()));
        List<JShellNotebook.Failure> failures = JShellNotebook.run(cells, null, false);
        assertEquals(List.of(2, 3, 4, 5, 6), failures.stream().map(JShellNotebook.Failure::cell)
                .collect(Collectors.toList()), () -> "failures: " + failures);
    }

    /** Cells tagged "long" are compiled, not run (unless -Ddlnkit.long=true): a compile error still fails. */
    @Test
    void longCellsAreCompiledNotRun() {
        if (Boolean.getBoolean("dlnkit.long")) {
            return; // in the long mode every cell runs; covered by the notebooks themselves
        }
        List<JShellNotebook.Cell> notRun = List.of(
                new JShellNotebook.Cell(0, "int n = 3;", List.of()),
                new JShellNotebook.Cell(1, "if (n == 3) throw new IllegalStateException(\"would fail if run\");\n"
                        + "double x = n * 2.0;", List.of("long")),
                new JShellNotebook.Cell(2, "new java.awt.image.BufferedImage((int) x, 2, 1)", List.of("long", "chart")));
        assertTrue(JShellNotebook.run(notRun, null).isEmpty(), "long cells must be compiled only");
        List<JShellNotebook.Cell> broken = List.of(
                new JShellNotebook.Cell(0, "int n = 3;", List.of()),
                new JShellNotebook.Cell(1, "String s = n;", List.of("long")));
        List<JShellNotebook.Failure> f = JShellNotebook.run(broken, null);
        assertEquals(1, f.size(), () -> "a long cell that does not compile must fail: " + f);
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n);
    }
}
