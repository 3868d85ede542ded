package io.github.dlnkit.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the code cells of a Jupyter notebook in an in-process JShell against the test class path (the toolkit's
 * classes and dependencies), the way the Java kernel would, but without Jupyter: magic lines ({@code %...}) are
 * skipped. A cell fails when a snippet does not compile, stays unresolved, throws, or - for a cell that should show a
 * chart (tagged {@code chart}, or ending in an expression such as {@code Charts.x(...)} or
 * {@code BitmapEncoder.getBufferedImage(...)}) - when its last value is not a {@code java.awt.image.BufferedImage}.
 * The rule for "should show a chart" is the one of {@code scripts/lib/run_notebooks.py}.
 *
 * <p>Cells tagged {@code long} (heavy computations, e.g. a 57,600-parameter Lanczos run) are only <em>compiled</em>
 * by default: from the first such cell on, the remaining cells are joined into the body of one method that is
 * declared, not called, so API drift still fails the test in a few seconds. {@code -Ddlnkit.long=true} runs them.
 * Such cells must therefore hold statements (local records and classes allowed), not top-level method declarations.
 */
final class JShellNotebook {

    /** One notebook code cell: its index among all cells, its source and tags. */
    record Cell(int index, String source, List<String> tags) {
    }

    /** What went wrong in one cell (empty list: the notebook ran). */
    record Failure(int cell, String source, String message) {
        @Override
        public String toString() {
            return "cell " + cell + ": " + message + "\n--- source:\n" + source;
        }
    }

    private static final Pattern CHART_EXPRESSION =
            Pattern.compile("(\\bCharts\\.\\w+\\(|getBufferedImage\\(|\\bBufferedImage\\b|\\.toImage\\(|\\.image\\(\\))");

    /**
     * IJava's {@code display(Object, String...)} (shows a value with the given MIME types, e.g.
     * {@code display(html, "text/html")}), which plain JShell lacks: here it only checks its arguments.
     */
    static final String DISPLAY_STUB = "String display(Object value, String... mimeTypes) {\n"
            + "  if (value == null) throw new IllegalArgumentException(\"display(null)\");\n"
            + "  for (String m : mimeTypes) if (!m.contains(\"/\")) throw new IllegalArgumentException(\"not a MIME type: \" + m);\n"
            + "  return \"display\";\n}\n";

    private JShellNotebook() {
    }

