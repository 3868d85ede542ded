package io.github.dlnkit.critical;

import io.github.dlnkit.model.Checks;
import io.github.dlnkit.model.Dataset;
import io.github.dlnkit.model.Loss;
import io.github.dlnkit.model.Weights;

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
 * <p>Three phases, each a record that feeds the margins: {@link Criticality} (relative gradient against the size of
 * what the gradient is made of), {@link Association} ({@code S} from {@code U^T P Sxy U}; {@code r = |S|}, Prop. 1)
 * and {@link Theorem7Phase} (pivots and inner ranks cut at the largest gap of their values, then
 * {@link Theorem7#decide}). Every quantity is measured against the norms of the partial products it is made of
 * ({@link Scales}), so the decisions do not change when the data are scaled, the layers rescaled
 * ({@code prod c_h = 1}) or the hidden bases changed, as far as double precision allows; the margins
 * ({@link Margins}) are the evidence of each decision and a weak one makes the verdict {@link Confidence#FRAGILE}.
 * See {@code docs/theory/numerical-decisions.md}.
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

    /** Default relative gradient tolerance of {@link Criticality}. */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;
    /** Default association tolerance, relative to {@code lambda_1}. */
    public static final double DEFAULT_ASSOCIATION_TOLERANCE = 1e-6;
    /**
     * Default floor of the rank and pivot cuts, relative to the size a quantity is made of: values below it are zero
     * whatever the gaps; the rounding floor {@code n eps} applies anyway, so the default leaves the gaps to decide.
     */
    public static final double DEFAULT_FLOOR = 1e-15;
    /** Default relative threshold of the Hessian check: negative curvature below {@code -1e-9 ||Hess||}. */
    public static final double DEFAULT_HESSIAN_TOLERANCE = 1e-9;
    /**
     * The relative gradient of a critical point is the rounding noise its weights carry (an exact critical point has
     * none); rank and pivot floors are at least this many times it, so that noise from an ill-conditioned change of
     * basis, computed in floating point, is not read as a rank or a pivot.
     */
    public static final double NOISE_FACTOR = 10;
    /** Default largest number of parameters for the dense Hessian check. */
    public static final int DEFAULT_MAX_HESSIAN_PARAMETERS = 4000;

    /** Fluent builder; defaults are the {@code DEFAULT_*} constants, witness on, Hessian off. */
    public static final class Builder {
        private double gradientTolerance = DEFAULT_GRADIENT_TOLERANCE;
        private double associationTolerance = DEFAULT_ASSOCIATION_TOLERANCE;
        private double rankTolerance = DEFAULT_FLOOR;
        private double pivotTolerance = DEFAULT_FLOOR;
        private boolean witness = true;
        private boolean hessian;
        private double hessianTolerance = DEFAULT_HESSIAN_TOLERANCE;
        private int maxHessianParameters = DEFAULT_MAX_HESSIAN_PARAMETERS;

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

        /** Floor of the rank cuts: singular values below {@code t} times the size of their product are zero. */
        public Builder rankTolerance(double t) {
            rankTolerance = tol("rankTolerance", t);
            return this;
        }

        /** Floor of the pivot cut: {@code ||N_ij||} below {@code t} times the size it is made of is zero. */
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

        /** Negative curvature is certain below {@code -max(t ||Hess||, 100 n eps ||Hess||)} ({@link HessianCheck}). */
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
        Scales sc = Scales.of(w);
        List<Decision> decisions = new ArrayList<>();
        Criticality crit = Criticality.measure(data, w, sc, options.gradientTolerance());
        decisions.add(crit.decision());
        if (!crit.critical()) {
            return notCritical(data, w, lossValue, crit.reason(), crit, Double.NaN, decisions);
        }
        Association assoc = Association.measure(data, w, sc, options.associationTolerance(), options.rankTolerance());
        decisions.addAll(assoc.decisions());
        if (!assoc.associated()) {
            return notCritical(data, w, lossValue, assoc.reason(crit.relativeGradient()), crit, assoc.residual(),
                    decisions);
        }
        int[] s = assoc.S();
        int r = assoc.r();
        double noise = NOISE_FACTOR * crit.relativeGradient(); // what the point's own rounding shows
        Theorem7Phase t7 = Theorem7Phase.measure(data, w, sc, s, r, Math.max(options.pivotTolerance(), noise),
                Math.max(options.rankTolerance(), noise));
        decisions.addAll(t7.decisions());
        Theorem7.Verdict v = t7.verdict();
        Optional<Witness> witness = options.witness() ? witness(data, w, s, r, t7) : Optional.empty();
        Optional<Decision> weak = Decision.weakest(decisions);
        return new Classification(v.pointClass(), true, s, r, rMax, assoc.value(data), lossValue, v.reason(),
                t7.pivots(), v.minimal(), margins(crit, assoc.residual(), decisions), confidence(weak), fragile(weak),
                witness, hessianCheck(data, w, v.pointClass()), w.architecture());
    }

    private Classification notCritical(Dataset data, Weights w, double lossValue, String reason, Criticality crit,
                                       double residual, List<Decision> decisions) {
        Optional<Decision> weak = Decision.weakest(decisions);
        return new Classification(PointClass.NOT_CRITICAL, false, new int[0], -1, w.architecture().rMax(), Double.NaN,
                lossValue, reason, List.of(), List.of(), margins(crit, residual, decisions), confidence(weak),
                fragile(weak), Optional.empty(), hessianCheck(data, w, PointClass.NOT_CRITICAL), w.architecture());
    }

    private static Margins margins(Criticality crit, double residual, List<Decision> decisions) {
        return new Margins(crit.relativeGradient(), Decision.min(decisions, Decision.Kind.GRADIENT), residual,
                Decision.min(decisions, Decision.Kind.ASSOCIATION), Decision.min(decisions, Decision.Kind.RANK),
                Decision.min(decisions, Decision.Kind.PIVOT));
    }

    private static Confidence confidence(Optional<Decision> weak) {
        return weak.isPresent() ? Confidence.FRAGILE : Confidence.CLEAN;
    }

    private static String fragile(Optional<Decision> weak) {
        return weak.map(d -> String.format(Locale.ROOT, "%s was decided with %.1f decades of evidence (%s); "
                + "exact arithmetic (--exact) or a less noisy point would settle it", d.what(), d.decades(),
                d.evidence())).orElse("");
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
                    Optional<Witness> found = Witnesses.pivot(data, w, r, x, Witnesses.KERNEL_TOLERANCE);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
        return Witnesses.chain(data, w, r, t7.pivots(), Witnesses.KERNEL_TOLERANCE);
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
        return Optional.of(HessianCheck.of(HessianSpectrum.eigenvalues(data, w), cls, options.hessianTolerance()));
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
