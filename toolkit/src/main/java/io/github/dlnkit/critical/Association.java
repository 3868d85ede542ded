package io.github.dlnkit.critical;

import io.github.dlnkit.linalg.SingularOps;
import io.github.dlnkit.linalg.MatrixOps;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phase 2 of {@link Classifier}: the index set {@code S} of a critical point (Prop. 1). With
 * {@code D = U^T P Sxy U}, {@code S = {k : D_kk > lambda_k / 2}} (at a critical point each ratio
 * {@code D_kk / lambda_k} is 0 or 1), requiring {@code max|D - diag(lambda_S)| <= tol * lambda_1}, the tolerance
 * raised to the rounding level {@code n eps made(H,1) ||Sxy||_F / lambda_1} when that is larger; both are
 * ratios of quantities that scale alike, so data scaling, layer rescaling and hidden changes of basis leave them
 * unchanged. Then {@code r = rk P = |S|} (Prop. 1: {@code P = U_S U_S^T Syx Sxx^{-1}}); the singular values of
 * {@code P} are not thresholded but checked: the ratio {@code sigma_|S| / sigma_{|S|+1}} (the next one at least the
 * rounding floor of {@code P}) is the margin of the rank.
 *
 * @param S         1-based indices
 * @param residual  {@code max |D - diag(lambda_k 1[k in S])| / lambda_1}
 * @param tolerance the association tolerance
 * @param r         {@code |S|}
 * @param decisions the decisions {@code k in S} and {@code rk P = |S|}, with margins
 */
record Association(int[] S, double residual, double tolerance, int r, List<Decision> decisions) {
    static Association measure(Dataset data, Weights w, Scales sc, double tolerance, double rankFloor) {
        double[] lambda = data.eigenvalues();
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj p = w.endToEnd();
        DMatrixRMaj d = MatrixOps.multTransA(u, MatrixOps.mult(MatrixOps.mult(p, data.sxy()), u));
        int dy = lambda.length;
        List<Integer> sList = new ArrayList<>();
        double deviation = 0; // of D_kk / lambda_k from 0 or 1
        int worstK = 1;
        for (int k = 0; k < dy; k++) {
            double ratio = d.get(k, k) / lambda[k];
            double dev = Math.min(Math.abs(ratio), Math.abs(ratio - 1));
            if (dev > deviation) {
                deviation = dev;
                worstK = k + 1;
            }
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
        // the residual cannot be resolved below the rounding level of P Sxy, relative to lambda_1
        double resolution = sc.roundoff() * sc.made(w.depth(), 1) * MatrixOps.normF(data.sxy()) / lambda[0];
        tolerance = Math.max(tolerance, resolution);
        List<Decision> out = new ArrayList<>();
        out.add(new Decision(Decision.Kind.ASSOCIATION, "S = " + CriticalValues.setText(s),
                Margins.cap(deviation == 0 ? Margins.CLEAN : Math.log10(0.5 / deviation)),
                String.format(Locale.ROOT, "D_kk/lambda_k is at most %.3g from 0 or 1 (at k = %d), cut at 1/2",
                        deviation, worstK)));
        out.add(new Decision(Decision.Kind.ASSOCIATION, "P Sxy = U_S Lambda_S U_S^T",
                Margins.cap(resid == 0 ? Margins.CLEAN : Math.abs(Math.log10(tolerance / resid))),
                String.format(Locale.ROOT, "residual %.3g lambda_1 against tolerance %.1g", resid, tolerance)));
        if (resid <= tolerance) {
            out.add(rankOfP(p, s.length, sc, rankFloor));
        }
        return new Association(s, resid, tolerance, s.length, out);
    }

    /** The margin of {@code rk P = |S|}: {@code log10(sigma_|S| / max(sigma_{|S|+1}, floor))}. */
    private static Decision rankOfP(DMatrixRMaj p, int r, Scales sc, double rankFloor) {
        int hc = sc.depth();
        double made = sc.made(hc, 1);
        double floor = Math.max(rankFloor, sc.roundoff()) * made;
        double[] sv = SingularOps.svd(p).s();
        double kept = r == 0 ? made : sv[r - 1];
        double dropped = r < sv.length ? Math.max(sv[r], floor) : floor;
        double decades = Margins.cap(Math.log10(kept / dropped));
        return new Decision(Decision.Kind.RANK, "rk W_{H:1} = |S| = " + r, decades,
                String.format(Locale.ROOT, "sigma_%d = %.3g, sigma_%d = %.3g (rounding floor %.2g)", r, kept, r + 1,
                        r < sv.length ? sv[r] : 0.0, floor));
    }

    boolean associated() {
        return residual <= tolerance;
    }

    String reason(double relativeGradient) {
        return String.format(Locale.ROOT, "gradient is small (%.2g) but W_{H:1} Sxy is not U_S Lambda_S U_S^T "
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
