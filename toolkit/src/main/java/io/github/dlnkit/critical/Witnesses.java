package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Certificates that a saddle is not a local minimum ({@code achour2024.md} sections 9 and 10.4), each checked
 * by an exact Hessian-vector product and by the exact loss polynomial {@code t -> L(W + t delta)}
 * ({@link LossPolynomial}). One class per kind: {@link RotationWitness} ({@code S} not a prefix),
 * {@link PivotWitness} (a pivot not tightened, cases S1 and S2), {@link ChainWitness} (higher-order descent at a
 * non-strict saddle, with its candidate list and cache); this class is their common entry point and holds what they
 * share.
 */
public final class Witnesses {
    /** Relative tolerance of the kernels and ranges the witnesses are built from (each witness is then checked exactly). */
    public static final double KERNEL_TOLERANCE = 1e-9;

    private Witnesses() {
    }

    /**
     * Coefficients {@code c_0..c_{2H}} of the polynomial {@code L(W + t delta)} (plain sum), computed exactly
     * (up to rounding) from the matrix polynomial {@code prod_h (W_h + t delta_h)}.
     */
    public static double[] lossPolynomial(Dataset data, Weights w, Weights delta) {
        return LossPolynomial.of(data, w, delta);
    }

    /** Rotation witness for {@code S} not a prefix ({@link RotationWitness}). */
    public static Witness rotation(Dataset data, Weights w, int[] s) {
        return RotationWitness.of(data, w, s);
    }

    /** Pivot witness for a pivot that is not tightened ({@link PivotWitness}); empty when neither case applies. */
    public static Optional<Witness> pivot(Dataset data, Weights w, int r, Pivot pv, double rankTol) {
        return PivotWitness.of(data, w, r, pv, rankTol);
    }

    /** Higher-order descent curve of a non-strict saddle ({@link ChainWitness}); empty when none is found. */
    public static Optional<Witness> chain(Dataset data, Weights w, int r, List<Pivot> pivots, double rankTol) {
        return ChainWitness.of(data, w, r, pivots, rankTol);
    }

    /** {@code N_ij = W_{j-1:1} Sxy U_{S^c} U_{S^c}^T W_{H:i+1}} for {@code S = [[1,r]]}. */
    static DMatrixRMaj nMatrix(Dataset data, Weights w, int r, int i, int j) {
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj uc = MatrixOps.columns(u, r, u.numCols);
        DMatrixRMaj m = MatrixOps.multTransB(MatrixOps.mult(data.sxy(), uc), uc);
        return MatrixOps.mult(MatrixOps.mult(w.product(j - 1, 1), m), w.product(w.depth(), i + 1));
    }

    static Witness finish(String kind, Dataset data, Weights w, Weights delta, Pivot pv) {
        double curvature = delta.dot(Loss.of(data).hvp(w, delta));
        double[] poly = LossPolynomial.of(data, w, delta);
        LossPolynomial.Leading lead = LossPolynomial.Leading.of(poly);
        int order = lead.order();
        double leading = lead.leading();
        return new Witness(kind, delta, curvature, order, leading, poly, pv);
    }

    static List<DMatrixRMaj> zeros(Weights w) {
        List<DMatrixRMaj> d = new ArrayList<>();
        for (int h = 1; h <= w.depth(); h++) {
            d.add(new DMatrixRMaj(w.architecture().width(h), w.architecture().width(h - 1)));
        }
        return d;
    }

    static boolean isZero(DMatrixRMaj m) {
        double[] d = m.data;
        for (int k = 0, n = m.getNumElements(); k < n; k++) {
            if (d[k] != 0) {
                return false;
            }
        }
        return true;
    }

    static double sq(DMatrixRMaj v) {
        return MatrixOps.dot(v, v);
    }
}
