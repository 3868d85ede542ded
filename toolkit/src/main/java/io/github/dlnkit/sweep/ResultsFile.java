package io.github.dlnkit.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code DIR/results.csv}, the one file of a sweep that grows instead of being replaced: a header, then one line
 * per finished task, appended and flushed as the task finishes. A sweep that is killed leaves every finished row
 * and at most one partial last line, which the next run cuts off before it appends; the next run reads the finished
 * tasks' identities ({@link SweepTask#key}) and skips them. (Every other output is written atomically.)
 */
public final class ResultsFile implements AutoCloseable {
    private final Path path;
    private final List<String> header;
    private final Set<String> done;
    private final int gridColumns;
    private Writer out;

    private ResultsFile(Path path, List<String> header, int gridColumns, Set<String> done) {
        this.path = path;
        this.header = List.copyOf(header);
        this.gridColumns = gridColumns;
        this.done = done;
    }

    /**
     * Opens (creates, or with {@code fresh} replaces) the results file for appending.
     *
     * @param gridColumns how many grid columns follow {@code case}
     */
    public static ResultsFile open(Path path, List<String> header, int gridColumns, boolean fresh) {
        try {
            if (fresh) {
                Files.deleteIfExists(path);
            }
            Set<String> done = new HashSet<>();
            if (Files.exists(path)) {
                cutPartialLine(path);
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    List<String> found = Csv.parse(lines.get(0));
                    if (!header.equals(found)) {
                        throw new IllegalArgumentException(path + " has the columns " + found + " but this sweep writes "
                                + header + ": it belongs to another sweep; use --fresh to start over or another --out");
                    }
                    for (int i = 1; i < lines.size(); i++) {
                        List<String> row = Csv.parse(lines.get(i));
                        if (row == null || row.size() != header.size()) {
                            throw new IllegalArgumentException(path + " line " + (i + 1) + ": expected " + header.size()
                                    + " cells, found " + (row == null ? "an unclosed quote" : row.size())
                                    + "; the file was changed by hand? use --fresh to start over");
                        }
                        done.add(key(row, gridColumns));
                    }
                }
            }
            ResultsFile f = new ResultsFile(path, header, gridColumns, done);
            Files.createDirectories(path.toAbsolutePath().getParent());
            boolean empty = !Files.exists(path) || Files.size(path) == 0;
            f.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (empty) {
                f.out.write(Csv.line(header) + "\n");
                f.out.flush();
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + io.github.dlnkit.io.OutputFiles.describe(e), e);
        }
    }

    /** The identity of a row: case, grid cells, run. */
    static String key(List<String> row, int gridColumns) {
        return SweepTask.key(row.get(0), row.subList(1, 1 + gridColumns), Integer.parseInt(row.get(1 + gridColumns)));
    }

    private static void cutPartialLine(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            long end = size;
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                ch.truncate(end);
            }
        }
    }

    /** Whether the task with this identity has a row already. */
    public boolean isDone(SweepTask t) {
        return done.contains(t.key());
    }

    /** Number of rows read when the file was opened. */
    public int doneCount() {
        return done.size();
    }

    /** Appends one row and flushes it to the operating system. */
    public synchronized void append(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalStateException("row of " + row.size() + " cells for " + header.size() + " columns: " + row);
        }
        try {
            out.write(Csv.line(row) + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + io.github.dlnkit.io.OutputFiles.describe(e), e);
        }
    }

    /** Every row of the file (header excluded). */
    public static List<List<String>> readRows(Path path) {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            List<List<String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                rows.add(Csv.parse(lines.get(i)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + io.github.dlnkit.io.OutputFiles.describe(e), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + io.github.dlnkit.io.OutputFiles.describe(e), e);
        }
    }

    public Path path() {
        return path;
    }

    public List<String> header() {
        return header;
    }

    int gridColumns() {
        return gridColumns;
    }
}
