package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Small numerical helpers of the critical package: SVD-based ranks, null spaces, top singular pairs. */
final class Numerics {
    private Numerics() {
    }

    /** Full SVD result with singular values sorted descending; {@code u} is rows x rows, {@code v} cols x cols. */
    record Svd(DMatrixRMaj u, double[] s, DMatrixRMaj v) {
        double top() {
            return s.length == 0 ? 0 : s[0];
        }
    }

    static Svd svd(DMatrixRMaj m) {
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

    /**
     * Numerical rank: the number of singular values {@code > relTol * sigma_1} (0 for the zero matrix, and for a
     * matrix whose largest singular value is below {@code absFloor}).
     */
    static int rank(double[] s, double relTol, double absFloor) {
        if (s.length == 0 || s[0] <= absFloor) {
            return 0;
        }
        int r = 0;
        for (double x : s) {
            if (x > relTol * s[0]) {
                r++;
            }
        }
        return r;
    }

    /** Columns {@code from..to-1} of {@code m}. */
    static DMatrixRMaj columns(DMatrixRMaj m, int from, int to) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, Math.max(0, to - from));
        for (int i = 0; i < m.numRows; i++) {
            for (int j = from; j < to; j++) {
                out.set(i, j - from, m.get(i, j));
            }
        }
        return out;
    }

    /** Column {@code k} of {@code m} as a {@code rows x 1} vector. */
    static DMatrixRMaj column(DMatrixRMaj m, int k) {
        return columns(m, k, k + 1);
    }

    /** Orthonormal basis (columns) of the null space of {@code m}, using the numerical rank at {@code relTol}. */
    static DMatrixRMaj nullSpace(DMatrixRMaj m, double relTol) {
        Svd d = svd(m);
        int r = rank(d.s(), relTol, 0);
        return columns(d.v(), r, m.numCols);
    }

    /** Null space using singular values {@code <= thr} (absolute) as zero. */
    static DMatrixRMaj nullSpaceAbove(DMatrixRMaj m, double thr) {
        Svd d = svd(m);
        int r = Classifier.rankAbove(d.s(), thr);
        return columns(d.v(), r, m.numCols);
    }

    /** Range using singular values {@code <= thr} (absolute) as zero. */
    static DMatrixRMaj rangeAbove(DMatrixRMaj m, double thr) {
        Svd d = svd(m);
        int r = Classifier.rankAbove(d.s(), thr);
        return columns(d.u(), 0, r);
    }

    /** Orthonormal basis of the range of {@code m}. */
    static DMatrixRMaj range(DMatrixRMaj m, double relTol) {
        Svd d = svd(m);
        int r = rank(d.s(), relTol, 0);
        return columns(d.u(), 0, r);
    }

    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        return Gemm.mult(a, b);
    }

    static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        Gemm.multTransA(a, b, c);
        return c;
    }

    static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
        Gemm.multTransB(a, b, c);
        return c;
    }

    static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    /** {@code a b^T} for column vectors. */
    static DMatrixRMaj outer(DMatrixRMaj a, DMatrixRMaj b) {
        return multTransB(a, b);
    }

    static double normF(DMatrixRMaj m) {
        return NormOps_DDRM.normF(m);
    }

    /** Moore-Penrose pseudo-inverse. */
    static DMatrixRMaj pinv(DMatrixRMaj m) {
        DMatrixRMaj out = new DMatrixRMaj(m.numCols, m.numRows);
        CommonOps_DDRM.pinv(m, out);
        return out;
    }

    /** {@code ||Z X||_F^2 = tr(Z Sxx Z^T)}. */
    static double dataNorm2(DMatrixRMaj z, DMatrixRMaj sxx) {
        return io.github.dlnkit.model.Matrices.dot(mult(z, sxx), z);
    }
}
