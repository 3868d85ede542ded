package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Products, transposes, inner products and sub-matrices that return a new matrix, for code where readability matters
 * more than allocation (constructions, checks, notebooks). Products go through {@link Gemm} (native BLAS when
 * loaded); loops that run per step use {@link Gemm}'s output-argument forms instead. Shapes are EJML's:
 * {@code a.numCols == b.numRows} for {@code a b}.
 */
public final class MatrixOps {
    private MatrixOps() {
    }

    /** {@code a b}. */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        return Gemm.mult(a, b);
    }

    /** {@code a^T b}. */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        Gemm.multTransA(a, b, c);
        return c;
    }

    /** {@code a b^T}; for column vectors the outer product. */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
        Gemm.multTransB(a, b, c);
        return c;
    }

    /** {@code a^T}. */
    public static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    /** Frobenius norm {@code ||m||_F} (EJML's, scaled against overflow). */
    public static double normF(DMatrixRMaj m) {
        return NormOps_DDRM.normF(m);
    }

    /**
     * Frobenius inner product {@code <A, B> = tr(A^T B)} (entries in storage order; same number of entries), with four
     * accumulators: a single running sum waits on each addition (the loss value of every GD step of W3 spent 20 % of its
     * Java time here).
     */
    public static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.getNumElements() != b.getNumElements()) {
            throw new IllegalArgumentException("dot of a " + a.numRows + "x" + a.numCols + " and a " + b.numRows + "x"
                    + b.numCols + " matrix, expected the same number of entries");
        }
        return Vectors.javaDot(a.data, b.data, a.getNumElements());
    }

    /** The square diagonal matrix {@code diag(d)}. */
    public static DMatrixRMaj diag(double... d) {
        return CommonOps_DDRM.diag(d);
    }

    /** A {@code rows x cols} matrix with {@code d} on its main diagonal (extra entries of {@code d} ignored). */
    public static DMatrixRMaj rectDiag(int rows, int cols, double... d) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < Math.min(d.length, Math.min(rows, cols)); k++) {
            m.set(k, k, d[k]);
        }
        return m;
    }

    /** Columns {@code from..to-1} of {@code m}. */
    public static DMatrixRMaj columns(DMatrixRMaj m, int from, int to) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, Math.max(0, to - from));
        for (int i = 0; i < m.numRows; i++) {
            for (int j = from; j < to; j++) {
                out.set(i, j - from, m.get(i, j));
            }
        }
        return out;
    }

    /** Column {@code k} of {@code m} as a {@code rows x 1} vector. */
    public static DMatrixRMaj column(DMatrixRMaj m, int k) {
        return columns(m, k, k + 1);
    }

    /** The entries as rows ({@code double[numRows][numCols]}). */
    public static double[][] toRows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, r[i], 0, m.numCols);
        }
        return r;
    }
}
