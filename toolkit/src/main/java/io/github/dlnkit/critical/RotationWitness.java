package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;

import static io.github.dlnkit.critical.Witnesses.finish;
import static io.github.dlnkit.critical.Witnesses.zeros;

/** The rotation witness of a strict saddle whose {@code S} is not a prefix ({@code achour2024.md} section 9.1). */
final class RotationWitness {
    private RotationWitness() {
    }

    /**
     * Rotation witness for {@code S} not a prefix (section 9.1): with {@code l} the first index missing from
     * {@code S} and {@code k} the largest element of {@code S} ({@code k > l}), {@code delta_H = J W_H},
     * {@code J = u_l u_k^T - u_k u_l^T}, and {@code delta_1 = W_1 (a_k b_l^T - a_l b_k^T)} with
     * {@code a_i = Sxy u_i / sqrt(lambda_i)}, {@code b_i = Sxx^{-1} Sxy u_i / sqrt(lambda_i)} (the tangent of
     * {@code W_1 Sxx^{1/2} e^{t J_V}^T Sxx^{-1/2}}). Curvature {@code -4 (sqrt(lambda_k lambda_l) - lambda_k)}
     * times the squared speed, negative.
     */
    static Witness of(Dataset data, Weights w, int[] s) {
        if (w.depth() < 2) {
            throw new IllegalArgumentException("the rotation witness needs H >= 2 weight matrices, got H = " + w.depth());
        }
        int l = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] != i + 1) {
                l = i + 1;
                break;
            }
        }
        if (l == 0) {
            throw new IllegalArgumentException("S = " + CriticalValues.setText(s) + " is a prefix; the rotation witness "
                    + "needs S that is not [[1,|S|]]");
        }
        int k = s[s.length - 1];
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj ul = MatrixOps.column(u, l - 1);
        DMatrixRMaj uk = MatrixOps.column(u, k - 1);
        DMatrixRMaj j = MatrixOps.multTransB(ul, uk);
        CommonOps_DDRM.subtractEquals(j, MatrixOps.multTransB(uk, ul));
        DMatrixRMaj sxy = data.sxy();
        DMatrixRMaj sxxInv = data.sxxInverse();
        double lk = data.eigenvalue(k);
        double ll = data.eigenvalue(l);
        DMatrixRMaj ak = MatrixOps.mult(sxy, uk);
        CommonOps_DDRM.scale(1 / Math.sqrt(lk), ak);
        DMatrixRMaj al = MatrixOps.mult(sxy, ul);
        CommonOps_DDRM.scale(1 / Math.sqrt(ll), al);
        DMatrixRMaj bk = MatrixOps.mult(sxxInv, MatrixOps.mult(sxy, uk));
        CommonOps_DDRM.scale(1 / Math.sqrt(lk), bk);
        DMatrixRMaj bl = MatrixOps.mult(sxxInv, MatrixOps.mult(sxy, ul));
        CommonOps_DDRM.scale(1 / Math.sqrt(ll), bl);
        DMatrixRMaj rot = MatrixOps.multTransB(ak, bl);
        CommonOps_DDRM.subtractEquals(rot, MatrixOps.multTransB(al, bk));
        int hc = w.depth();
        List<DMatrixRMaj> d = zeros(w);
        d.set(hc - 1, MatrixOps.mult(j, w.layer(hc)));
        d.set(0, MatrixOps.mult(w.layer(1), rot));
        return finish("rotation", data, w, Weights.of(d), null);
    }

}
