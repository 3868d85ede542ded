package io.github.dlnkit.critical.exact;

import org.ejml.data.DMatrixRMaj;
import org.hipparchus.fraction.BigFraction;

import java.util.Arrays;

/**
 * An immutable dense matrix of rationals ({@link BigFraction}), with the few operations exact classification needs:
 * products, sums, transposes, traces, exact inverses (Gauss-Jordan over {@code Q}) and the exact conversion from a
 * double matrix (every finite double is a dyadic rational). Ranks are computed fraction-free by {@link Bareiss}.
 */
public final class RationalMatrix {
    private final BigFraction[][] a;
    private final int rows;
    private final int cols;

    private RationalMatrix(BigFraction[][] a, int rows, int cols) {
        this.a = a;
        this.rows = rows;
        this.cols = cols;
    }

    /** A copy of the given rows (all of the same length, at least one row and one column). */
    public static RationalMatrix of(BigFraction[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column");
        }
        BigFraction[][] c = new BigFraction[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " entries, expected " + rows[0].length);
            }
            c[i] = rows[i].clone();
        }
        return new RationalMatrix(c, rows.length, rows[0].length);
    }

    /** Integer entries, e.g. {@code ofInts(new long[][]{{1, 2}, {0, 1}})}. */
    public static RationalMatrix ofInts(long[][] rows) {
        BigFraction[][] c = new BigFraction[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            c[i] = new BigFraction[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                c[i][j] = new BigFraction(rows[i][j]);
            }
        }
        return of(c);
    }

    /** The exact rational value of every entry of a finite double matrix. */
    public static RationalMatrix exactly(DMatrixRMaj m) {
        BigFraction[][] c = new BigFraction[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                double v = m.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("entry (" + i + "," + j + ") is " + v + ", not a rational number");
                }
                c[i][j] = v == 0 ? BigFraction.ZERO : new BigFraction(v);
            }
        }
        return of(c);
    }

    /** The {@code n x n} identity. */
    public static RationalMatrix identity(int n) {
        return diagonalOf(n, BigFraction.ONE);
    }

    /** The {@code rows x cols} zero matrix. */
    public static RationalMatrix zeros(int rows, int cols) {
        BigFraction[][] c = new BigFraction[rows][cols];
        for (BigFraction[] r : c) {
            Arrays.fill(r, BigFraction.ZERO);
        }
        return new RationalMatrix(c, rows, cols);
    }

    private static RationalMatrix diagonalOf(int n, BigFraction d) {
        RationalMatrix z = zeros(n, n);
        for (int i = 0; i < n; i++) {
            z.a[i][i] = d;
        }
        return z;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public BigFraction get(int i, int j) {
        return a[i][j];
    }

    /** {@code this * b}. */
    public RationalMatrix times(RationalMatrix b) {
        if (cols != b.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + b.shape());
        }
        BigFraction[][] c = new BigFraction[rows][b.cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < b.cols; j++) {
                BigFraction s = BigFraction.ZERO;
                for (int k = 0; k < cols; k++) {
                    if (a[i][k].signum() != 0 && b.a[k][j].signum() != 0) {
                        s = s.add(a[i][k].multiply(b.a[k][j]));
                    }
                }
                c[i][j] = s;
            }
        }
        return new RationalMatrix(c, rows, b.cols);
    }

    /** {@code this + b}. */
    public RationalMatrix plus(RationalMatrix b) {
        return combine(b, false);
    }

    /** {@code this - b}. */
    public RationalMatrix minus(RationalMatrix b) {
        return combine(b, true);
    }

    private RationalMatrix combine(RationalMatrix b, boolean subtract) {
        if (rows != b.rows || cols != b.cols) {
            throw new IllegalArgumentException("shapes differ: " + shape() + " and " + b.shape());
        }
        BigFraction[][] c = new BigFraction[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[i][j] = subtract ? a[i][j].subtract(b.a[i][j]) : a[i][j].add(b.a[i][j]);
            }
        }
        return new RationalMatrix(c, rows, cols);
    }

    /** {@code s * this}. */
    public RationalMatrix scale(BigFraction s) {
        BigFraction[][] c = new BigFraction[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[i][j] = a[i][j].multiply(s);
            }
        }
        return new RationalMatrix(c, rows, cols);
    }

    public RationalMatrix transpose() {
        BigFraction[][] c = new BigFraction[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[j][i] = a[i][j];
            }
        }
        return new RationalMatrix(c, cols, rows);
    }

    /** The columns with the given (0-based) indices, in that order. */
    public RationalMatrix columns(int[] idx) {
        BigFraction[][] c = new BigFraction[rows][idx.length];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < idx.length; k++) {
                c[i][k] = a[i][idx[k]];
            }
        }
        return new RationalMatrix(c, rows, idx.length);
    }

    public BigFraction trace() {
        requireSquare("trace");
        BigFraction s = BigFraction.ZERO;
        for (int i = 0; i < rows; i++) {
            s = s.add(a[i][i]);
        }
        return s;
    }

    /** {@code ||this||_F^2 = sum of squared entries}, exactly. */
    public BigFraction frobeniusSquared() {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction[] r : a) {
            for (BigFraction x : r) {
                if (x.signum() != 0) {
                    s = s.add(x.multiply(x));
                }
            }
        }
        return s;
    }

    /** Every entry is exactly zero. */
    public boolean isZero() {
        for (BigFraction[] r : a) {
            for (BigFraction x : r) {
                if (x.signum() != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean isSymmetric() {
        return rows == cols && equals(transpose());
    }

    /**
     * The exact inverse by Gauss-Jordan elimination over the rationals.
     *
     * @throws IllegalArgumentException naming {@code what} when the matrix is singular
     */
    public RationalMatrix inverse(String what) {
        requireSquare("inverse");
        int n = rows;
        BigFraction[][] m = new BigFraction[n][];
        BigFraction[][] inv = identity(n).a;
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            while (p < n && m[p][c].signum() == 0) {
                p++;
            }
            if (p == n) {
                throw new IllegalArgumentException(what + " is singular (rank " + Bareiss.rank(this) + " < " + n + ")");
            }
            swap(m, c, p);
            swap(inv, c, p);
            BigFraction piv = m[c][c].reciprocal();
            for (int j = 0; j < n; j++) {
                m[c][j] = m[c][j].multiply(piv);
                inv[c][j] = inv[c][j].multiply(piv);
            }
            for (int i = 0; i < n; i++) {
                BigFraction f = m[i][c];
                if (i != c && f.signum() != 0) {
                    for (int j = 0; j < n; j++) {
                        m[i][j] = m[i][j].subtract(f.multiply(m[c][j]));
                        inv[i][j] = inv[i][j].subtract(f.multiply(inv[c][j]));
                    }
                }
            }
        }
        return new RationalMatrix(inv, n, n);
    }

    private static void swap(BigFraction[][] m, int i, int j) {
        BigFraction[] t = m[i];
        m[i] = m[j];
        m[j] = t;
    }

    /** The nearest doubles (for display and for comparison with double-precision results). */
    public DMatrixRMaj toDouble() {
        DMatrixRMaj d = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d.set(i, j, a[i][j].doubleValue());
            }
        }
        return d;
    }

    /** Rows as strings: integers as {@code "3"}, others as {@code "p/q"}. */
    public String[][] toStrings() {
        String[][] s = new String[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                s[i][j] = text(a[i][j]);
            }
        }
        return s;
    }

    /** {@code "3"}, {@code "-1/2"}: the reduced fraction as text. */
    public static String text(BigFraction x) {
        return x.getDenominator().equals(java.math.BigInteger.ONE) ? x.getNumerator().toString()
                : x.getNumerator() + "/" + x.getDenominator();
    }

    String shape() {
        return rows + "x" + cols;
    }

    private void requireSquare(String op) {
        if (rows != cols) {
            throw new IllegalArgumentException(op + " needs a square matrix, got " + shape());
        }
    }

    BigFraction[][] rowsCopy() {
        BigFraction[][] c = new BigFraction[rows][];
        for (int i = 0; i < rows; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RationalMatrix m && m.rows == rows && m.cols == cols && Arrays.deepEquals(a, m.a);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(a);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(toStrings());
    }
}
