package io.github.dlnkit.critical;

import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phase 2 of {@link Classifier}: the index set {@code S} of a critical point (Prop. 1). With
 * {@code D = U^T P Sxy U}, {@code S = {k : D_kk > lambda_k / 2}}, requiring
 * {@code max|D - diag(lambda_S)| <= tol * lambda_1} and {@code rk P = |S|}.
 *
 * @param S           1-based indices
 * @param residual    {@code max |D - diag(lambda_k 1[k in S])| / lambda_1}
 * @param tolerance   the association tolerance
 * @param r           the numerical rank of {@code P}
 * @param decades     margin of the association decisions
 * @param rankDecades margin of the rank of {@code P}
 */
record Association(int[] S, double residual, double tolerance, int r, double decades, double rankDecades) {
    static Association measure(Dataset data, Weights w, double tolerance, double rankTolerance) {
        double[] lambda = data.eigenvalues();
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj p = w.endToEnd();
        DMatrixRMaj d = Numerics.multTransA(u, Numerics.mult(Numerics.mult(p, data.sxy()), u));
        int dy = lambda.length;
        List<Integer> sList = new ArrayList<>();
        double closest = Double.POSITIVE_INFINITY; // distance of D_kk/lambda_k from 1/2
        for (int k = 0; k < dy; k++) {
            double ratio = d.get(k, k) / lambda[k];
            closest = Math.min(closest, Math.abs(ratio - 0.5));
            if (ratio > 0.5) {
                sList.add(k + 1);
            }
        }
        int[] s = sList.stream().mapToInt(Integer::intValue).toArray();
        double resid = 0;
        for (int k = 0; k < dy; k++) {
            for (int l = 0; l < dy; l++) {
                double target = (k == l && sList.contains(k + 1)) ? lambda[k] : 0;
                resid = Math.max(resid, Math.abs(d.get(k, l) - target) / lambda[0]);
            }
        }
        double pScale = 1;
        for (double n : w.layerNorms()) {
            pScale *= n;
        }
        Numerics.Svd pSvd = Numerics.svd(p);
        double pThr = rankTolerance * pScale;
        int r = Classifier.rankAbove(pSvd.s(), pThr);
        double rankDecades = Classifier.marginAbove(pSvd.s(), r, pThr);
        double decades = Math.min(resid == 0 ? Double.POSITIVE_INFINITY : Math.log10(tolerance / resid),
                closest == 0 ? 0 : Math.log10(closest / tolerance));
        return new Association(s, resid, tolerance, r, decades, rankDecades);
    }

    boolean associated() {
        return residual <= tolerance && r == S.length;
    }

    String reason(double relativeGradient) {
        return r != S.length && residual <= tolerance
                ? "gradient is small but rk(W_{H:1}) = " + r + " differs from |S| = " + S.length + " for S = "
                + CriticalValues.setText(S) + " (Prop. 1 fails: not a critical point within the rank tolerance)"
                : String.format(Locale.ROOT, "gradient is small (%.2g) but W_{H:1} Sxy is not U_S Lambda_S U_S^T "
                + "(residual %.3g lambda_1 > %.1g): not associated with any S, so not a critical point within tolerance",
                relativeGradient, residual, tolerance);
    }

    /** The critical value {@code tr Syy - sum_{k in S} lambda_k} (plain sum). */
    double value(Dataset data) {
        double value = data.traceSyy();
        for (int k : S) {
            value -= data.eigenvalue(k);
        }
        return value;
    }
}
