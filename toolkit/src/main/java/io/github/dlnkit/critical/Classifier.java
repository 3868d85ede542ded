package io.github.dlnkit.critical;

import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Classification of a point by Theorem 7 ({@code achour2024.md} sections 4-10), with the derived pivot rule:
 * {@code (i,j)} is a pivot iff {@code N_ij = W_{j-1:1} Sxy U_{S^c} U_{S^c}^T W_{H:i+1} != 0}, tightened iff
 * {@code rk W_{i-1:j+1} = r}. The rank-only reading of the paper (pivot iff both complementary blocks have rank
 * {@code > r}) is <b>not</b> used: it misclassifies example A of {@code worked-examples.md} (section 7 caveat).
 *
 * <p>Steps (section 10): (1) criticality: {@code max_h ||grad_h|| / scale_h <= gradientTolerance} with
 * {@code scale_h = 2 prod_{k != h} ||W_k||_F (||P||_F ||Sxx||_F + ||Syx||_F)}, the size the gradient would have
 * if nothing cancelled; (2) association: {@code D = U^T P Sxy U}, {@code S = {k : D_kk > lambda_k / 2}},
 * requiring {@code max|D - diag(lambda_S)| <= associationTolerance * lambda_1} and {@code rk P = |S|};
 * (3) Theorem 7. Ranks: singular values above {@code rankTolerance * prod ||W_h||_F} of the factors;
 * pivots: {@code ||N_ij||_F > pivotTolerance * ||M||_F prod_{h<j or h>i} ||W_h||_F}. All decisions are invariant
 * under hidden changes of basis up to the conditioning of the change.
 */
public final class Classifier {
    private final Options options;

    private Classifier(Options options) {
        this.options = options;
    }

    /** Classifies with {@link Options#defaults()} (witness on, no Hessian). */
    public static Classification classify(Dataset data, Weights w) {
        return classify(data, w, Options.defaults());
    }

    /** Classifies with the given options. */
    public static Classification classify(Dataset data, Weights w, Options options) {
        return new Classifier(options).run(data, w);
    }

