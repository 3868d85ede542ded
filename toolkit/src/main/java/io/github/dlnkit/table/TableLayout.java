package io.github.dlnkit.table;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a Tablesaw {@link Table} as aligned text or as an HTML fragment, every floating-point cell through
 * {@link Numbers#format(double)}. Text keeps within {@link #DEFAULT_WIDTH} characters: columns that do not fit side
 * by side are printed as further blocks of the same rows (a wrapped layout), each ending with a newline. Reached
 * through {@link Tables#text} and {@link Tables#html}.
 */
final class TableLayout {
    /** Widest text line (characters) a table is laid out for. */
    static final int DEFAULT_WIDTH = 120;
    private static final String GAP = "  ";

    private final Table table;
    private final List<Integer> rows;
    private final int omitted;

    private TableLayout(Table table, int maxRows) {
        this.table = table;
        int n = table.rowCount();
        List<Integer> r = new ArrayList<>();
        if (maxRows <= 0 || n <= maxRows) {
            for (int i = 0; i < n; i++) {
                r.add(i);
            }
            omitted = 0;
        } else {
            int head = (maxRows + 1) / 2;
            int tail = maxRows - head;
            for (int i = 0; i < head; i++) {
                r.add(i);
            }
            for (int i = n - tail; i < n; i++) {
                r.add(i);
            }
            omitted = n - maxRows;
        }
        rows = r;
    }

    static TableLayout of(Table t, int maxRows) {
        if (t == null) {
            throw new IllegalArgumentException("table is missing (null)");
        }
        return new TableLayout(t, maxRows);
    }

    /** The cell as printed: numbers through {@link Numbers}, missing strings empty. */
    static String cell(Column<?> c, int row) {
        if (c instanceof DoubleColumn d) {
            return Numbers.format(d.getDouble(row));
        }
        if (c instanceof FloatColumn f) {
            return Numbers.format(f.getFloat(row));
        }
        Object v = c.get(row);
        return v == null ? "" : v.toString();
    }

    private static boolean numeric(Column<?> c) {
        return c instanceof tech.tablesaw.api.NumericColumn;
    }

    /** Aligned text, wrapped into blocks of columns no wider than {@code width}; ends with a newline. */
    String text(int width) {
        List<Column<?>> cols = table.columns();
        int[] w = new int[cols.size()];
        List<String[]> cells = new ArrayList<>();
        for (int j = 0; j < cols.size(); j++) {
            String[] s = new String[rows.size()];
            w[j] = cols.get(j).name().length();
            for (int i = 0; i < rows.size(); i++) {
                s[i] = cell(cols.get(j), rows.get(i));
                w[j] = Math.max(w[j], s[i].length());
            }
            cells.add(s);
        }
        StringBuilder out = new StringBuilder();
        if (table.name() != null && !table.name().isBlank()) {
            out.append(table.name()).append('\n');
        }
        int start = 0;
        while (start < cols.size()) {
            int end = start + 1;
            int used = w[start];
            while (end < cols.size() && used + GAP.length() + w[end] <= width) {
                used += GAP.length() + w[end];
                end++;
            }
            if (start > 0 || end < cols.size()) {
                out.append("(columns ").append(start + 1).append('-').append(end).append(" of ").append(cols.size())
                        .append(")\n");
            }
            block(out, cols, cells, w, start, end);
            start = end;
        }
        if (omitted > 0) {
            out.append("(").append(omitted).append(" of ").append(table.rowCount())
                    .append(" rows not shown)\n");
        }
        return out.toString();
    }

    private void block(StringBuilder out, List<Column<?>> cols, List<String[]> cells, int[] w, int start, int end) {
        StringBuilder line = new StringBuilder();
        for (int j = start; j < end; j++) {
            pad(line, cols.get(j).name(), w[j], numeric(cols.get(j)), j == start);
        }
        out.append(line.toString().stripTrailing()).append('\n');
        line.setLength(0);
        for (int j = start; j < end; j++) {
            pad(line, "-".repeat(w[j]), w[j], false, j == start);
        }
        out.append(line).append('\n');
        int head = omitted > 0 ? (rows.size() + 1) / 2 : rows.size();
        for (int i = 0; i < rows.size(); i++) {
            if (i == head) {
                out.append("...\n");
            }
            line.setLength(0);
            for (int j = start; j < end; j++) {
                pad(line, cells.get(j)[i], w[j], numeric(cols.get(j)), j == start);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void pad(StringBuilder line, String s, int width, boolean right, boolean first) {
        if (!first) {
            line.append(GAP);
        }
        String fill = " ".repeat(Math.max(0, width - s.length()));
        line.append(right ? fill + s : s + fill);
    }

    /**
     * An HTML {@code <table>} with the title as caption, a header row and numbers right-aligned, text escaped;
     * for {@code display(html, "text/html")} in a notebook.
     */
    String html() {
        List<Column<?>> cols = table.columns();
        StringBuilder h = new StringBuilder("<table class=\"dlnkit-table\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            h.append("<caption style=\"text-align:left\">").append(escape(table.name())).append("</caption>\n");
        }
        h.append("<thead><tr>");
        for (Column<?> c : cols) {
            h.append("<th").append(numeric(c) ? " style=\"text-align:right\"" : "").append('>')
                    .append(escape(c.name())).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        int head = omitted > 0 ? (rows.size() + 1) / 2 : rows.size();
        for (int i = 0; i < rows.size(); i++) {
            if (i == head) {
                h.append("<tr><td colspan=\"").append(cols.size()).append("\">&hellip; ").append(omitted)
                        .append(" rows not shown &hellip;</td></tr>\n");
            }
            h.append("<tr>");
            for (Column<?> c : cols) {
                h.append(numeric(c) ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(escape(cell(c, rows.get(i)))).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody>\n</table>\n").toString();
    }

    /** {@code s} with {@code & < > "} as HTML entities. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
