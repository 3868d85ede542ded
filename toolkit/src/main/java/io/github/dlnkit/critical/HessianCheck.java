package io.github.dlnkit.critical;

import java.util.Arrays;

/**
 * The dense-Hessian cross-check of a {@link Classification} ({@code achour2024.md} section 10), on the Hessian's own
 * scale. With {@code ||Hess|| = max |mu|} over its eigenvalues and {@code n} parameters, the eigenvalues of the
 * computed Hessian are known to about {@code rounding = n eps ||Hess||}; negative curvature is certain below
 * {@code -threshold}, {@code threshold = max(tol ||Hess||, 100 rounding)}. So the smallest eigenvalue falls in one of
 * three bands: clearly negative ({@code < -threshold}), zero within rounding ({@code >= -10 rounding}), or in between,
 * where double precision cannot tell. A strict saddle needs the first, a global minimizer or non-strict saddle the
 * second; the band in between is {@link Outcome#UNDECIDABLE}, and points that are not critical are
 * {@link Outcome#NOT_APPLICABLE} (Theorem 7 says nothing about them).
 *
 * @param min           smallest Hessian eigenvalue (plain-sum loss)
 * @param max           largest Hessian eigenvalue
 * @param negativeCount eigenvalues below {@code -threshold}
 * @param zeroCount     eigenvalues with {@code |mu| <= threshold}
 * @param threshold     {@code max(tol ||Hess||, 100 rounding)}
 * @param rounding      {@code n eps ||Hess||}
 * @param outcome       what the Hessian says about the verdict
 */
public record HessianCheck(double min, double max, int negativeCount, int zeroCount, double threshold, double rounding,
                           Outcome outcome) {
    /** What the Hessian's smallest eigenvalue says about a verdict. */
    public enum Outcome {
        /** The sign of the smallest eigenvalue confirms the class. */
        AGREES,
        /** It contradicts the class (negative curvature at a PSD verdict, or none above rounding at a strict one). */
        DISAGREES,
        /** The smallest eigenvalue lies between rounding and the threshold: double precision cannot tell. */
        UNDECIDABLE,
        /** The point is not critical: the Hessian's sign says nothing about Theorem 7. */
        NOT_APPLICABLE
    }

    /** Checks the ascending eigenvalues {@code ev} of the Hessian against the class. */
    public static HessianCheck of(double[] ev, PointClass cls, double tolerance) {
        double norm = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
        double rounding = ev.length * Scales.EPS * norm;
        double thr = Math.max(tolerance * norm, 100 * rounding);
        double min = ev[0];
        boolean negative = min < -thr;
        boolean flat = min >= -10 * rounding;
        Outcome o;
        if (cls == PointClass.NOT_CRITICAL) {
            o = Outcome.NOT_APPLICABLE;
        } else if (!negative && !flat) {
            o = Outcome.UNDECIDABLE;
        } else if (cls == PointClass.STRICT_SADDLE) {
            o = negative ? Outcome.AGREES : Outcome.DISAGREES;
        } else {
            o = flat ? Outcome.AGREES : Outcome.DISAGREES;
        }
        int neg = (int) Arrays.stream(ev).filter(x -> x < -thr).count();
        int zero = (int) Arrays.stream(ev).filter(x -> Math.abs(x) <= thr).count();
        return new HessianCheck(min, ev[ev.length - 1], neg, zero, thr, rounding, o);
    }

    /** Whether the check confirms the verdict. */
    public boolean agrees() {
        return outcome == Outcome.AGREES;
    }
}
