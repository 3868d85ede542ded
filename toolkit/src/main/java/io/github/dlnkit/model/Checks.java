package io.github.dlnkit.model;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks shared by the toolkit. Every failure throws {@link IllegalArgumentException} with a message
 * that names the matrix, the shape found and the shape expected.
 */
public final class Checks {
    private Checks() {
    }

    /** "3x2" */
    public static String shape(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }

    /** Rejects {@code null}. */
    public static DMatrixRMaj notNull(String name, DMatrixRMaj m) {
        if (m == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
        return m;
    }

    /**
     * A matrix from its rows, checked: every row has the same length and every entry is finite; the message names
     * {@code name}, the row and what was expected. No rows gives the {@code 0 x 0} matrix.
     */
    public static DMatrixRMaj matrix(String name, double[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
        int cols = rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != cols) {
                throw new IllegalArgumentException(name + " row " + i + " has " + (rows[i] == null ? 0 : rows[i].length)
                        + " entries, expected " + cols + " (every row of a matrix has the same length)");
            }
        }
        return finite(name, rows.length == 0 ? new DMatrixRMaj(0, 0) : new DMatrixRMaj(rows));
    }

    /** Rejects NaN and infinite entries, naming the first offending entry (0-based row, column). */
    public static DMatrixRMaj finite(String name, DMatrixRMaj m) {
        notNull(name, m);
        double[] a = m.data;
        int n = m.numRows * m.numCols;
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException(name + " (" + shape(m) + ") has a non-finite entry " + a[k]
                        + " at row " + (k / m.numCols) + ", column " + (k % m.numCols));
            }
        }
        return m;
    }

    /** Requires the shape {@code rows x cols}; {@code expectation} explains where the shape comes from. */
    public static DMatrixRMaj shape(String name, DMatrixRMaj m, int rows, int cols, String expectation) {
        notNull(name, m);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " has shape " + shape(m) + ", expected " + rows + "x" + cols
                    + (expectation == null || expectation.isEmpty() ? "" : " (" + expectation + ")"));
        }
        return m;
    }

    /** Rejects NaN/Inf scalars. */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
        return v;
    }

    /** Rejects negative or non-finite scalars. */
    public static double nonNegative(String name, double v) {
        finite(name, v);
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
        return v;
    }

    /** Rejects non-positive or non-finite scalars. */
    public static double positive(String name, double v) {
        finite(name, v);
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
        return v;
    }
}
