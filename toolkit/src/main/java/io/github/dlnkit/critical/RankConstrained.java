package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The rank-constrained regression problem {@code min { ||P X - Y||_F^2 : rk P <= r }}, solved by Eckart and Young on the
 * whitened cross-covariance, independently of the critical-value formula: with {@code M = Syx Sxx^{-1/2}} and
 * {@code M_r} its best rank-{@code r} approximation (truncated SVD), {@code P_r = M_r Sxx^{-1/2}} and
 * <pre>
 *   ||P X - Y||^2 = tr(P Sxx P^T) - 2 tr(P Sxy) + tr Syy = ||P Sxx^{1/2} - M||_F^2 + tr Syy - ||M||_F^2 .
 * </pre>
 * Achour et al.'s key message ("non-strict saddles correspond to rank-constrained global minima", seed TL;DR) says the
 * loss at a non-strict saddle of rank {@code r} is {@link #minimum}{@code (data, r)} and its end-to-end map is {@link #map}.
 */
public final class RankConstrained {
    private RankConstrained() {
    }

    /** {@code P_r}, a minimizer of {@code ||P X - Y||^2} over {@code rk P <= r} (unique under assumption H). */
    public static DMatrixRMaj map(Dataset data, int r) {
        int dx = data.inputDim();
        int dy = data.outputDim();
        if (r < 0 || r > Math.min(dx, dy)) {
            throw new IllegalArgumentException("rank r = " + r + " out of range 0..min(d_x, d_y) = " + Math.min(dx, dy));
        }
        DMatrixRMaj[] roots = sqrtAndInverseSqrt(data.sxx());
        DMatrixRMaj m = MatrixOps.mult(data.syx(), roots[1]);
        SingularOps.Svd svd = SingularOps.svd(m);
        DMatrixRMaj mr = new DMatrixRMaj(dy, dx);
        for (int k = 0; k < r; k++) {
            DMatrixRMaj u = MatrixOps.column(svd.u(), k);
            DMatrixRMaj v = MatrixOps.column(svd.v(), k);
            DMatrixRMaj uv = MatrixOps.multTransB(u, v);
            CommonOps_DDRM.addEquals(mr, svd.s()[k], uv);
        }
        return MatrixOps.mult(mr, roots[1]);
    }

    /** {@code ||P X - Y||^2} (plain sum) from the moments. */
    public static double loss(Dataset data, DMatrixRMaj p) {
        DMatrixRMaj psxx = MatrixOps.mult(p, data.sxx());
        double quad = MatrixOps.dot(psxx, p);
        double cross = MatrixOps.dot(p, data.syx());
        return quad - 2 * cross + data.traceSyy();
    }

    /** The optimal value {@code min_{rk P <= r} ||P X - Y||^2} (plain sum), evaluated at {@link #map}. */
    public static double minimum(Dataset data, int r) {
        return loss(data, map(data, r));
    }

    private static DMatrixRMaj[] sqrtAndInverseSqrt(DMatrixRMaj sxx) {
        int n = sxx.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(sxx.copy())) {
            throw new IllegalStateException("eigen-decomposition of Sxx failed");
        }
        DMatrixRMaj root = new DMatrixRMaj(n, n);
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            double mu = eig.getEigenvalue(k).getReal();
            if (!(mu > 0)) {
                throw new IllegalArgumentException("Sxx must be positive definite, eigenvalue " + mu + " found");
            }
            DMatrixRMaj v = eig.getEigenVector(k).copy();
            CommonOps_DDRM.divide(v, Math.sqrt(CommonOps_DDRM.dot(v, v)));
            DMatrixRMaj vv = MatrixOps.multTransB(v, v);
            CommonOps_DDRM.addEquals(root, Math.sqrt(mu), vv);
            CommonOps_DDRM.addEquals(inv, 1 / Math.sqrt(mu), vv);
        }
        return new DMatrixRMaj[]{root, inv};
    }
}
