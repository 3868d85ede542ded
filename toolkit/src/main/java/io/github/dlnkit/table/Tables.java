package io.github.dlnkit.table;

import io.github.dlnkit.io.OutputFiles;
import io.github.dlnkit.critical.Classification;
import io.github.dlnkit.critical.CriticalValues;
import io.github.dlnkit.spectrum.DenseSpectrum;
import io.github.dlnkit.spectrum.Lanczos;
import io.github.dlnkit.spectrum.RitzPair;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Analysis results as Tablesaw {@link Table}s with clear column names (listed on each method), readable text for
 * notebooks ({@link #text}) and CSV export ({@link #csv}). Results that already have a {@code toTable()}
 * ({@link CriticalValues}, {@link Classification#toTable() pivots}, slices, SLQ densities, dynamics trajectories)
 * keep it; this class adds the ones that did not, and the common output.
 */
public final class Tables {
    private Tables() {
    }

    /**
     * All eigenvalues of a dense spectrum: {@code index} (int, 1-based ascending), {@code eigenvalue} (double),
     * {@code sign} (string: {@code negative}, {@code zero} within the spectrum's tolerance, or {@code positive}).
     */
    public static Table spectrum(DenseSpectrum s) {
        require(s, "spectrum");
        double[] ev = s.eigenvalues();
        IntColumn idx = IntColumn.create("index");
        StringColumn sign = StringColumn.create("sign");
        for (int i = 0; i < ev.length; i++) {
            idx.append(i + 1);
            sign.append(ev[i] < -s.tolerance() ? "negative" : ev[i] <= s.tolerance() ? "zero" : "positive");
        }
        return Table.create(String.format(Locale.ROOT, "Hessian spectrum (n = %d, zero tolerance %.2g)", ev.length,
                s.tolerance()), idx, DoubleColumn.create("eigenvalue", ev), sign);
    }

    /**
     * Distinct eigenvalues with multiplicities at the spectrum's tolerance: {@code eigenvalue} (double, cluster
     * mean), {@code multiplicity} (int), {@code spread} (double, largest minus smallest member).
     */
    public static Table clusters(DenseSpectrum s) {
        require(s, "spectrum");
        double[] ev = s.eigenvalues();
        DoubleColumn v = DoubleColumn.create("eigenvalue");
        IntColumn m = IntColumn.create("multiplicity");
        DoubleColumn sp = DoubleColumn.create("spread");
        for (DenseSpectrum.Cluster c : s.clusters()) {
            v.append(c.value());
            m.append(c.multiplicity());
            sp.append(ev[c.first() + c.multiplicity() - 1] - ev[c.first()]);
        }
        return Table.create(String.format(Locale.ROOT, "eigenvalue clusters (tolerance %.2g)", s.tolerance()), v, m, sp);
    }

    /**
     * Lanczos Ritz values: {@code end} (string, {@code top} or {@code bottom}), {@code rank} (int, 1 = most extreme),
     * {@code value} (double), {@code residual} (double, {@code ||A x - theta x||}), {@code lower} and {@code upper}
     * (double, the interval {@code theta +- residual} that holds an eigenvalue).
     */
    public static Table lanczos(Lanczos.Result r) {
        require(r, "Lanczos result");
        StringColumn end = StringColumn.create("end");
        IntColumn rank = IntColumn.create("rank");
        DoubleColumn val = DoubleColumn.create("value");
        DoubleColumn res = DoubleColumn.create("residual");
        DoubleColumn lo = DoubleColumn.create("lower");
        DoubleColumn hi = DoubleColumn.create("upper");
        for (String e : List.of("top", "bottom")) {
            List<RitzPair> list = e.equals("top") ? r.top() : r.bottom();
            for (int i = 0; i < list.size(); i++) {
                RitzPair p = list.get(i);
                end.append(e);
                rank.append(i + 1);
                val.append(p.value());
                res.append(p.residual());
                lo.append(p.lowerBound());
                hi.append(p.upperBound());
            }
        }
        return Table.create("Lanczos (" + r.iterations() + " steps" + (r.exhausted() ? ", exact" : "") + ")",
                end, rank, val, res, lo, hi);
    }

    /**
     * The verdict of a classification as two columns {@code field} and {@code value} (both string): class, reason,
     * S, r, r_max, critical value, loss, minimal pivots, margins, witness and Hessian check when present. The pivots
     * themselves are {@link Classification#toTable()}.
     */
    public static Table classification(Classification c) {
        require(c, "classification");
        StringColumn f = StringColumn.create("field");
        StringColumn v = StringColumn.create("value");
        add(f, v, "class", c.pointClass().name());
        add(f, v, "reason", c.reason());
        add(f, v, "critical", Boolean.toString(c.critical()));
        if (c.critical()) {
            add(f, v, "S", java.util.Arrays.toString(c.S()));
            add(f, v, "r", c.r() + " (r_max " + c.rMax() + ")");
            add(f, v, "value", num(c.value()));
        }
        add(f, v, "loss", num(c.loss()));
        if (!c.pivots().isEmpty()) {
            add(f, v, "pivots", c.pivots().stream().map(p -> "(" + p.i() + "," + p.j() + ")" + (p.tightened() ? "" : "*"))
                    .collect(Collectors.joining(" ")) + "  (* = not tightened)");
            add(f, v, "minimal pivots", c.minimalPivots().stream().map(p -> "(" + p.i() + "," + p.j() + ")")
                    .collect(Collectors.joining(" ")));
        }
        add(f, v, "margins (decades)", String.format(Locale.ROOT, "gradient %.1f, association %.1f, ranks %.1f, pivots %.1f",
                c.margins().gradientDecades(), c.margins().associationDecades(), c.margins().rankDecades(),
                c.margins().pivotDecades()));
        add(f, v, "confidence", c.confidence() + (c.fragile().isEmpty() ? "" : ": " + c.fragile()));
        c.witness().ifPresent(w -> add(f, v, "witness", w.toString()));
        OptionalDouble hm = c.hessianMin();
        if (hm.isPresent()) {
            add(f, v, "Hessian min", num(hm.getAsDouble()) + " (" + c.hessian().orElseThrow().outcome() + ")");
        }
        return Table.create("classification", f, v);
    }

    private static void require(Object x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is missing (null)");
        }
    }

    private static void add(StringColumn f, StringColumn v, String field, String value) {
        f.append(field);
        v.append(value);
    }

    private static String num(double x) {
        return Numbers.format(x, 12);
    }

    /**
     * Every row as aligned text for notebooks and the CLI: the title on its own line, numbers with
     * {@link Numbers#DEFAULT_DIGITS} significant digits ({@link Numbers#format(double)}), columns that would make a
     * line wider than 120 characters continued in further blocks; ends with a newline.
     */
    public static String text(Table t) {
        return TableLayout.of(t, 0).text(TableLayout.DEFAULT_WIDTH);
    }

    /** As {@link #text(Table)} but at most {@code maxRows} rows (the first and last halves, the rest counted). */
    public static String text(Table t, int maxRows) {
        return TableLayout.of(t, Math.max(1, maxRows)).text(TableLayout.DEFAULT_WIDTH);
    }

    /**
     * The table as an HTML fragment ({@code <table>} with the title as caption, numbers right-aligned and formatted
     * as in {@link #text(Table)}, text escaped). In an IJava notebook: {@code display(Tables.html(t), "text/html")}.
     */
    public static String html(Table t) {
        return TableLayout.of(t, 0).html();
    }

    /** As {@link #html(Table)} but at most {@code maxRows} rows (the first and last halves, the rest counted). */
    public static String html(Table t, int maxRows) {
        return TableLayout.of(t, Math.max(1, maxRows)).html();
    }

    /** Column names with their Tablesaw types, {@code name:TYPE} comma-separated (what the tests check). */
    public static String schema(Table t) {
        return t.columns().stream().map(c -> c.name() + ":" + c.type().name()).collect(Collectors.joining(", "));
    }

    /** Writes the table as CSV (header row, comma-separated, atomically, parent directories created); returns {@code path}. */
    public static Path csv(Table t, Path path) {
        if (t == null || path == null) {
            throw new IllegalArgumentException("CSV export needs a table and a path (got null)");
        }
        return OutputFiles.write(path, out -> t.write().csv(new java.io.OutputStreamWriter(
                new java.io.FilterOutputStream(out) { // Tablesaw closes its writer; the atomic writer closes the file
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                }, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Names of the columns in order. */
    public static List<String> columnNames(Table t) {
        return t.columns().stream().map(Column::name).toList();
    }
}
