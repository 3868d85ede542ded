package io.github.dlnkit.model;

import io.github.dlnkit.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.Random;

/** Small dense-matrix helpers on top of EJML that the toolkit needs in several places. */
public final class Matrices {
    private Matrices() {
    }

    /** Builds a matrix from rows, rejecting ragged rows and non-finite numbers with the matrix name. */
    public static DMatrixRMaj fromRows(String name, double[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
        int cols = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != cols) {
                throw new IllegalArgumentException(name + " row " + i + " has " + (rows[i] == null ? 0 : rows[i].length)
                        + " entries, expected " + cols + " (every row of a matrix has the same length)");
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(rows);
        if (rows.length == 0) {
            m = new DMatrixRMaj(0, 0);
        }
        return Checks.finite(name, m);
    }

    /** The rows of {@code m} as a fresh {@code double[][]}. */
    public static double[][] toRows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                r[i][j] = m.get(i, j);
            }
        }
        return r;
    }

    /** {@code rows x cols} matrix of i.i.d. {@code N(0, scale^2)} entries. */
    public static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            m.data[k] = scale * rng.nextGaussian();
        }
        return m;
    }

    /** Square diagonal matrix. */
    public static DMatrixRMaj diag(double... d) {
        return CommonOps_DDRM.diag(d);
    }

    /** {@code rows x cols} matrix with {@code d} on its main diagonal and zeros elsewhere. */
    public static DMatrixRMaj rectDiag(int rows, int cols, double... d) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < Math.min(d.length, Math.min(rows, cols)); k++) {
            m.set(k, k, d[k]);
        }
        return m;
    }

    /**
     * Haar-distributed matrix with orthonormal columns ({@code rows >= cols}) or rows ({@code rows < cols}),
     * from the QR decomposition of a Gaussian matrix with the signs of {@code R}'s diagonal fixed.
     */
    public static DMatrixRMaj orthonormal(int rows, int cols, Random rng) {
        boolean tall = rows >= cols;
        int n = tall ? rows : cols;
        int k = tall ? cols : rows;
        DMatrixRMaj g = gaussian(n, k, 1.0, rng);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, k);
        if (!qr.decompose(g.copy())) {
            throw new IllegalStateException("QR failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int j = 0; j < k; j++) {
            if (r.get(j, j) < 0) {
                for (int i = 0; i < n; i++) {
                    q.set(i, j, -q.get(i, j));
                }
            }
        }
        return tall ? q : CommonOps_DDRM.transpose(q, null);
    }

    /** Frobenius inner product {@code <A, B> = tr(A^T B)}. */
    public static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        int n = a.numRows * a.numCols;
        for (int k = 0; k < n; k++) {
            s += a.data[k] * b.data[k];
        }
        return s;
    }

    /** {@code a * b} as a new matrix ({@link Gemm}: native BLAS when loaded). */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        return Gemm.mult(a, b);
    }
}