    /** Tolerances and extras of {@link Classifier}; build with {@link #builder()}. */
    public record Options(double gradientTolerance, double associationTolerance, double rankTolerance,
                          double pivotTolerance, boolean witness, boolean hessian, double hessianTolerance,
                          int maxHessianParameters) {
        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder initialised from these options. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.gradientTolerance = gradientTolerance;
            b.associationTolerance = associationTolerance;
            b.rankTolerance = rankTolerance;
            b.pivotTolerance = pivotTolerance;
            b.witness = witness;
            b.hessian = hessian;
            b.hessianTolerance = hessianTolerance;
            b.maxHessianParameters = maxHessianParameters;
            return b;
        }
    }

    /** Fluent builder; defaults: gradient 1e-8, association 1e-6, rank 1e-9, pivot 1e-9, witness on, Hessian off (tol 1e-7, max 4000 parameters). */
    public static final class Builder {
        private double gradientTolerance = 1e-8;
        private double associationTolerance = 1e-6;
        private double rankTolerance = 1e-9;
        private double pivotTolerance = 1e-9;
        private boolean witness = true;
        private boolean hessian;
        private double hessianTolerance = 1e-7;
        private int maxHessianParameters = 4000;

        private Builder() {
        }

        public Builder gradientTolerance(double t) {
            gradientTolerance = tol("gradientTolerance", t);
            return this;
        }

        public Builder associationTolerance(double t) {
            associationTolerance = tol("associationTolerance", t);
            return this;
        }

        public Builder rankTolerance(double t) {
            rankTolerance = tol("rankTolerance", t);
            return this;
        }

        public Builder pivotTolerance(double t) {
            pivotTolerance = tol("pivotTolerance", t);
            return this;
        }

        /** Compute a witness for saddles (default on). */
        public Builder witness(boolean on) {
            witness = on;
            return this;
        }

        /** Cross-check with the dense Hessian spectrum (default off). */
        public Builder hessian(boolean on) {
            hessian = on;
            return this;
        }

        /** Strict iff {@code lambda_min(Hess) < -t * lambda_1(Sigma)}. */
        public Builder hessianTolerance(double t) {
            hessianTolerance = tol("hessianTolerance", t);
            return this;
        }

        /** Refuse the dense Hessian above this many parameters. */
        public Builder maxHessianParameters(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxHessianParameters must be >= 1, got " + n);
            }
            maxHessianParameters = n;
            return this;
        }

        public Options build() {
            return new Options(gradientTolerance, associationTolerance, rankTolerance, pivotTolerance, witness,
                    hessian, hessianTolerance, maxHessianParameters);
        }

        private static double tol(String name, double t) {
            Checks.positive(name, t);
            if (t >= 1) {
                throw new IllegalArgumentException(name + " is a relative tolerance and must be < 1, got " + t);
            }
            return t;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private Classification run(Dataset data, Weights w) {
        CriticalValues.requireMatching(data, w.architecture());
        data.requireAssumptionH();
        int hc = w.depth();
        int rMax = w.architecture().rMax();
        Loss loss = Loss.of(data);
        double lossValue = loss.value(w);
        double[] lambda = data.eigenvalues();
        DMatrixRMaj u = data.eigenvectors();
        DMatrixRMaj sxx = data.sxx();
        DMatrixRMaj syx = data.syx();
        DMatrixRMaj sxy = data.sxy();
        DMatrixRMaj p = w.endToEnd();
        double[] layerNorm = w.layerNorms();

        // (1) criticality, scale-aware
        Weights g = loss.gradient(w);
        double[] gn = g.layerNorms();
        double base = 2 * (Numerics.normF(p) * Numerics.normF(sxx) + Numerics.normF(syx));
        double relGrad = 0;
        int worst = 1;
        for (int h = 1; h <= hc; h++) {
            double scale = base;
            for (int k = 1; k <= hc; k++) {
                if (k != h) {
                    scale *= layerNorm[k - 1];
                }
            }
            double rel = gn[h - 1] == 0 ? 0 : gn[h - 1] / scale;
            if (!(rel <= relGrad)) {
                relGrad = rel;
                worst = h;
            }
        }
        double gradDecades = decadesBelow(relGrad, options.gradientTolerance());
        if (!(relGrad <= options.gradientTolerance())) {
            Margins m = new Margins(relGrad, gradDecades, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            String reason = String.format(Locale.ROOT, "not a critical point: relative gradient %.3g > tolerance %.1g "
                    + "(largest at W_%d, |grad W_%d| = %.3g)", relGrad, options.gradientTolerance(), worst, worst, gn[worst - 1]);
            return new Classification(PointClass.NOT_CRITICAL, false, new int[0], -1, rMax, Double.NaN, lossValue,
                    reason, List.of(), List.of(), m, Optional.empty(), hessianCheck(data, w, PointClass.NOT_CRITICAL), w.architecture());
        }

        // (2) association with S
        DMatrixRMaj d = Numerics.multTransA(u, Numerics.mult(Numerics.mult(p, sxy), u));
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
        for (double n : layerNorm) {
            pScale *= n;
        }
        Numerics.Svd pSvd = Numerics.svd(p);
        double pThr = options.rankTolerance() * pScale;
        int r = rankAbove(pSvd.s(), pThr);
        double rankDecades = marginAbove(pSvd.s(), r, pThr);
        double assocDecades = Math.min(decadesBelow(resid, options.associationTolerance()),
                closest == 0 ? 0 : Math.log10(closest / options.associationTolerance()));
        if (!(resid <= options.associationTolerance()) || r != s.length) {
            Margins m = new Margins(relGrad, gradDecades, resid, assocDecades, rankDecades, Double.POSITIVE_INFINITY);
            String reason = r != s.length && resid <= options.associationTolerance()
                    ? "gradient is small but rk(W_{H:1}) = " + r + " differs from |S| = " + s.length + " for S = "
                    + CriticalValues.setText(s) + " (Prop. 1 fails: not a critical point within the rank tolerance)"
                    : String.format(Locale.ROOT, "gradient is small (%.2g) but W_{H:1} Sxy is not U_S Lambda_S U_S^T "
                    + "(residual %.3g lambda_1 > %.1g): not associated with any S, so not a critical point within tolerance",
                    relGrad, resid, options.associationTolerance());
            return new Classification(PointClass.NOT_CRITICAL, false, new int[0], -1, rMax, Double.NaN, lossValue,
                    reason, List.of(), List.of(), m, Optional.empty(), hessianCheck(data, w, PointClass.NOT_CRITICAL), w.architecture());
        }
        double value = data.traceSyy();
        for (int k : s) {
            value -= lambda[k - 1];
        }

        // (3) Theorem 7
        PointClass cls;
        String reason;
        List<Pivot> pivots = new ArrayList<>();
        List<Pivot> minimal = new ArrayList<>();
        double pivotDecades = Double.POSITIVE_INFINITY;
        Optional<Witness> witness = Optional.empty();
        boolean prefix = CriticalValues.isPrefix(s);
        if (prefix && r == rMax) {
            cls = PointClass.GLOBAL_MIN;
            reason = "S = " + CriticalValues.setText(s) + " = [[1, r_max]] with r_max = " + rMax
                    + ": global minimizer (Thm 7, Prop. 8)";
        } else if (!prefix) {
            cls = PointClass.STRICT_SADDLE;
            int l = firstMissing(s);
            int k = s[s.length - 1];
            reason = "S = " + CriticalValues.setText(s) + " is not [[1," + s.length + "]]: lambda_" + l
                    + " is not learned while lambda_" + k + " < lambda_" + l + " is (Thm 7: strict saddle)";
            if (options.witness()) {
                witness = Optional.of(Witnesses.rotation(data, w, s));
            }
        } else {
            // S = [[1, r]], r < r_max: pivots
            DMatrixRMaj uc = Numerics.columns(u, r, dy);
            DMatrixRMaj m = Numerics.multTransB(Numerics.mult(sxy, uc), uc); // Sxy U_c U_c^T, d_x x d_y
            double mNorm = Numerics.normF(m);
            boolean[][] isPivot = new boolean[hc + 1][hc + 1];
            Pivot[][] table = new Pivot[hc + 1][hc + 1];
            for (int i = 2; i <= hc; i++) {
                DMatrixRMaj above = w.product(hc, i + 1); // W_{H:i+1}
                double aboveScale = 1;
                for (int h = i + 1; h <= hc; h++) {
                    aboveScale *= layerNorm[h - 1];
                }
                for (int j = 1; j < i; j++) {
                    DMatrixRMaj below = w.product(j - 1, 1); // W_{j-1:1}
                    double belowScale = 1;
                    for (int h = 1; h < j; h++) {
                        belowScale *= layerNorm[h - 1];
                    }
                    DMatrixRMaj n = Numerics.mult(Numerics.mult(below, m), above);
                    double nNorm = Numerics.normF(n);
                    double thr = options.pivotTolerance() * mNorm * aboveScale * belowScale;
                    boolean piv = nNorm > thr;
                    pivotDecades = Math.min(pivotDecades, nNorm == 0 ? Double.POSITIVE_INFINITY
                            : Math.abs(Math.log10(nNorm / thr)));
                    if (piv) {
                        DMatrixRMaj inner = w.product(i - 1, j + 1);
                        double innerScale = 1;
                        for (int h = j + 1; h <= i - 1; h++) {
                            innerScale *= layerNorm[h - 1];
                        }
                        Numerics.Svd isvd = Numerics.svd(inner);
                        double ithr = options.rankTolerance() * innerScale;
                        int ir = rankAbove(isvd.s(), ithr);
                        rankDecades = Math.min(rankDecades, marginAbove(isvd.s(), ir, ithr));
                        Pivot pv = new Pivot(i, j, nNorm, ir, ir == r);
                        isPivot[i][j] = true;
                        table[i][j] = pv;
                        pivots.add(pv);
                    }
                }
            }
            for (Pivot pv : pivots) {
                int i = pv.i();
                int j = pv.j();
                boolean narrowerI = i - 1 > j && isPivot[i - 1][j];
                boolean narrowerJ = j + 1 < i && isPivot[i][j + 1];
                if (!narrowerI && !narrowerJ) {
                    minimal.add(pv);
                }
            }
            Pivot bad = minimal.stream().filter(x -> !x.tightened()).findFirst()
                    .orElse(pivots.stream().filter(x -> !x.tightened()).findFirst().orElse(null));
            if (bad != null) {
                cls = PointClass.STRICT_SADDLE;
                reason = String.format(Locale.ROOT, "S = [[1,%d]], r = %d < r_max = %d, but pivot (%d,%d) is not "
                                + "tightened: its inner block W_{%d:%d} has rank %d > r (Def. 5, Thm 7: strict saddle)",
                        r, r, rMax, bad.i(), bad.j(), bad.i() - 1, bad.j() + 1, bad.innerRank());
                if (options.witness()) {
                    List<Pivot> order = new ArrayList<>(minimal);
                    pivots.stream().filter(x -> !order.contains(x)).forEach(order::add);
                    for (Pivot x : order) {
                        if (!x.tightened() && witness.isEmpty()) {
                            witness = Witnesses.pivot(data, w, r, x, options.rankTolerance());
                        }
                    }
                }
            } else {
                cls = PointClass.NON_STRICT_SADDLE;
                reason = String.format(Locale.ROOT, "S = [[1,%d]], r = %d < r_max = %d and all %d pivots are tightened "
                        + "(minimal: %s): non-strict saddle (Def. 6, Thm 7)", r, r, rMax, pivots.size(),
                        minimal.stream().map(x -> "(" + x.i() + "," + x.j() + ")").toList());
                if (options.witness()) {
                    witness = Witnesses.chain(data, w, r, pivots, options.rankTolerance());
                }
            }
        }
        Margins margins = new Margins(relGrad, gradDecades, resid, assocDecades, rankDecades, pivotDecades);
        return new Classification(cls, true, s, r, rMax, value, lossValue, reason, pivots, minimal, margins, witness,
                hessianCheck(data, w, cls), w.architecture());
    }

    private Optional<HessianCheck> hessianCheck(Dataset data, Weights w, PointClass cls) {
        if (!options.hessian()) {
            return Optional.empty();
        }
        int n = w.architecture().parameterCount();
        if (n > options.maxHessianParameters()) {
            throw new IllegalArgumentException("the dense Hessian has n = " + n + " > maxHessianParameters "
                    + options.maxHessianParameters() + " parameters; raise the limit or classify without the Hessian check");
        }
        double[] ev = HessianSpectrum.eigenvalues(data, w);
        double thr = options.hessianTolerance() * data.eigenvalue(1);
        double min = ev[0];
        boolean agrees = switch (cls) {
            case STRICT_SADDLE -> min < -thr;
            case GLOBAL_MIN, NON_STRICT_SADDLE -> min >= -thr;
            case NOT_CRITICAL -> true;
        };
        int neg = (int) Arrays.stream(ev).filter(x -> x < -thr).count();
        int zero = (int) Arrays.stream(ev).filter(x -> Math.abs(x) <= thr).count();
        return Optional.of(new HessianCheck(min, ev[ev.length - 1], neg, zero, thr, agrees));
    }

    static int rankAbove(double[] s, double thr) {
        int r = 0;
        for (double x : s) {
            if (x > thr) {
                r++;
            }
        }
        return r;
    }

    /** Decades between the rank decision's nearest singular values and the threshold. */
    static double marginAbove(double[] s, int rank, double thr) {
        double m = Double.POSITIVE_INFINITY;
        if (rank >= 1) {
            m = Math.min(m, Math.log10(s[rank - 1] / thr));
        }
        if (rank < s.length && s[rank] > 0) {
            m = Math.min(m, Math.log10(thr / s[rank]));
        }
        return m;
    }

    private static double decadesBelow(double x, double tol) {
        return x == 0 ? Double.POSITIVE_INFINITY : Math.log10(tol / x);
    }

    private static int firstMissing(int[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] != i + 1) {
                return i + 1;
            }
        }
        return s.length + 1;
    }
}
