package io.github.dlnkit.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * SVD-based ranks, ranges and null spaces. A rank is always the number of singular values above a cut-off; the
 * caller says how the cut-off is made (relative to {@code sigma_1}, or an absolute value it derived from the scale of
 * what the matrix is made of), so that the rule is visible where the decision is taken.
 */
public final class SingularOps {
    private SingularOps() {
    }

    /**
     * Full SVD {@code m = U diag(s) V^T} with singular values descending; {@code u} is {@code rows x rows}, {@code v}
     * is {@code cols x cols}.
     */
    public record Svd(DMatrixRMaj u, double[] s, DMatrixRMaj v) {
        /** {@code sigma_1} (0 for an empty matrix). */
        public double top() {
            return s.length == 0 ? 0 : s[0];
        }
    }

    /** The full SVD of {@code m} (not modified). */
    public static Svd svd(DMatrixRMaj m) {
        int rows = m.numRows;
        int cols = m.numCols;
        SingularValueDecomposition_F64<DMatrixRMaj> d = DecompositionFactory_DDRM.svd(rows, cols, true, true, false);
        if (!d.decompose(m.copy())) {
            throw new IllegalStateException("SVD failed on a " + rows + "x" + cols + " matrix");
        }
        DMatrixRMaj u = d.getU(null, false);
        DMatrixRMaj v = d.getV(null, false);
        DMatrixRMaj w = d.getW(null);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double[] s = new double[Math.min(rows, cols)];
        for (int k = 0; k < s.length; k++) {
            s[k] = w.get(k, k);
        }
        return new Svd(u, s, v);
    }

    /** The singular values of {@code m}, descending. */
    public static double[] singularValues(DMatrixRMaj m) {
        return svd(m).s();
    }

    /**
     * Rank relative to the largest singular value: the number of {@code s_k > relTol * s_1}; 0 when {@code s_1 <=
     * absFloor} (a matrix that is zero at the scale the caller knows).
     */
    public static int rank(double[] s, double relTol, double absFloor) {
        if (s.length == 0 || s[0] <= absFloor) {
            return 0;
        }
        return rankAbove(s, relTol * s[0]);
    }

    /** Rank at an absolute cut-off: the number of {@code s_k > threshold}. */
    public static int rankAbove(double[] s, double threshold) {
        int r = 0;
        for (double x : s) {
            if (x > threshold) {
                r++;
            }
        }
        return r;
    }

    /** Orthonormal basis (columns) of the null space of {@code m}, singular values {@code <= relTol s_1} taken as zero. */
    public static DMatrixRMaj nullSpace(DMatrixRMaj m, double relTol) {
        Svd d = svd(m);
        return MatrixOps.columns(d.v(), rank(d.s(), relTol, 0), m.numCols);
    }

    /** Orthonormal basis of the null space of {@code m}, singular values {@code <= threshold} taken as zero. */
    public static DMatrixRMaj nullSpaceAbove(DMatrixRMaj m, double threshold) {
        Svd d = svd(m);
        return MatrixOps.columns(d.v(), rankAbove(d.s(), threshold), m.numCols);
    }

    /** Orthonormal basis of the range of {@code m}, singular values {@code <= relTol s_1} taken as zero. */
    public static DMatrixRMaj range(DMatrixRMaj m, double relTol) {
        Svd d = svd(m);
        return MatrixOps.columns(d.u(), 0, rank(d.s(), relTol, 0));
    }

    /** Orthonormal basis of the range of {@code m}, singular values {@code <= threshold} taken as zero. */
    public static DMatrixRMaj rangeAbove(DMatrixRMaj m, double threshold) {
        Svd d = svd(m);
        return MatrixOps.columns(d.u(), 0, rankAbove(d.s(), threshold));
    }

    /** Moore-Penrose pseudo-inverse (EJML's, SVD-based). */
    public static DMatrixRMaj pinv(DMatrixRMaj m) {
        DMatrixRMaj out = new DMatrixRMaj(m.numCols, m.numRows);
        CommonOps_DDRM.pinv(m, out);
        return out;
    }
}
