package io.github.dlnkit.critical;

import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;

import java.util.Arrays;
import java.util.List;
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
        int rMax = w.architecture().rMax();
        double lossValue = Loss.of(data).value(w);
        Criticality crit = Criticality.measure(data, w, options.gradientTolerance());
        if (!crit.critical()) {
            Margins m = new Margins(crit.relativeGradient(), crit.decades(), Double.NaN, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            return notCritical(data, w, lossValue, crit.reason(), m);
        }
        Association assoc = Association.measure(data, w, options.associationTolerance(), options.rankTolerance());
        if (!assoc.associated()) {
            Margins m = new Margins(crit.relativeGradient(), crit.decades(), assoc.residual(), assoc.decades(),
                    assoc.rankDecades(), Double.POSITIVE_INFINITY);
            return notCritical(data, w, lossValue, assoc.reason(crit.relativeGradient()), m);
        }
        int[] s = assoc.S();
        int r = assoc.r();
        Theorem7Phase t7 = Theorem7Phase.measure(data, w, s, r, options.pivotTolerance(), options.rankTolerance());
        Theorem7.Verdict v = t7.verdict();
        Optional<Witness> witness = options.witness() ? witness(data, w, s, r, t7) : Optional.empty();
        Margins margins = new Margins(crit.relativeGradient(), crit.decades(), assoc.residual(), assoc.decades(),
                Math.min(assoc.rankDecades(), t7.rankDecades()), t7.pivotDecades());
        return new Classification(v.pointClass(), true, s, r, rMax, assoc.value(data), lossValue, v.reason(),
                t7.pivots(), v.minimal(), margins, witness, hessianCheck(data, w, v.pointClass()), w.architecture());
    }

    private Classification notCritical(Dataset data, Weights w, double lossValue, String reason, Margins m) {
        return new Classification(PointClass.NOT_CRITICAL, false, new int[0], -1, w.architecture().rMax(), Double.NaN,
                lossValue, reason, List.of(), List.of(), m, Optional.empty(),
                hessianCheck(data, w, PointClass.NOT_CRITICAL), w.architecture());
    }

    /** The witness of a saddle: rotation (S not a prefix), pivot (a pivot not tightened) or chain (non-strict). */
    private Optional<Witness> witness(Dataset data, Weights w, int[] s, int r, Theorem7Phase t7) {
        Theorem7.Verdict v = t7.verdict();
        if (v.pointClass() == PointClass.GLOBAL_MIN) {
            return Optional.empty();
        }
        if (!CriticalValues.isPrefix(s)) {
            return Optional.of(Witnesses.rotation(data, w, s));
        }
        if (v.pointClass() == PointClass.STRICT_SADDLE) {
            for (Pivot x : v.witnessOrder()) {
                if (!x.tightened()) {
                    Optional<Witness> found = Witnesses.pivot(data, w, r, x, options.rankTolerance());
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
        return Witnesses.chain(data, w, r, t7.pivots(), options.rankTolerance());
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
}