    /** The notebook's JSON. */
    static JsonObject read(Path notebook) throws IOException {
        return JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** The code cells of a notebook, in order. */
    static List<Cell> codeCells(JsonObject nb) {
        List<Cell> cells = new ArrayList<>();
        JsonArray all = nb.getAsJsonArray("cells");
        for (int i = 0; i < all.size(); i++) {
            JsonObject c = all.get(i).getAsJsonObject();
            if (!"code".equals(c.get("cell_type").getAsString())) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            JsonObject meta = c.getAsJsonObject("metadata");
            if (meta != null && meta.has("tags")) {
                meta.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsString()));
            }
            cells.add(new Cell(i, source(c.get("source")), tags));
        }
        return cells;
    }

    private static String source(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
            return sb.toString();
        }
        return e.getAsString();
    }

    /** Whether the runner expects an {@code image/png} output from this cell. */
    static boolean expectsChart(Cell cell) {
        if (cell.tags().contains("chart")) {
            return true;
        }
        if (cell.tags().contains("no-chart")) {
            return false;
        }
        List<String> lines = cell.source().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//")).collect(Collectors.toList());
        if (lines.isEmpty()) {
            return false;
        }
        String last = lines.get(lines.size() - 1);
        return !last.endsWith(";") && !last.endsWith("}") && CHART_EXPRESSION.matcher(last).find();
    }

    /** The test class path: surefire's when it runs the tests, else {@code java.class.path}. */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return List.of(cp.split(File.pathSeparator)).stream().filter(s -> !s.isBlank()).collect(Collectors.toList());
    }

    /**
     * Runs every code cell; stops at the first failing cell and returns it (empty list when all cells ran).
     * Output the cells print is captured (not shown) and returned in {@code log} when not null.
     */
    static List<Failure> run(List<Cell> cells, StringBuilder log) {
        return run(cells, log, true);
    }

    /** As {@link #run(List, StringBuilder)}; with {@code stopAtFirst == false} every cell runs and every failure counts. */
    static List<Failure> run(List<Cell> cells, StringBuilder log, boolean stopAtFirst) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<Failure> failures = new ArrayList<>();
        try (JShell js = JShell.builder().executionEngine("local").out(capture).err(capture).build()) {
            System.setOut(capture);
            System.setErr(capture);
            classPath().forEach(js::addToClasspath);
            for (SnippetEvent ev : js.eval(DISPLAY_STUB)) {
                if (ev.status() != Snippet.Status.VALID) {
                    throw new IllegalStateException("display stub does not compile: " + ev.status());
                }
            }
            boolean runLong = Boolean.getBoolean("dlnkit.long");
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = cells.get(c);
                if (!runLong && cell.tags().contains("long")) {
                    String failure = compileOnly(js, cells.subList(c, cells.size()));
                    if (failure != null) {
                        failures.add(new Failure(cell.index(), cell.source(), failure));
                    }
                    break;
                }
                String failure = runCell(js, cell);
                if (failure != null) {
                    failures.add(new Failure(cell.index(), cell.source(), failure));
                    if (stopAtFirst) {
                        break;
                    }
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            if (log != null) {
                log.append(captured.toString(StandardCharsets.UTF_8));
            }
        }
        return failures;
    }

    private static String runCell(JShell js, Cell cell) {
        String code = cell.source().lines().filter(l -> !l.strip().startsWith("%"))
                .collect(Collectors.joining("\n"));
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String remaining = code;
        String lastValue = null;
        boolean any = false;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                return "incomplete source (" + info.completeness() + "): " + remaining.strip();
            }
            String snippet = info.source();
            remaining = info.remaining();
            if (snippet == null || snippet.isBlank()) {
                continue;
            }
            for (SnippetEvent ev : js.eval(snippet)) {
                if (ev.causeSnippet() != null) {
                    continue; // an earlier snippet updated by this one
                }
                if (ev.status() != Snippet.Status.VALID) {
                    return "snippet is " + ev.status() + ": " + snippet.strip() + diagnostics(js, ev.snippet());
                }
                if (ev.exception() != null) {
                    Throwable ex = ev.exception();
                    String name = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
                    return "threw " + name + ": " + ex.getMessage() + " in: " + snippet.strip();
                }
                lastValue = ev.value();
                any = true;
            }
        }
        if (expectsChart(cell) && (!any || lastValue == null || !lastValue.startsWith("BufferedImage@"))) {
            return "should end in a chart (a java.awt.image.BufferedImage), but its last value is " + lastValue;
        }
        return null;
    }

    /** Declares (does not call) a method whose body is the given cells in order; returns a failure or null. */
    private static String compileOnly(JShell js, List<Cell> tail) {
        StringBuilder body = new StringBuilder("void notebookLongCells() throws Exception {\n");
        for (Cell c : tail) {
            String code = c.source().lines().filter(l -> !l.strip().startsWith("%")).collect(Collectors.joining("\n"))
                    .stripTrailing();
            body.append(code);
            if (!code.isEmpty() && !code.endsWith(";") && !code.endsWith("}")) {
                body.append(";"); // a cell's closing expression becomes a statement
            }
            body.append("\n");
        }
        body.append("}\n");
        for (SnippetEvent ev : js.eval(body.toString())) {
            if (ev.causeSnippet() == null && ev.status() != Snippet.Status.VALID) {
                return "long cells (compiled, not run; -Ddlnkit.long=true runs them) do not compile: " + ev.status()
                        + diagnostics(js, ev.snippet());
            }
        }
        return null;
    }

    private static String diagnostics(JShell js, Snippet s) {
        String d = js.diagnostics(s).map(JShellNotebook::describe).collect(Collectors.joining("; "));
        String unresolved = s instanceof jdk.jshell.DeclarationSnippet ds
                ? js.unresolvedDependencies(ds).collect(Collectors.joining(", ")) : "";
        return (d.isEmpty() ? "" : "\n  " + d) + (unresolved.isEmpty() ? "" : "\n  unresolved: " + unresolved);
    }

    private static String describe(Diag d) {
        return d.getMessage(Locale.ROOT);
    }
}
