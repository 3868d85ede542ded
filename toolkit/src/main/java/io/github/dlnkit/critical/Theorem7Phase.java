package io.github.dlnkit.critical;

import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Phase 3 of {@link Classifier}: the pivots {@code N_ij = W_{j-1:1} Sxy U_{S^c} U_{S^c}^T W_{H:i+1} != 0} and the
 * inner ranks {@code rk W_{i-1:j+1}} (only when {@code S = [[1,r]]} and {@code r < r_max}), then
 * {@link Theorem7#decide}. Pivots: {@code ||N_ij||_F > tol ||M||_F prod_{h<j or h>i} ||W_h||_F}; inner ranks:
 * singular values above {@code rankTol prod_{j<h<i} ||W_h||_F}.
 *
 * @param pivots      every pivot, ordered by {@code (i, j)}
 * @param verdict     the verdict of Theorem 7
 * @param rankDecades smallest margin of the inner ranks ({@code +Inf} when none was decided)
 * @param pivotDecades smallest margin of the pivot decisions ({@code +Inf} when none was decided)
 */
record Theorem7Phase(List<Pivot> pivots, Theorem7.Verdict verdict, double rankDecades, double pivotDecades) {
    static Theorem7Phase measure(Dataset data, Weights w, int[] s, int r, double pivotTolerance, double rankTolerance) {
        int rMax = w.architecture().rMax();
        List<Pivot> pivots = new ArrayList<>();
        double rankDecades = Double.POSITIVE_INFINITY;
        double pivotDecades = Double.POSITIVE_INFINITY;
        if (CriticalValues.isPrefix(s) && r < rMax) {
            int hc = w.depth();
            double[] layerNorm = w.layerNorms();
            DMatrixRMaj u = data.eigenvectors();
            DMatrixRMaj uc = Numerics.columns(u, r, u.numCols);
            DMatrixRMaj m = Numerics.multTransB(Numerics.mult(data.sxy(), uc), uc); // Sxy U_c U_c^T, d_x x d_y
            double mNorm = Numerics.normF(m);
            for (int i = 2; i <= hc; i++) {
                DMatrixRMaj above = w.product(hc, i + 1); // W_{H:i+1}
                double aboveScale = prod(layerNorm, i + 1, hc);
                for (int j = 1; j < i; j++) {
                    DMatrixRMaj below = w.product(j - 1, 1); // W_{j-1:1}
                    double belowScale = prod(layerNorm, 1, j - 1);
                    double nNorm = Numerics.normF(Numerics.mult(Numerics.mult(below, m), above));
                    double thr = pivotTolerance * mNorm * aboveScale * belowScale;
                    pivotDecades = Math.min(pivotDecades, nNorm == 0 ? Double.POSITIVE_INFINITY
                            : Math.abs(Math.log10(nNorm / thr)));
                    if (nNorm > thr) {
                        Numerics.Svd isvd = Numerics.svd(w.product(i - 1, j + 1));
                        double ithr = rankTolerance * prod(layerNorm, j + 1, i - 1);
                        int ir = Classifier.rankAbove(isvd.s(), ithr);
                        rankDecades = Math.min(rankDecades, Classifier.marginAbove(isvd.s(), ir, ithr));
                        pivots.add(new Pivot(i, j, nNorm, ir, ir == r));
                    }
                }
            }
        }
        return new Theorem7Phase(pivots, Theorem7.decide(s, r, rMax, pivots), rankDecades, pivotDecades);
    }

    private static double prod(double[] norms, int from, int to) {
        double p = 1;
        for (int h = from; h <= to; h++) {
            p *= norms[h - 1];
        }
        return p;
    }
}
